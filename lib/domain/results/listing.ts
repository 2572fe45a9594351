import type { Grade } from "../grades";

export interface ListingFilter {
  /** Part of the name or code, case- and accent-insensitive. */
  search?: string;
  grade?: Grade;
}

function fold(text: string) {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLocaleLowerCase("id");
}

/**
 * The rows of a ranking group (see groupListing) that pass the search and grade filters. Ranks
 * stay those of the whole group: filtering a listing must never renumber it (a regency ranked 7th
 * stays 7th in a search).
 */
export function filterListing<T extends { name: string; grade: Grade; code?: string }>(rows: readonly T[], filter: ListingFilter): T[] {
  const needle = filter.search ? fold(filter.search) : null;
  return rows.filter(
    (row) =>
      (!filter.grade || row.grade === filter.grade) &&
      (!needle || fold(row.name).includes(needle) || (row.code !== undefined && fold(row.code).includes(needle))),
  );
}
