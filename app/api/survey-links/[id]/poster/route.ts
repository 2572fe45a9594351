import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { fileNameSlug } from "@/lib/domain/export-files";
import { authorizedRoute, errorResponse } from "@/lib/server/http/route-handler";
import { downloadResponse } from "@/lib/server/http/table-file";
import { loadSurveyPoster, renderSurveyPoster } from "@/lib/server/survey/poster";
import { surveyBaseUrl } from "@/lib/server/survey/survey";

/**
 * The printable A4 poster of one F-03 link (QR code, the link written out, how to answer), for
 * whoever manages the locus's survey: admins, its verifier, its own unit's evaluators. Always in
 * Bahasa Indonesia: it hangs at the service counter.
 */
export const GET = authorizedRoute("/api/survey-links/[id]/poster", z.object({ id: z.uuid() }), async ({ actor, params }) => {
  const poster = await loadSurveyPoster(actor, params.id);
  if (!poster) return errorResponse(404, "errors.notFound");
  const t = await getTranslations({ locale: "id", namespace: "surveyAdmin.posterPdf" });
  const url = `${(await surveyBaseUrl()).replace(/\/+$/, "")}/survey/${poster.token}`;
  const pdf = await renderSurveyPoster(poster, url, (key, values) => t(key, values));
  return downloadResponse(pdf, `poster-survei-${fileNameSlug(poster.locusName, poster.cycleName)}.pdf`, "pdf");
});
