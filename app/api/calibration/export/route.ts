import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { gapText, meanGap } from "@/lib/domain/calibration";
import { fileNameSlug } from "@/lib/domain/export-files";
import { ZCalibrationFilters } from "@/lib/schemas/calibration";
import { loadCalibration } from "@/lib/server/calibration/calibration";
import { authorizedRoute, errorResponse } from "@/lib/server/http/route-handler";
import { downloadResponse, type ExportColumn, tableToFile } from "@/lib/server/http/table-file";

type Row = {
  dimension: string;
  group: string;
  answers: number;
  mean: string;
  over: number | null;
  under: number | null;
  quartiles: string | null;
  z: string | null;
};

/** The calibration page's tables (issue 18) as one XLSX sheet, with the page's filters. A static route: no params to parse. */
export const GET = authorizedRoute("/api/calibration/export", z.unknown(), async ({ actor, request }) => {
  const view = await loadCalibration(actor, ZCalibrationFilters.parse(Object.fromEntries(request.nextUrl.searchParams)));
  if (!view?.cycle) return errorResponse(404, "errors.notFound");
  const t = await getTranslations();
  const c = (key: string) => t(`calibration.${key}`);
  const titles = { indicator: c("byIndicator"), aspect: c("byAspect"), type: c("byType"), province: c("byProvince"), verifier: c("byVerifier") };
  const rows: Row[] = [
    {
      dimension: c("meanGap"),
      group: c("all"),
      answers: view.overall.answers,
      mean: gapText(meanGap(view.overall)),
      over: view.overall.over,
      under: view.overall.under,
      quartiles: null,
      z: null,
    },
    ...view.groups.map((g) => ({
      dimension: titles[g.dimension],
      group:
        g.dimension === "type"
          ? t(`institutionType.${g.key}`)
          : g.dimension === "indicator" || g.dimension === "aspect"
            ? `${g.key}. ${g.name}`
            : g.name || g.key,
      answers: g.answers,
      mean: gapText(meanGap(g)),
      over: g.over,
      under: g.under,
      quartiles: null,
      z: null,
    })),
    ...view.verifiers.map((v) => ({
      dimension: c("verifiersTitle"),
      group: v.name ?? v.verifierId,
      answers: v.answers,
      mean: gapText(v.meanAdjustment),
      over: v.raised,
      under: v.lowered,
      quartiles: `${v.q1} / ${v.median} / ${v.q3}`,
      z: v.z === null ? null : v.z.toFixed(2),
    })),
    ...view.trend.map((p) => ({
      dimension: c("trendTitle"),
      group: p.cycleName,
      answers: p.answers,
      mean: gapText(meanGap(p)),
      over: p.over,
      under: p.under,
      quartiles: null,
      z: null,
    })),
  ];
  const columns: ExportColumn<Row>[] = [
    { header: c("dimension"), value: (r) => r.dimension, width: 36 },
    { header: c("group"), value: (r) => r.group, width: 48 },
    { header: c("answers"), value: (r) => r.answers },
    { header: `${c("meanGap")} / ${c("meanAdjustment")}`, value: (r) => r.mean },
    { header: `${c("overRated")} / ${c("raised")}`, value: (r) => r.over },
    { header: `${c("underRated")} / ${c("lowered")}`, value: (r) => r.under },
    { header: c("quartiles"), value: (r) => r.quartiles },
    { header: c("zScore"), value: (r) => r.z },
  ];
  const file = await tableToFile({ sheetName: c("title"), columns, rows }, "xlsx");
  return downloadResponse(file, `kalibrasi-${fileNameSlug(view.cycle.name)}.xlsx`, "xlsx");
});
