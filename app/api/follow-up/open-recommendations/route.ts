import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { ZOpenRecommendationsExport } from "@/lib/schemas/follow-up";
import { chooseFollowUpCycle, listFollowUpCycles, listFollowUpRecommendations, type FollowUpListRow } from "@/lib/server/follow-up/views";
import { downloadResponse, tableToFile, type ExportColumn } from "@/lib/server/http/table-file";
import { authorizedRoute, errorResponse } from "@/lib/server/http/route-handler";

/**
 * The open recommendations of a cycle in the caller's scope (admins: all; heads: their own
 * institution), as XLSX or CSV: `?format=xlsx|csv&cycle=<id>`, the rows the monitoring page lists.
 */
export const GET = authorizedRoute("/api/follow-up/open-recommendations", z.unknown(), async ({ actor, request }) => {
  const query = ZOpenRecommendationsExport.parse(Object.fromEntries(request.nextUrl.searchParams));
  const cycle = chooseFollowUpCycle(await listFollowUpCycles(actor), query.cycle);
  if (!cycle) return errorResponse(404, "errors.notFound");
  const { rows } = await listFollowUpRecommendations(actor, "followUp.monitor", cycle.id, { show: "open", page: 1 }, { all: true });
  const t = await getTranslations();
  const columns: ExportColumn<FollowUpListRow>[] = [
    { header: t("common.institution"), value: (r) => r.institutionName, width: 36 },
    { header: t("followUp.province"), value: (r) => r.provinceName ?? t("followUp.national"), width: 26 },
    { header: t("common.locus"), value: (r) => r.locusName, width: 36 },
    { header: t("common.serviceType"), value: (r) => t(`serviceType.${r.serviceType}`), width: 16 },
    { header: t("followUp.aspect"), value: (r) => r.target.aspectCode, width: 8 },
    { header: t("followUp.target"), value: (r) => `${r.target.code} ${r.target.name}`, width: 40 },
    { header: t("followUp.recommendation"), value: (r) => r.text, width: 60 },
    { header: t("followUp.targetDate"), value: (r) => r.targetDate, width: 14 },
    { header: t("followUp.overdueColumn"), value: (r) => (r.overdue ? t("followUp.yes") : t("followUp.no")), width: 12 },
    { header: t("followUp.progressColumn"), value: (r) => t(`followUp.progress.${r.progress}`), width: 24 },
    { header: t("followUp.actionsColumn"), value: (r) => r.followUpCount, width: 10 },
  ];
  const file = await tableToFile({ sheetName: t("followUp.openSheet"), columns, rows }, query.format);
  return downloadResponse(file, `rekomendasi-terbuka-${cycle.year}.${query.format}`, query.format);
});
