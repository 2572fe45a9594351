import "server-only";
import { ruleFor, type Actor } from "@/lib/auth/policies";
import { db } from "../db/client";

export interface OwnedCycleSummary {
  id: string;
  name: string;
  year: number;
  status: string;
  programmeCode: string;
  programmeName: string;
  programmeNameEn: string;
  ownerName: string;
  /** Units in the cycle, and those with a stored verified result. */
  units: number;
  verified: number;
  /** Mean of the units' published indices (two decimals), null before any is verified. */
  meanIndex: string | null;
  /** Verified units per grade. */
  grades: Record<string, number>;
}

/**
 * Every institution-owned cycle's summary, read-only (docs/domain.md §3.12): participation, mean
 * index and grade distribution, from the stored verified results (one grouped query, cheap at any
 * size). The national admin reads every institution's; an institution admin its own; nobody else.
 */
export async function listOwnedCycleSummaries(actor: Actor): Promise<OwnedCycleSummary[]> {
  const rule = ruleFor(actor, "cycles.view");
  const owner = rule === "any" ? null : rule === "own" && actor.institutionId ? actor.institutionId : undefined;
  if (owner === undefined) return [];
  const rows = await db.$queryRaw<
    {
      id: string;
      name: string;
      year: number;
      status: string;
      programmeCode: string;
      programmeName: string;
      programmeNameEn: string;
      ownerName: string;
      units: number;
      grade: string | null;
      count: number;
      indexSum: string | null;
    }[]
  >`
    SELECT c.id::text, c.name, c.year, c.status::text AS status, c."programmeCode", p.name AS "programmeName", p."nameEn" AS "programmeNameEn",
           i.name AS "ownerName",
           (SELECT count(*)::int FROM "Assessment" a WHERE a."cycleId" = c.id) AS units,
           r.grade, count(r.id)::int AS count, sum(r."indexPublished")::text AS "indexSum"
    FROM "Cycle" c
    JOIN "Programme" p ON p.code = c."programmeCode"
    JOIN "Institution" i ON i.id = c."ownerInstitutionId"
    LEFT JOIN "LocusResult" r ON r."cycleId" = c.id AND r.kind = 'VERIFIED'
    WHERE c."ownerInstitutionId" IS NOT NULL AND (${owner}::uuid IS NULL OR c."ownerInstitutionId" = ${owner}::uuid)
    GROUP BY c.id, p.name, p."nameEn", p."sortOrder", i.name, r.grade
    ORDER BY c.year DESC, p."sortOrder", i.name, c.name`;
  const byCycle = new Map<string, OwnedCycleSummary & { sum: number }>();
  for (const row of rows) {
    const entry = byCycle.get(row.id) ?? {
      id: row.id,
      name: row.name,
      year: row.year,
      status: row.status,
      programmeCode: row.programmeCode,
      programmeName: row.programmeName,
      programmeNameEn: row.programmeNameEn,
      ownerName: row.ownerName,
      units: row.units,
      verified: 0,
      meanIndex: null,
      grades: {},
      sum: 0,
    };
    if (row.grade) {
      entry.grades[row.grade] = row.count;
      entry.verified += row.count;
      entry.sum += Number(row.indexSum ?? 0);
    }
    byCycle.set(row.id, entry);
  }
  return [...byCycle.values()].map(({ sum, ...summary }) => ({
    ...summary,
    meanIndex: summary.verified > 0 ? (sum / summary.verified).toFixed(2) : null,
  }));
}
