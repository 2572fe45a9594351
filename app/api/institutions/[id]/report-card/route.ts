import { getFormatter, getTranslations } from "next-intl/server";
import { fileNameSlug } from "@/lib/domain/export-files";
import { z } from "zod";
import { loadReportCard } from "@/lib/server/results/report-card";
import { renderReportCard } from "@/lib/server/results/report-card-pdf";
import { downloadResponse } from "@/lib/server/http/table-file";
import { authorizedRoute, errorResponse } from "@/lib/server/http/route-handler";

const ZQuery = z.object({ cycle: z.uuid().optional().catch(undefined) });

/** The PDF report card of an institution in a cycle: its admin or its own head. */
export const GET = authorizedRoute("/api/institutions/[id]/report-card", z.object({ id: z.uuid() }), async ({ actor, params, request }) => {
  const query = ZQuery.parse(Object.fromEntries(request.nextUrl.searchParams));
  const data = await loadReportCard(actor, params.id, query.cycle);
  if (!data) return errorResponse(404, "errors.notFound");
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  const generatedAt = format.dateTime(new Date(), { dateStyle: "long", timeStyle: "short" });
  const pdf = await renderReportCard(
    {
      ...data,
      generatedAt,
      recommendations: data.recommendations.map((r) => ({
        ...r,
        status: `${t(`followUp.progress.${r.progress}`)}${r.overdue ? ` · ${t("followUp.overdue")}` : ""}`,
      })),
    },
    {
      title: t("reportCard.title"),
      cycle: t("reportCard.cycle", { cycle: data.view.cycle.name }),
      index: t("reportCard.index"),
      notComplete: t("reportCard.notComplete", { verified: data.view.loci.filter((l) => l.result).length, total: data.view.loci.length }),
      aspects: t("reportCard.aspects"),
      aspectHeaders: [t("dashboard.aspect"), t("dashboard.weight"), t("dashboard.self"), t("dashboard.verified"), t("dashboard.gap")],
      loci: t("reportCard.loci"),
      lociHeaders: [t("dashboard.locus"), t("reportCard.serviceType"), "F-02", "F-03", t("publicResults.colIndex"), t("publicResults.colGrade")],
      serviceType: (code) => t(`serviceType.${code}`),
      notVerified: t("head.notVerifiedYet"),
      recommendations: t("reportCard.recommendations"),
      none: t("dashboard.noRecommendations"),
      footer: t("reportCard.footer", { date: generatedAt }),
    },
  );
  const slug = fileNameSlug(data.institutionName, data.view.cycle.name);
  return downloadResponse(pdf, `rapor-${slug}.pdf`, "pdf");
});
