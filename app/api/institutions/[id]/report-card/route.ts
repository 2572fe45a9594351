import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { awardLines, standingLines } from "@/components/results/standing-text";
import { fileNameSlug } from "@/lib/domain/export-files";
import { authorizedRoute, errorResponse } from "@/lib/server/http/route-handler";
import { downloadResponse } from "@/lib/server/http/table-file";
import { loadReportCard } from "@/lib/server/results/report-card";
import { renderReportCard } from "@/lib/server/results/report-card-pdf";

const ZQuery = z.object({ cycle: z.uuid().optional().catch(undefined) });

/** The PDF report card of an institution in a cycle: its admin or its own head. */
export const GET = authorizedRoute("/api/institutions/[id]/report-card", z.object({ id: z.uuid() }), async ({ actor, params, request }) => {
  const query = ZQuery.parse(Object.fromEntries(request.nextUrl.searchParams));
  const data = await loadReportCard(actor, params.id, query.cycle);
  if (!data) return errorResponse(404, "errors.notFound");
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getLocale()]);
  const generatedAt = format.dateTime(new Date(), { dateStyle: "long", timeStyle: "short" });
  // A target date is a calendar day (YYYY-MM-DD): written as "6 Desember 2026", never shifted by a time zone.
  const calendarDay = (day: string | null) => (day ? format.dateTime(new Date(`${day}T00:00:00Z`), { dateStyle: "long", timeZone: "UTC" }) : "—");
  const ranks = standingLines(t, data.standing);
  const pdf = await renderReportCard(
    {
      institutionName: data.institutionName,
      view: data.view,
      notices: data.correction
        ? [
            t("reportCard.corrected", {
              date: format.dateTime(data.correction.publishedAt, { dateStyle: "long", timeZone: "Asia/Jakarta" }),
              decree: data.correction.decreeReference,
            }),
          ]
        : [],
      standing: ranks ? [ranks.national, ...(ranks.province ? [ranks.province] : [])] : [],
      awards: data.standing.awards.map((award) => awardLines(t, locale, award)),
      trend: data.trend.map((p) => [
        p.cycleName,
        p.published,
        p.grade,
        p.provisional ? t("dashboard.provisional") : p.publicResult ? t("dashboard.published") : t("dashboard.finalNotPublished"),
      ]),
      recommendations: data.recommendations.map((r) => ({
        locusName: r.locusName,
        target: r.target,
        text: r.text,
        targetDate: calendarDay(r.targetDate),
        status: `${t(`followUp.progress.${r.progress}`)}${r.overdue ? ` · ${t("followUp.overdue")}` : ""}`,
      })),
    },
    {
      title: t("reportCard.title"),
      cycle: t("reportCard.cycle", { cycle: data.view.cycle.name }),
      index: t("reportCard.index"),
      notComplete: t("reportCard.notComplete", { verified: data.view.loci.filter((l) => l.result).length, total: data.view.loci.length }),
      standing: t("dashboard.standingTitle"),
      noStanding: t("reportCard.noStanding"),
      awards: t("dashboard.awardsTitle"),
      noAwards: data.standing.publishedCycle ? t("dashboard.noAwards", { cycle: data.standing.publishedCycle.name }) : t("reportCard.noStanding"),
      trend: t("dashboard.trendTitle"),
      trendHeaders: [t("publicResults.cycle"), t("publicResults.colIndex"), t("publicResults.colGrade"), t("dashboard.trendStatus")],
      aspects: t("reportCard.aspects"),
      aspectsIntro: t("dashboard.lossIntro"),
      aspectHeaders: [t("dashboard.aspect"), t("dashboard.weight"), t("dashboard.self"), t("dashboard.verified"), t("dashboard.gap"), t("dashboard.loss")],
      loci: t("reportCard.loci"),
      lociHeaders: [t("dashboard.locus"), t("reportCard.serviceType"), "F-02", "F-03", t("publicResults.colIndex"), t("publicResults.colGrade")],
      serviceType: (code) => t(`serviceType.${code}`),
      notVerified: t("head.notVerifiedYet"),
      recommendations: t("reportCard.recommendations"),
      none: t("dashboard.noRecommendations"),
      footer: t("reportCard.footer", { date: generatedAt }),
      // Explain my score (issue 18): the public explanation once the cycle is published, else the head's own page.
      explain: t("explain.reportCardLine", {
        url: new URL(
          data.standing.publishedCycle?.id === data.view.cycle.id
            ? `/results/institutions/${params.id}/explain?cycle=${data.view.cycle.id}`
            : `/dashboard/explain?cycle=${data.view.cycle.id}`,
          request.nextUrl.origin,
        ).toString(),
      }),
    },
  );
  const slug = fileNameSlug(data.institutionName, data.view.cycle.name);
  return downloadResponse(pdf, `rapor-${slug}.pdf`, "pdf");
});
