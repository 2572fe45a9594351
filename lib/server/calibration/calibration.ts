import "server-only";
import { LRUCache } from "lru-cache";
import { type Actor, can } from "@/lib/auth/policies";
import { compareVerifiers, type GapTotals, type VerifierCalibration } from "@/lib/domain/calibration";
import type { TCalibrationFilters } from "@/lib/schemas/calibration";
import { pgPool } from "../db/pg-pool";

/**
 * Calibration analytics (issue 18, docs/domain.md §5.14): the self-minus-verified gap of every
 * scored indicator answer of the VERIFIED and FINAL loci of a cycle, grouped in SQL (one scan with
 * GROUPING SETS, never the answers in JS), each verifier's adjustments against the others', and
 * the trend across cycles. The verifier of an answer is the user who last saved its verified level.
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

/** The answers one calibration reads: scored indicators, both levels given, VERIFIED or FINAL loci, within the filters. */
const answers = (extraJoin = "") => `
  FROM "Assessment" a
  JOIN "Locus" l ON l.id = a."locusId"
  JOIN "Institution" i ON i.id = l."institutionId"
  JOIN "VerifiedAnswer" v ON v."assessmentId" = a.id
  JOIN "SelfAnswer" s ON s."assessmentId" = a.id AND s."indicatorId" = v."indicatorId"
  JOIN "InstrumentIndicator" ind ON ind.id = v."indicatorId"
  JOIN "InstrumentAspect" asp ON asp.id = ind."aspectId"${extraJoin}
  WHERE a.status IN ('VERIFIED', 'FINAL') AND v.level IS NOT NULL AND s.level IS NOT NULL AND ind.weight > 0
    AND ($1::text IS NULL OR i.type::text = $1) AND ($2::uuid IS NULL OR i."provinceId" = $2) AND ($3::text IS NULL OR asp.code = $3)`;

const TOTALS = `count(*)::int AS answers, sum(s.level - v.level)::int AS gap,
  count(*) FILTER (WHERE s.level > v.level)::int AS over, count(*) FILTER (WHERE s.level < v.level)::int AS under`;

async function readGroups(cycleId: string, filters: TCalibrationFilters, verifierId: string | null) {
  const result = await pgPool.query<Row>(
    `WITH g AS (
       SELECT ind.code AS indicator, asp.code AS aspect, i.type::text AS type, i."provinceId" AS province, v."updatedById" AS verifier,
              GROUPING(ind.code) AS gi, GROUPING(asp.code) AS ga, GROUPING(i.type) AS gt, GROUPING(i."provinceId") AS gp, GROUPING(v."updatedById") AS gv,
              ${TOTALS}
       ${answers()} AND a."cycleId" = $4 AND ($5::uuid IS NULL OR v."updatedById" = $5)
       GROUP BY GROUPING SETS ((ind.code), (asp.code), (i.type), (i."provinceId"), (v."updatedById"), ())
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
  const result = await pgPool.query<{
    verifierId: string;
    name: string;
    answers: number;
    adjustmentTotal: number;
    lowered: number;
    raised: number;
    q: number[];
  }>(
    `SELECT v."updatedById" AS "verifierId", min(u.name) AS name, count(*)::int AS answers, sum(v.level - s.level)::int AS "adjustmentTotal",
            count(*) FILTER (WHERE v.level < s.level)::int AS lowered, count(*) FILTER (WHERE v.level > s.level)::int AS raised,
            percentile_disc(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY v.level - s.level) AS q
     ${answers(' JOIN "User" u ON u.id = v."updatedById"')}
       AND a."cycleId" = $4
     GROUP BY v."updatedById" ORDER BY min(u.name), v."updatedById"`,
    [filters.type ?? null, filters.province ?? null, filters.aspect ?? null, cycleId],
  );
  return result.rows.map((row) => ({ ...row, q1: row.q[0] ?? 0, median: row.q[1] ?? 0, q3: row.q[2] ?? 0 }));
}

async function readTrend(filters: TCalibrationFilters, verifierId: string | null) {
  const result = await pgPool.query<CalibrationTrendPoint>(
    `SELECT c.id AS "cycleId", c.name AS "cycleName", c.year, t.answers, t.gap AS "gapTotal", t.over, t.under
     FROM (SELECT a."cycleId", ${TOTALS} ${answers()} AND ($4::uuid IS NULL OR v."updatedById" = $4) GROUP BY a."cycleId") t
     JOIN "Cycle" c ON c.id = t."cycleId" ORDER BY c.year, c."createdAt"`,
    [filters.type ?? null, filters.province ?? null, filters.aspect ?? null, verifierId],
  );
  return result.rows;
}

type Built = Omit<CalibrationView, "verifiers" | "cycles"> & { verifierRows: VerifierCalibration[]; names: Map<string, string> };

const cache = new LRUCache<string, Promise<Built>>({ max: 64 });

async function build(cycle: { id: string; name: string }, filters: TCalibrationFilters, verifierId: string | null): Promise<Built> {
  const [rows, verifierRows, trend, lists] = await Promise.all([
    readGroups(cycle.id, filters, verifierId),
    readVerifiers(cycle.id, filters),
    readTrend(filters, verifierId),
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
    const built = build({ id: cycle.id, name: cycle.name }, { ...filters, cycle: cycle.id }, verifierId);
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
