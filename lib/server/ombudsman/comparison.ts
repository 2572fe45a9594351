import "server-only";
import { can, type Actor } from "@/lib/auth/policies";
import { formatCorrelation, formatScore, pearsonCorrelation, type OmbudsmanZone } from "@/lib/domain/ombudsman";
import { db } from "../db/client";
import { pgPool } from "../db/pg-pool";
import { hundredthsOf } from "./import";

/**
 * The PEKPPP index beside the Ombudsman compliance score. A cycle of year Y is compared with the
 * Ombudsman results of the same year Y (docs/domain.md §7): both describe the same year's services.
 * Only the ministry's cycles count (not an institution's own Mandiri cycles), with the verified index.
 */

export interface OmbudsmanPoint {
  institutionId: string;
  code: string;
  name: string;
  /** The published PEKPPP index in hundredths (0–500) and as printed ("3.85"). */
  index: number;
  indexText: string;
  /** The Ombudsman score in hundredths (0–10000) and as printed ("87.65"). */
  score: number;
  scoreText: string;
  zone: OmbudsmanZone;
  rank: number | null;
}

export interface OmbudsmanComparison {
  cycle: { id: string; name: string; year: number };
  points: OmbudsmanPoint[];
  /** Pearson's r, exact and rounded half away from zero to 2 decimals ("0.87"); null with fewer than 3 pairs or no spread. */
  correlation: string | null;
  /** Institutions of the year with an Ombudsman result but no index in this cycle. */
  withoutIndex: number;
}

export interface ComparableCycle {
  id: string;
  name: string;
  year: number;
}

/** The ministry's cycles that have stored verified institution results, newest first (the admin's choice). */
export async function comparableCycles(actor: Actor): Promise<ComparableCycle[]> {
  if (!can(actor, "ombudsman.manage")) return [];
  return db.cycle.findMany({
    where: { ownerInstitutionId: null, institutionResults: { some: { kind: "VERIFIED" } } },
    select: { id: true, name: true, year: true },
    orderBy: [{ year: "desc" }, { name: "asc" }],
  });
}

/** Every institution with both a verified index in the cycle and an Ombudsman result of its year. Admins only. */
export async function ombudsmanComparison(actor: Actor, cycleId: string): Promise<OmbudsmanComparison | null> {
  if (!can(actor, "ombudsman.manage")) return null;
  const cycle = await db.cycle.findFirst({ where: { id: cycleId, ownerInstitutionId: null }, select: { id: true, name: true, year: true } });
  if (!cycle) return null;
  const [results, ombudsman] = await Promise.all([
    db.institutionResult.findMany({
      where: { cycleId, kind: "VERIFIED" },
      select: { institutionId: true, indexPublished: true },
    }),
    db.ombudsmanResult.findMany({
      where: { year: cycle.year },
      select: { institutionId: true, score: true, zone: true, rank: true, institution: { select: { code: true, name: true } } },
      orderBy: [{ institution: { name: "asc" } }, { institutionId: "asc" }],
    }),
  ]);
  const indexOf = new Map(results.map((r) => [r.institutionId, r.indexPublished]));
  const points: OmbudsmanPoint[] = [];
  for (const o of ombudsman) {
    const index = indexOf.get(o.institutionId);
    if (index === undefined) continue;
    const score = hundredthsOf(o.score);
    points.push({
      institutionId: o.institutionId,
      code: o.institution.code,
      name: o.institution.name,
      index: hundredthsOf(index),
      indexText: index.toFixed(2),
      score,
      scoreText: formatScore(score),
      zone: o.zone,
      rank: o.rank,
    });
  }
  const r = pearsonCorrelation(points.map((p) => ({ x: p.index, y: p.score })));
  return {
    cycle,
    points,
    correlation: r.hundredths === null ? null : formatCorrelation(r.hundredths),
    withoutIndex: ombudsman.length - points.length,
  };
}

export interface InstitutionOmbudsman {
  year: number;
  score: string;
  zone: OmbudsmanZone;
  rank: number | null;
}

/** One institution's Ombudsman result of a year, for its own head's dashboard (the scope is checked before the query). */
export async function headOmbudsman(actor: Actor, institutionId: string, year: number): Promise<InstitutionOmbudsman | null> {
  if (!can(actor, "results.institution", { institutionId })) return null;
  return readOmbudsman(institutionId, year);
}

/**
 * One institution's Ombudsman result of the same year as a PUBLISHED cycle, for the public results:
 * the Ombudsman publishes its results itself; the portal shows them only beside a published index.
 */
export async function publishedOmbudsman(cycleId: string, institutionId: string): Promise<InstitutionOmbudsman | null> {
  const cycle = await db.cycle.findFirst({ where: { id: cycleId, publishedAt: { not: null } }, select: { year: true } });
  return cycle ? readOmbudsman(institutionId, cycle.year) : null;
}

/** One plain statement: the head's dashboard reads it on every request. The score is numeric(5, 2): its text has the two decimals. */
async function readOmbudsman(institutionId: string, year: number): Promise<InstitutionOmbudsman | null> {
  const rows = await pgPool.query<InstitutionOmbudsman>(
    `SELECT year, score::text AS score, zone::text AS zone, rank FROM "OmbudsmanResult" WHERE "institutionId" = $1 AND year = $2`,
    [institutionId, year],
  );
  return rows.rows[0] ?? null;
}
