import "server-only";
import { LRUCache } from "lru-cache";
import { type Actor, can } from "@/lib/auth/policies";
import { type AdjustmentCount, compareVerifiers, type GapTotals, type VerifierCalibration, verifierTotals } from "@/lib/domain/calibration";
import type { TCalibrationFilters } from "@/lib/schemas/calibration";
import { pgPool } from "../db/pg-pool";
import { ensureCalibrationFacts } from "./facts";

/**
 * Calibration analytics (issue 18, docs/domain.md §5.14): the self-minus-verified gap of every
 * scored indicator answer of the VERIFIED and FINAL loci of a cycle, grouped in SQL from the counted
 * answers of facts.ts (one scan of a few thousand rows with GROUPING SETS, never the answers in JS),
 * each verifier's adjustments against the others', and the trend across cycles. The verifier of an
 * answer is the user who last saved its verified level.
 *
 * Cached per filters and viewer under the results generation of every cycle: the data only change
 * when stored results change (an approval, an accepted appeal, a published correction, all of which
 * recompute and add to the generation), so every instance rebuilds at its next request.
 */

export type GapDimension = "indicator" | "aspect" | "type" | "province" | "verifier";

export interface GapGroup extends GapTotals {
  dimension: GapDimension;
  /** The indicator or aspect code, institution type, province id or verifier id. */
  key: string;
  /** The indicator or aspect name, the province name or the verifier's name ("" for a type: the page translates it). */
  name: string;
}

export interface CalibrationTrendPoint extends GapTotals {
  cycleId: string;
  cycleName: string;
  year: number;
}

/** A verifier as the reader may see it: admins see names, a verifier only itself (others are numbered). */
export interface VerifierView extends VerifierCalibration {
  name: string | null;
  self: boolean;
}

export interface CalibrationView {
  cycles: { id: string; name: string }[];
  cycle: { id: string; name: string } | null;
  provinces: { id: string; name: string }[];
  aspects: { code: string; name: string }[];
  filters: TCalibrationFilters;
  /** A verifier reads its own work only (its groups) and the others anonymised. */
  own: boolean;
  overall: GapTotals;
  groups: GapGroup[];
  verifiers: VerifierView[];
  trend: CalibrationTrendPoint[];
}

interface Row {
  dimension: GapDimension | "overall";
  key: string | null;
  name: string | null;
  answers: number;
  gap: number;
  over: number;
  under: number;
}

/**
 * The counted answers one calibration reads (CalibrationFact, see facts.ts): scored indicators,
 * both levels given, VERIFIED or FINAL loci, within the filters. Each row counts `answers` answers
 * with the same adjustment (verified − self level).
 */
const facts = `
  FROM "CalibrationFact" f
  JOIN "InstrumentIndicator" ind ON ind.id = f."indicatorId"
  JOIN "InstrumentAspect" asp ON asp.id = ind."aspectId"
  WHERE ($1::text IS NULL OR f."institutionType"::text = $1) AND ($2::uuid IS NULL OR f."provinceId" = $2) AND ($3::text IS NULL OR asp.code = $3)`;

// Self − verified = −adjustment: rated higher than verified when the verifier lowered it.
const TOTALS = `COALESCE(sum(f.answers), 0)::int AS answers, COALESCE(-sum(f.adjustment * f.answers), 0)::int AS gap,
  COALESCE(sum(f.answers) FILTER (WHERE f.adjustment < 0), 0)::int AS over, COALESCE(sum(f.answers) FILTER (WHERE f.adjustment > 0), 0)::int AS under`;

