import "server-only";
import { LRUCache } from "lru-cache";
import type { Actor, PolicyKey } from "@/lib/auth/policies";
import type { InstrumentDefinition } from "@/lib/domain/instrument";
import { classify, type Classification } from "@/lib/domain/grades";
import { aspectLoss, byLoss } from "@/lib/domain/results/aspect-loss";
import { fromFraction, Rational, toDecimalString } from "@/lib/domain/rational";
import { gap } from "@/lib/domain/scoring";
import { isVerifiedStatus } from "@/lib/domain/workflow";
import { pgPool } from "../db/pg-pool";
import { serialRead } from "../db/serial-read";
import { sqlAssessmentScope } from "../db/sql-scope";
import { loadInstrument } from "../instrument/load";
import type { AspectComparison } from "./institution";

/**
 * An institution in one cycle as the head's dashboard shows it, read from the stored results
 * (LocusResult, InstitutionResult: held equal to a fresh computation by tests) instead of scoring
 * every locus again on each request (issue 17: the dashboard is opened by every head at once).
 * Only the self-against-verified comparison per aspect reads answers, and only of this
 * institution's verified loci, summed as integers.
 */
export interface StoredLocusResult {
  classification: Classification;
  f02: string;
  /** The F-03 score, published; null without respondents. */
  f03: string | null;
  f03Included: boolean;
  respondents: number;
}

export interface StoredInstitutionView {
  cycle: { id: string; name: string; year: number; status: string; f02SharePercent: number; minSurveyRespondents: number };
  loci: { assessmentId: string; name: string; serviceType: string; status: string; result: StoredLocusResult | null }[];
  /** The institution index, stored once every locus is verified (docs/domain.md §5.6). */
  index: Classification | null;
  aspects: AspectComparison[];
}

export interface StoredCycle {
  id: string;
  name: string;
  year: number;
  status: string;
  f02SharePercent: number;
  minSurveyRespondents: number;
  instrumentVersionId: string;
  /** Cycle.resultsGeneration as read with the cycle: the comparison per aspect is kept under it (absent: read afresh). */
  generation?: number;
}

interface LocusRow {
  id: string;
  status: string;
  name: string;
  serviceType: string;
  f02: number | null;
  respondents: number | null;
  f3n: string | null;
  f3d: string | null;
  n: string | null;
  d: string | null;
}

/** The institution's loci in the cycle with their stored results, and its stored index; scope of `policy` in the query. */
export async function storedInstitutionInCycle(actor: Actor, policy: PolicyKey, institutionId: string, cycle: StoredCycle): Promise<StoredInstitutionView> {
  const scope = sqlAssessmentScope(actor, policy, 3);
  const [instrument, loci, institution] = await Promise.all([
    loadInstrument(cycle.instrumentVersionId),
    pgPool.query<LocusRow>(
      `SELECT a.id, a.status::text AS status, l.name, l."serviceType"::text AS "serviceType", r."f02TenThousandths" AS f02, r."surveyRespondents" AS respondents,
              r."f03Numerator"::text AS f3n, r."f03Denominator"::text AS f3d, r."indexNumerator"::text AS n, r."indexDenominator"::text AS d
       FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId"
       LEFT JOIN "LocusResult" r ON r."assessmentId" = a.id AND r.kind = 'VERIFIED'
       WHERE a."cycleId" = $1 AND l."institutionId" = $2 AND ${scope.sql}
       ORDER BY l."serviceType", l.name`,
      [cycle.id, institutionId, ...scope.params],
    ),
    pgPool.query<{ n: string; d: string }>(
      `SELECT "indexNumerator"::text AS n, "indexDenominator"::text AS d FROM "InstitutionResult" WHERE "cycleId" = $1 AND "institutionId" = $2 AND kind = 'VERIFIED'`,
      [cycle.id, institutionId],
    ),
  ]);
  const views = loci.rows.map((row) => ({
    assessmentId: row.id,
    name: row.name,
    serviceType: row.serviceType,
    status: row.status,
    result: isVerifiedStatus(row.status) && row.n && row.d ? storedLocus(row, cycle.minSurveyRespondents) : null,
  }));
  const stored = institution.rows[0];
  // Stored only when every locus is verified; an institution seen without loci in scope has none.
  const index = stored && views.length > 0 ? classify(Rational.of(BigInt(stored.n), BigInt(stored.d))) : null;
  const verifiedIds = views.filter((l) => l.result).map((l) => l.assessmentId);
  return {
    cycle: {
      id: cycle.id,
      name: cycle.name,
      year: cycle.year,
      status: cycle.status,
      f02SharePercent: cycle.f02SharePercent,
      minSurveyRespondents: cycle.minSurveyRespondents,
    },
    loci: views,
    index,
    aspects: await keptAspectComparison(cycle, institutionId, instrument, verifiedIds),
  };
}

