import type { OmbudsmanRow, OmbudsmanRowError } from "./file";
import type { OmbudsmanZone } from "./zones";

export interface StoredOmbudsmanResult {
  id: string;
  institutionId: string;
  year: number;
  score: number;
  zone: OmbudsmanZone;
  rank: number | null;
}

export interface OmbudsmanPlanRow {
  row: number;
  action: "create" | "update" | "unchanged";
  institutionId: string;
  code: string;
  year: number;
  /** The stored result it replaces (update, unchanged). */
  id: string | null;
  before: Pick<StoredOmbudsmanResult, "score" | "zone" | "rank"> | null;
  after: Pick<StoredOmbudsmanResult, "score" | "zone" | "rank">;
}

export interface OmbudsmanPlan {
  rows: OmbudsmanPlanRow[];
  /** Rows naming a code the registry does not have. */
  errors: OmbudsmanRowError[];
  counts: { create: number; update: number; unchanged: number };
}

/**
 * What importing the valid rows would do: a result per institution and year is created, updated
 * (score, zone or rank differ) or left unchanged, so importing the same file twice changes nothing.
 */
export function planOmbudsmanImport(
  rows: readonly OmbudsmanRow[],
  institutionIdOf: ReadonlyMap<string, string>,
  stored: readonly StoredOmbudsmanResult[],
): OmbudsmanPlan {
  const existing = new Map(stored.map((r) => [`${r.institutionId}\u0000${r.year}`, r]));
  const plan: OmbudsmanPlan = { rows: [], errors: [], counts: { create: 0, update: 0, unchanged: 0 } };
  for (const row of rows) {
    const institutionId = institutionIdOf.get(row.code);
    if (!institutionId) {
      plan.errors.push({ row: row.row, column: "institutionCode", code: "institutionUnknown", value: row.code });
      continue;
    }
    const current = existing.get(`${institutionId}\u0000${row.year}`) ?? null;
    const after = { score: row.score, zone: row.zone, rank: row.rank };
    const action = !current ? "create" : current.score === after.score && current.zone === after.zone && current.rank === after.rank ? "unchanged" : "update";
    plan.counts[action] += 1;
    plan.rows.push({
      row: row.row,
      action,
      institutionId,
      code: row.code,
      year: row.year,
      id: current?.id ?? null,
      before: current ? { score: current.score, zone: current.zone, rank: current.rank } : null,
      after,
    });
  }
  return plan;
}