async function readGroups(cycleId: string, filters: TCalibrationFilters, verifierId: string | null) {
  const result = await pgPool.query<Row>(
    `WITH g AS (
       SELECT ind.code AS indicator, asp.code AS aspect, f."institutionType"::text AS type, f."provinceId" AS province, f."verifierId" AS verifier,
              GROUPING(ind.code) AS gi, GROUPING(asp.code) AS ga, GROUPING(f."institutionType") AS gt, GROUPING(f."provinceId") AS gp, GROUPING(f."verifierId") AS gv,
              ${TOTALS}
       ${facts} AND f."cycleId" = $4 AND ($5::uuid IS NULL OR f."verifierId" = $5)
       GROUP BY GROUPING SETS ((ind.code), (asp.code), (f."institutionType"), (f."provinceId"), (f."verifierId"), ())
     )
     SELECT CASE WHEN gi = 0 THEN 'indicator' WHEN ga = 0 THEN 'aspect' WHEN gt = 0 THEN 'type' WHEN gp = 0 THEN 'province' WHEN gv = 0 THEN 'verifier' ELSE 'overall' END AS dimension,
            COALESCE(g.indicator, g.aspect, g.type, g.province::text, g.verifier::text) AS key,
            COALESCE(
              (SELECT x.name FROM "InstrumentIndicator" x JOIN "Cycle" c ON c."instrumentVersionId" = x."instrumentVersionId" WHERE gi = 0 AND c.id = $4 AND x.code = g.indicator),
              (SELECT x.name FROM "InstrumentAspect" x JOIN "Cycle" c ON c."instrumentVersionId" = x."instrumentVersionId" WHERE ga = 0 AND c.id = $4 AND x.code = g.aspect),
              (SELECT p.name FROM "Province" p WHERE gp = 0 AND p.id = g.province),
              (SELECT u.name FROM "User" u WHERE gv = 0 AND u.id = g.verifier)
            ) AS name,
            answers, gap, over, under
     FROM g`,
    [filters.type ?? null, filters.province ?? null, filters.aspect ?? null, cycleId, verifierId],
  );
  return result.rows;
}

async function readVerifiers(cycleId: string, filters: TCalibrationFilters) {
  // Per verifier and adjustment, in the verifiers' order (name, then id); the totals and quartiles from these counts.
  const result = await pgPool.query<{ verifierId: string; name: string; adjustment: number; answers: number }>(
    `SELECT f."verifierId" AS "verifierId", u.name, f.adjustment, sum(f.answers)::int AS answers
     ${facts.replace("WHERE", 'JOIN "User" u ON u.id = f."verifierId" WHERE')}
       AND f."cycleId" = $4
     GROUP BY f."verifierId", u.name, f.adjustment ORDER BY u.name, f."verifierId", f.adjustment`,
    [filters.type ?? null, filters.province ?? null, filters.aspect ?? null, cycleId],
  );
  const byVerifier = new Map<string, { name: string; counts: AdjustmentCount[] }>();
  for (const row of result.rows) {
    const entry = byVerifier.get(row.verifierId) ?? { name: row.name, counts: [] };
    entry.counts.push({ adjustment: row.adjustment, answers: row.answers });
    byVerifier.set(row.verifierId, entry);
  }
  return [...byVerifier].map(([verifierId, { name, counts }]) => ({ ...verifierTotals(verifierId, counts), name }));
}

async function readTrend(cycleIds: string[], filters: TCalibrationFilters, verifierId: string | null) {
  const result = await pgPool.query<CalibrationTrendPoint>(
    `SELECT c.id AS "cycleId", c.name AS "cycleName", c.year, t.answers, t.gap AS "gapTotal", t.over, t.under
     FROM (SELECT f."cycleId", ${TOTALS} ${facts} AND f."cycleId" = ANY($5::uuid[]) AND ($4::uuid IS NULL OR f."verifierId" = $4) GROUP BY f."cycleId") t
     JOIN "Cycle" c ON c.id = t."cycleId" ORDER BY c.year, c."createdAt"`,
    [filters.type ?? null, filters.province ?? null, filters.aspect ?? null, verifierId, cycleIds],
  );
  return result.rows;
}

type Built = Omit<CalibrationView, "verifiers" | "cycles"> & { verifierRows: VerifierCalibration[]; names: Map<string, string> };

const cache = new LRUCache<string, Promise<Built>>({ max: 64 });