/**
 * The comparison per aspect of an institution in a cycle, kept under the cycle's results
 * generation and the verified loci it is made of (issue 17: it sums every answer of those loci,
 * on each dashboard request of every head). The answers of a verified locus change only through a
 * change that recomputes its stored results (an accepted appeal, a correction: recompute-locus),
 * which moves the generation in the same transaction; a locus entering or leaving the verified
 * ones changes the key. So every instance sees a change at its next request, as the published
 * listings do. The promise is kept, so concurrent requests after a change sum once.
 */
const keptComparisons = new LRUCache<string, { stamp: string; value: Promise<AspectComparison[]> }>({ max: 5_000 });

function keptAspectComparison(cycle: StoredCycle, institutionId: string, instrument: InstrumentDefinition, verifiedIds: readonly string[]) {
  if (cycle.generation === undefined) return aspectComparison(instrument, verifiedIds);
  const key = `${cycle.id}/${institutionId}`;
  const stamp = `${cycle.generation}/${[...verifiedIds].sort().join(",")}`;
  const kept = keptComparisons.get(key);
  if (kept && kept.stamp === stamp) return kept.value;
  const entry = { stamp, value: aspectComparison(instrument, verifiedIds) };
  keptComparisons.set(key, entry);
  // A failed read is not kept.
  entry.value.catch(() => keptComparisons.get(key) === entry && keptComparisons.delete(key));
  return entry.value;
}

function storedLocus(row: LocusRow, minSurveyRespondents: number): StoredLocusResult {
  const f03 = row.f3n && row.f3d ? Rational.of(BigInt(row.f3n), BigInt(row.f3d)) : null;
  const respondents = row.respondents ?? 0;
  return {
    classification: classify(Rational.of(BigInt(row.n!), BigInt(row.d!))),
    f02: classify(fromFraction(row.f02 ?? 0, 10_000)).published,
    f03: f03 ? classify(f03).published : null,
    // docs/domain.md §5: F-03 counts only from the minimum number of respondents on.
    f03Included: f03 !== null && respondents >= minSurveyRespondents,
    respondents,
  };
}

/**
 * Self against verified per aspect over the verified loci (docs/domain.md §5.11). An aspect's score
 * is Σ weight/100 × level (a missing answer scores 0), so its mean over n loci is the integer
 * Σ weight × level over (100 × n): exact, from one grouped read of these loci's answers.
 */
async function aspectComparison(instrument: InstrumentDefinition, assessmentIds: readonly string[]): Promise<AspectComparison[]> {
  if (assessmentIds.length === 0) return [];
  const rows = await serialRead<{ kind: "S" | "V"; code: string; total: string }>(
    `SELECT 'S' AS kind, i.code, sum(s.level)::text AS total FROM "SelfAnswer" s JOIN "InstrumentIndicator" i ON i.id = s."indicatorId"
     WHERE s."assessmentId" = ANY($1::uuid[]) AND s.level IS NOT NULL GROUP BY i.code
     UNION ALL
     SELECT 'V', i.code, sum(v.level)::text FROM "VerifiedAnswer" v JOIN "InstrumentIndicator" i ON i.id = v."indicatorId"
     WHERE v."assessmentId" = ANY($1::uuid[]) AND v.level IS NOT NULL GROUP BY i.code`,
    [assessmentIds],
  );
  const totals = { S: new Map<string, bigint>(), V: new Map<string, bigint>() };
  for (const row of rows.rows) totals[row.kind].set(row.code, BigInt(row.total));
  const denominator = 100n * BigInt(assessmentIds.length);
  const meanOf = (aspect: InstrumentDefinition["aspects"][number], kind: "S" | "V") =>
    Rational.of(
      aspect.indicators.reduce((acc, indicator) => acc + BigInt(indicator.weight) * (totals[kind].get(indicator.code) ?? 0n), 0n),
      denominator,
    );
  // Largest loss of weighted points first (docs/domain.md §5.11): where the index has most to win.
  return byLoss(
    instrument.aspects.map((aspect) => {
      const self = meanOf(aspect, "S");
      const verified = meanOf(aspect, "V");
      return { aspect, self, verified, loss: aspectLoss(aspect.weight, verified) };
    }),
  ).map(({ aspect, self, verified, loss }) => {
    const signed = toDecimalString(gap(self, verified), 2);
    return {
      code: aspect.code,
      name: aspect.name,
      weight: aspect.weight,
      self: classify(self).published,
      verified: classify(verified).published,
      gap: signed.startsWith("-") || signed === "0.00" ? signed : `+${signed}`,
      loss: toDecimalString(loss, 2),
    };
  });
}
