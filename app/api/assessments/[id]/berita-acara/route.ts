import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { fileNameSlug } from "@/lib/domain/export-files";
import type { SignedContent } from "@/lib/domain/sign-off";
import { authorizedRoute, errorResponse } from "@/lib/server/http/route-handler";
import { downloadResponse } from "@/lib/server/http/table-file";
import { renderBeritaAcara } from "@/lib/server/sign-off/pdf";
import { loadSignOff } from "@/lib/server/sign-off/sign-off";

/**
 * The Berita Acara Verifikasi of a locus as a PDF: the current signed document (with its code, QR
 * code and signed content), or, when none is current, the data as it stands, marked unsigned.
 */
export const GET = authorizedRoute("/api/assessments/[id]/berita-acara", z.object({ id: z.uuid() }), async ({ actor, params, request }) => {
  const view = await loadSignOff(actor, params.id);
  if (!view) return errorResponse(404, "errors.notFound");
  const [t, format] = await Promise.all([getTranslations("signOff"), getFormatter()]);
  const last = view.latest?.current ? view.latest.lastSigned : null;
  const signed =
    view.latest && last
      ? {
          code: view.latest.code,
          url: new URL(`/verify/${view.latest.code}`, request.nextUrl.origin).toString(),
          content: last.content,
          contentHash: last.contentHash,
          signatories: (JSON.parse(last.content) as SignedContent).signatories,
          current: true,
        }
      : null;
  const pdf = await renderBeritaAcara(
    { body: view.body, details: view.details, signed },
    (key, values) => t(key, values),
    (iso) => format.dateTime(new Date(iso), { dateStyle: "long", timeStyle: "short", timeZone: "Asia/Jakarta" }),
  );
  const slug = fileNameSlug(view.body.locus.name, view.body.cycle.name);
  return downloadResponse(pdf, `berita-acara-${slug}${signed ? `-${signed.code}` : ""}.pdf`, "pdf");
});
