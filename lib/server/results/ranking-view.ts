import "server-only";
import { filterListing } from "@/lib/domain/results/listing";
import { groupListing, type RankingGroup } from "@/lib/domain/results/ranking-groups";
import type { TRankingQuery } from "@/lib/schemas/results";
import type { PublishedCycleResults } from "./published";

/**
 * The rows a ranking query selects from a published cycle: the one function behind both the
 * results page and its XLSX/CSV export, so a file always holds what the page lists.
 */
export function selectRanking(results: PublishedCycleResults, query: TRankingQuery) {
  // An institution's own cycle lists its units, one group (issue 16).
  if (results.units) {
    const all = results.units.map((unit) => ({ ...unit, standing: unit.national }));
    const group: RankingGroup = { kind: "NATIONAL", type: results.units[0]?.type ?? "KL" };
    return { group, province: null, all, rows: query.q || query.grade ? filterListing(all, { search: query.q, grade: query.grade }) : all };
  }
  const province = query.group === "PROVINCE" ? (results.provinces.find((p) => p.id === query.province) ?? results.provinces[0] ?? null) : null;
  const group: RankingGroup = query.group === "PROVINCE" ? { kind: "PROVINCE", provinceId: province?.id ?? "" } : { kind: "NATIONAL", type: query.group };
  const all = groupListing(results.institutions, group);
  const rows = query.q || query.grade ? filterListing(all, { search: query.q, grade: query.grade }) : all;
  return { group, province, all, rows };
}
