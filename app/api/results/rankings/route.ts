import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { fileNameSlug } from "@/lib/domain/export-files";
import { tableToFile, downloadResponse, type ExportColumn } from "@/lib/server/http/table-file";
import { ZRankingExportQuery, type TRankingExportQuery } from "@/lib/schemas/results";
import {
  cachedResultsFile,
  listPublishedCycles,
  loadPublishedResults,
  type PublishedCycleResults,
  type PublishedInstitution,
} from "@/lib/server/results/published";
import { errorResponse, publicRoute } from "@/lib/server/http/route-handler";
import { selectRanking } from "@/lib/server/results/ranking-view";
import type { GroupStanding } from "@/lib/domain/results/ranking-groups";

type Row = PublishedInstitution & { standing: GroupStanding };

/**
 * A published ranking as XLSX or CSV: the rows the results page lists for the same query. The
 * file and its name are built once per cached listing (so per results generation), query and
 * language (issue 17: publication day): a request that finds them reads nothing but the cycle list.
 */
export const GET = publicRoute("/api/results/rankings", ZRankingExportQuery, async ({ query }) => {
  const cycleId = query.cycle ?? (await listPublishedCycles())[0]?.id;
  const results = cycleId ? await loadPublishedResults(cycleId, query.version) : null;
  if (!results) return errorResponse(404, "errors.notFound");
  const file = await cachedResultsFile(results, JSON.stringify([query, await getLocale()]), () => buildFile(results, query));
  return downloadResponse(file.bytes, file.name, query.format);
});

async function buildFile(results: PublishedCycleResults, query: TRankingExportQuery) {
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  // The result version in every row (docs/domain.md §6.4): its number, and the correction date.
  const version = results.cycle.version;
  const versionText = version
    ? version.correctedAt
      ? t("correction.versionCorrected", { number: version.number, date: format.dateTime(version.correctedAt, { dateStyle: "medium" }) })
      : t("correction.versionNumber", { number: version.number })
    : "";
  const { province, rows } = selectRanking(results, query);
  const groupName = results.units
    ? t("publicResults.unitsGroup", { owner: results.cycle.ownerName ?? "" })
    : query.group === "PROVINCE"
      ? (province?.name ?? "")
      : t(`institutionType.${query.group}`);
  const columns: ExportColumn<Row>[] = [
    { header: t("publicResults.colRank"), value: (r) => r.standing.rank, width: 10 },
    { header: t("publicResults.colTie"), value: (r) => (r.standing.tied ? t("publicResults.tie") : ""), width: 8 },
    { header: t("publicResults.colCode"), value: (r) => r.code, width: 12 },
    { header: t("publicResults.colInstitution"), value: (r) => r.name, width: 40 },
    { header: t("publicResults.colType"), value: (r) => t(`institutionType.${r.type}`), width: 20 },
    { header: t("publicResults.colProvince"), value: (r) => r.provinceName ?? "", width: 28 },
    // The published value as text: the file shows exactly the page's "4.50", never a float.
    { header: t("publicResults.colIndex"), value: (r) => r.published, width: 10 },
    { header: t("publicResults.colGrade"), value: (r) => r.grade, width: 10 },
    { header: t("publicResults.colLabel"), value: (r) => r.label, width: 24 },
    ...(version ? [{ header: t("correction.colVersion"), value: () => versionText, width: 30 } satisfies ExportColumn<Row>] : []),
  ];
  const bytes = await tableToFile({ sheetName: groupName || "Peringkat", columns, rows }, query.format);
  const slug = fileNameSlug(results.cycle.name, groupName, ...(version && version.number > 1 ? [`v${version.number}`] : []));
  return { bytes, name: `peringkat-${slug}.${query.format}` };
}