async function build(
  cycle: { id: string; name: string },
  cycles: readonly { id: string; generation: number }[],
  filters: TCalibrationFilters,
  verifierId: string | null,
): Promise<Built> {
  await ensureCalibrationFacts(cycles);
  const [rows, verifierRows, trend, lists] = await Promise.all([
    readGroups(cycle.id, filters, verifierId),
    readVerifiers(cycle.id, filters),
    readTrend(
      cycles.map((c) => c.id),
      filters,
      verifierId,
    ),
    pgPool.query<{ kind: string; key: string; name: string }>(
      `SELECT 'province' AS kind, id::text AS key, name FROM "Province"
       UNION ALL SELECT 'aspect', x.code, x.name FROM "InstrumentAspect" x JOIN "Cycle" c ON c."instrumentVersionId" = x."instrumentVersionId" WHERE c.id = $1`,
      [cycle.id],
    ),
  ]);
  const overallRow = rows.find((r) => r.dimension === "overall");
  const groups: GapGroup[] = rows
    .filter((r): r is Row & { dimension: GapDimension } => r.dimension !== "overall" && r.key !== null)
    .map((r) => ({ dimension: r.dimension, key: r.key ?? "", name: r.name ?? "", answers: r.answers, gapTotal: r.gap, over: r.over, under: r.under }))
    .sort((a, b) => a.dimension.localeCompare(b.dimension) || a.key.localeCompare(b.key, "en", { numeric: true }));
  return {
    cycle,
    provinces: lists.rows
      .filter((r) => r.kind === "province")
      .map((r) => ({ id: r.key, name: r.name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    aspects: lists.rows.filter((r) => r.kind === "aspect").map((r) => ({ code: r.key, name: r.name })),
    filters,
    own: verifierId !== null,
    overall: overallRow
      ? { answers: overallRow.answers, gapTotal: overallRow.gap, over: overallRow.over, under: overallRow.under }
      : { answers: 0, gapTotal: 0, over: 0, under: 0 },
    groups: verifierId ? groups.filter((g) => g.dimension !== "verifier") : groups,
    verifierRows: compareVerifiers(verifierRows),
    names: new Map(verifierRows.map((v) => [v.verifierId, v.name])),
    trend,
  };
}

/**
 * The calibration of a cycle (the named one, else the newest with verified answers) for an admin
 * (everyone's work) or a verifier (its own work; the other verifiers numbered, never named).
 * Null for anyone else.
 */
export async function loadCalibration(actor: Actor, filters: TCalibrationFilters): Promise<CalibrationView | null> {
  const all = can(actor, "calibration.view");
  if (!all && !can(actor, "calibration.own", { userId: actor.id })) return null;
  const verifierId = all ? null : actor.id;
  const cycles = (
    await pgPool.query<{ id: string; name: string; generation: number }>(
      `SELECT id, name, "resultsGeneration" AS generation FROM "Cycle" WHERE status IN ('ACTIVE', 'FINALISED', 'ARCHIVED') ORDER BY year DESC, "createdAt" DESC`,
    )
  ).rows;
  const cycle = cycles.find((c) => c.id === filters.cycle) ?? cycles[0] ?? null;
  const list = cycles.map(({ id, name }) => ({ id, name }));
  if (!cycle) return null;
  const key = JSON.stringify([cycle.id, filters.type, filters.province, filters.aspect, verifierId, cycles.map((c) => c.generation)]);
  let entry = cache.get(key);
  if (!entry) {
    const built = build({ id: cycle.id, name: cycle.name }, cycles, { ...filters, cycle: cycle.id }, verifierId);
    cache.set(key, built);
    built.catch(() => cache.get(key) === built && cache.delete(key));
    entry = built;
  }
  const data = await entry;
  let other = 0;
  const verifiers: VerifierView[] = data.verifierRows.map((row) => {
    const self = row.verifierId === actor.id;
    if (!self) other += 1;
    return verifierId && !self ? { ...row, verifierId: `other-${other}`, name: null, self } : { ...row, name: data.names.get(row.verifierId) ?? null, self };
  });
  const { verifierRows: _rows, names: _names, ...rest } = data;
  return { ...rest, cycles: list, verifiers };
}
