import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { fileNameSlug } from "@/lib/domain/export-files";
import { authorizedRoute } from "@/lib/server/http/route-handler";
import { downloadResponse, tableToFile } from "@/lib/server/http/table-file";
import { type RecapRow, loadSignOffRecap } from "@/lib/server/sign-off/recap";

/** The admin's recapitulation of a cycle's Berita Acara per institution, as XLSX (or CSV with ?format=csv). */
export const GET = authorizedRoute("/api/cycles/[id]/berita-acara-recap", z.object({ id: z.uuid() }), async ({ actor, params, request }) => {
  const format = request.nextUrl.searchParams.get("format") === "csv" ? "csv" : "xlsx";
  const recap = await loadSignOffRecap(actor, params.id);
  const t = await getTranslations("signOff.recap");
  const file = await tableToFile<RecapRow>(
    {
      sheetName: t("sheet"),
      columns: [
        { header: t("institution"), value: (r) => r.institution, width: 40 },
        { header: t("loci"), value: (r) => r.loci },
        { header: t("verified"), value: (r) => r.approved },
        { header: t("signedVerifier"), value: (r) => r.signedByVerifier },
        { header: t("signedHead"), value: (r) => r.signedByHead },
        { header: t("codes"), value: (r) => r.codes, width: 40 },
      ],
      rows: recap.rows,
    },
    format,
  );
  return downloadResponse(file, `rekap-berita-acara-${fileNameSlug(recap.cycleName)}.${format}`, format);
});
