import { z } from "zod";
import { GRADE_BANDS, type Grade } from "@/lib/domain/grades";
import { INSTITUTION_TYPES } from "@/lib/domain/registry/fields";
import { searchText } from "./text";

export const RESULT_GROUPS = [...INSTITUTION_TYPES, "PROVINCE"] as const;
export type ResultGroup = (typeof RESULT_GROUPS)[number];

/**
 * The query of a ranking listing, shared by the results page and its export so that a file always
 * holds exactly the rows the page lists. Unknown or malformed values fall back to the defaults:
 * a hand-edited link shows the first group rather than an error page.
 */
export const ZRankingQuery = z.object({
  cycle: z.uuid().optional().catch(undefined),
  group: z.enum(RESULT_GROUPS).catch("KL"),
  province: z.uuid().optional().catch(undefined),
  q: searchText(100).catch(undefined),
  grade: z
    .enum(GRADE_BANDS.map((b) => b.grade) as [Grade, ...Grade[]])
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  /** A result version of the cycle (docs/domain.md §6.4); absent: the current one. */
  version: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
export type TRankingQuery = z.infer<typeof ZRankingQuery>;

export const ZExportFormat = z.enum(["xlsx", "csv"]);

export const ZRankingExportQuery = ZRankingQuery.extend({ format: ZExportFormat.catch("xlsx") });
export type TRankingExportQuery = z.infer<typeof ZRankingExportQuery>;

/** Search params arrive as string | string[]; the first value of each counts. */
export function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}
