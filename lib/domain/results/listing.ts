import type { Grade } from "../grades";
import { groupListing, type GroupStanding, type RankedInstitution, type RankingGroup } from "./ranking-groups";

export interface ListingFilter {
  group: RankingGroup;
  /** Part of the name or code, case- and accent-insensitive. */
  search?: string;
  grade?: Grade;
}

function fold(text: string) {
  return text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLocaleLowerCase("id");
}

/**
 * The rows of one ranking group after search and grade filters. Ranks stay those of the whole
 * group: filtering a listing must never renumber it (a regency ranked 7th stays 7th in a search).
 */
export function rankingListing<T extends RankedInstitution & { code?: string }>(ranked: readonly T[], filter: ListingFilter): (T & { standing: GroupStanding })[] {
  const needle = filter.search ? fold(filter.search) : null;
  return groupListing(ranked, filter.group).filter((row) =>
    (!filter.grade || row.grade === filter.grade) &&
    (!needle || fold(row.name).includes(needle) || (row.code !== undefined && fold(row.code).includes(needle))),
  );
}
