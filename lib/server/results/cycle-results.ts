// No "server-only" guard here on purpose: the demo seed (a plain Node script) stores results with
// the same code as the portal. Nothing in this file reads a session or trusts a caller.
import type { InstrumentDefinition } from "@/lib/domain/instrument";
import { classify, type Grade } from "@/lib/domain/grades";
import type { Rational } from "@/lib/domain/rational";
import { computeLocusResult, institutionIndex, scoringSettingsOf, type ScoringSettings } from "@/lib/domain/scoring";
import { VERIFIED_STATUSES } from "@/lib/domain/workflow/state-machine";
import { freezePublishedVersion } from "./versions";

/** The one method both pg.Pool and pg.Client share, which is all this module needs. */
export interface Queryable {
  query<R extends object = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

export interface ComputedLocus {
  assessmentId: string;
  f02TenThousandths: number;
  respondents: number;
  f03: Rational | null;
  index: Rational;
  published: string;
  grade: Grade;
}

export interface ComputedInstitution {
  institutionId: string;
  lociCount: number;
  index: Rational;
  published: string;
  grade: Grade;
}

export interface ComputedCycleResults {
  loci: ComputedLocus[];
  institutions: ComputedInstitution[];
}

const BATCH = 5_000;

/** The scoring settings a cycle carries as data (docs/domain.md §5 marks the split configurable). */
export async function cycleScoringSettings(reader: Queryable, cycleId: string) {
  const cycle = (
    await reader.query<{ instrumentVersionId: string; f02SharePercent: number; minSurveyRespondents: number }>(
      `SELECT "instrumentVersionId", "f02SharePercent", "minSurveyRespondents" FROM "Cycle" WHERE id = $1`,
      [cycleId],
    )
  ).rows[0];
  if (!cycle) throw new Error(`cycle ${cycleId} not found`);
  return { instrumentVersionId: cycle.instrumentVersionId, settings: scoringSettingsOf(cycle) };
}

/**
 * Scores every verified locus of a cycle (VERIFIED_STATUSES: VERIFIED or FINAL) with the scoring
 * module, and every institution whose loci are all verified. Three reads, side by side when the
 * reader is a pool (a single connection runs them one after another).
 */
export async function computeCycleResults(
  reader: Queryable,
  cycleId: string,
  instrument: InstrumentDefinition,
  settings: ScoringSettings,
  { concurrentReads = true } = {},
): Promise<ComputedCycleResults> {
  const verified = [...VERIFIED_STATUSES];
  const reads = [
    () =>
      reader.query<{ id: string; institutionId: string; verified: boolean }>(
        `SELECT a.id, l."institutionId", a.status = ANY($2::"AssessmentStatus"[]) AS verified FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a."cycleId" = $1`,
        [cycleId, verified],
      ),
    () =>
      reader.query<{ assessmentId: string; code: string; level: number }>(
        `SELECT v."assessmentId", i.code, v.level FROM "VerifiedAnswer" v JOIN "InstrumentIndicator" i ON i.id = v."indicatorId"
       JOIN "Assessment" a ON a.id = v."assessmentId" WHERE a."cycleId" = $1 AND a.status = ANY($2::"AssessmentStatus"[]) AND v.level IS NOT NULL`,
        [cycleId, verified],
      ),
    () =>
      reader.query<{ assessmentId: string; ratings: number[] }>(
        `SELECT r."assessmentId", r.ratings FROM "SurveyResponse" r JOIN "Assessment" a ON a.id = r."assessmentId"
       WHERE a."cycleId" = $1 AND a.status = ANY($2::"AssessmentStatus"[])`,
        [cycleId, verified],
      ),
  ] as const;
  const [assessments, levels, responses] = concurrentReads
    ? await Promise.all([reads[0](), reads[1](), reads[2]()])
    : [await reads[0](), await reads[1](), await reads[2]()];
  const levelsOf = new Map<string, Map<string, number>>();
  for (const row of levels.rows) {
    let map = levelsOf.get(row.assessmentId);
    if (!map) levelsOf.set(row.assessmentId, (map = new Map()));
    map.set(row.code, row.level);
  }
  const ratingsOf = new Map<string, number[][]>();
  for (const row of responses.rows) {
    const list = ratingsOf.get(row.assessmentId);
    if (list) list.push(row.ratings);
    else ratingsOf.set(row.assessmentId, [row.ratings]);
  }
  const byInstitution = new Map<string, { total: number; indices: Rational[] }>();
  const loci: ComputedLocus[] = [];
  for (const assessment of assessments.rows) {
    const entry = byInstitution.get(assessment.institutionId) ?? { total: 0, indices: [] };
    entry.total += 1;
    byInstitution.set(assessment.institutionId, entry);
    if (!assessment.verified) continue;
    const locus = computeLocus(assessment.id, instrument, levelsOf.get(assessment.id) ?? new Map(), ratingsOf.get(assessment.id) ?? [], settings);
    entry.indices.push(locus.index);
    loci.push(locus);
  }
  const institutions = [...byInstitution].flatMap(([institutionId, entry]) => {
    const institution = computeInstitution(institutionId, entry.total, entry.indices, settings);
    return institution ? [institution] : [];
  });
  return { loci, institutions };
}

/**
 * One verified locus's stored result, with the scoring module: the only conversion from its levels
 * and F-03 ratings to a stored row, shared by the full and the incremental recompute (./recompute-locus).
 */
export function computeLocus(
  assessmentId: string,
  instrument: InstrumentDefinition,
  levels: ReadonlyMap<string, number>,
  ratings: readonly (readonly number[])[],
  settings: ScoringSettings,
): ComputedLocus {
  const result = computeLocusResult(instrument, levels, ratings, settings);
  // F-02 is a sum of integer weights (percent of percent) times integer levels: exact in 1/10 000.
  const f02 = result.f02.total;
  if ((f02.numerator * 10_000n) % f02.denominator !== 0n) throw new Error(`F-02 of ${assessmentId} is not a whole number of ten-thousandths`);
  return {
    assessmentId,
    f02TenThousandths: Number((f02.numerator * 10_000n) / f02.denominator),
    respondents: result.f03.respondents,
    f03: result.f03.score,
    index: result.index.index,
    published: result.classification.published,
    grade: result.classification.grade,
  };
}

/**
 * An institution's stored result: only when every one of its `total` loci in the cycle is verified
 * (docs/domain.md §5: the mean of its loci's indices); null otherwise.
 */
export function computeInstitution(institutionId: string, total: number, indices: readonly Rational[], settings: ScoringSettings): ComputedInstitution | null {
  if (indices.length === 0 || indices.length !== total) return null;
  const index = institutionIndex(indices, settings)!;
  const grade = classify(index);
  return { institutionId, lociCount: total, index, published: grade.published, grade: grade.grade };
}

/**
 * Replaces a cycle's stored verified results; the caller holds the transaction around it. A
 * published cycle's results are first frozen as its version 1 when it has no version yet
 * (./versions): a recompute never changes what was published.
 */
export async function replaceCycleResults(transaction: Queryable, cycleId: string, results: ComputedCycleResults) {
  await freezePublishedVersion(transaction, cycleId);
  await transaction.query(`DELETE FROM "LocusResult" WHERE "cycleId" = $1 AND kind = 'VERIFIED'`, [cycleId]);
  await transaction.query(`DELETE FROM "InstitutionResult" WHERE "cycleId" = $1 AND kind = 'VERIFIED'`, [cycleId]);
  await insertLocusResults(transaction, cycleId, results.loci);
  await insertInstitutionResults(transaction, cycleId, results.institutions);
  await bumpResultsGeneration(transaction, cycleId);
}

/**
 * Every change of a cycle's stored results counts one generation (Cycle.resultsGeneration; the
 * database also counts publication, withdrawal and each new result version by trigger). Cached
 * listings are keyed by it (./published), so every instance sees a change at its next read.
 */
export async function bumpResultsGeneration(transaction: Queryable, cycleId: string) {
  await transaction.query(`UPDATE "Cycle" SET "resultsGeneration" = "resultsGeneration" + 1 WHERE id = $1`, [cycleId]);
}

export async function insertLocusResults(transaction: Queryable, cycleId: string, loci: readonly ComputedLocus[]) {
  for (let i = 0; i < loci.length; i += BATCH) {
    const batch = loci.slice(i, i + BATCH);
    await transaction.query(
      `INSERT INTO "LocusResult" ("cycleId", "assessmentId", kind, "f02TenThousandths", "surveyRespondents", "f03Numerator", "f03Denominator",
                                  "indexNumerator", "indexDenominator", "indexPublished", grade)
       SELECT $1, a, 'VERIFIED', f02, n, f3n, f3d, inum, iden, pub, g
       FROM unnest($2::uuid[], $3::int[], $4::int[], $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[], $9::numeric[], $10::text[])
         AS t(a, f02, n, f3n, f3d, inum, iden, pub, g)`,
      [
        cycleId,
        batch.map((l) => l.assessmentId),
        batch.map((l) => l.f02TenThousandths),
        batch.map((l) => l.respondents),
        batch.map((l) => l.f03?.numerator.toString() ?? null),
        batch.map((l) => l.f03?.denominator.toString() ?? null),
        batch.map((l) => l.index.numerator.toString()),
        batch.map((l) => l.index.denominator.toString()),
        batch.map((l) => l.published),
        batch.map((l) => l.grade),
      ],
    );
  }
}

export async function insertInstitutionResults(transaction: Queryable, cycleId: string, institutions: readonly ComputedInstitution[]) {
  for (let i = 0; i < institutions.length; i += BATCH) {
    const batch = institutions.slice(i, i + BATCH);
    await transaction.query(
      `INSERT INTO "InstitutionResult" ("cycleId", "institutionId", kind, "lociCount", "indexNumerator", "indexDenominator", "indexPublished", grade)
       SELECT $1, inst, 'VERIFIED', n, inum, iden, pub, g FROM unnest($2::uuid[], $3::int[], $4::numeric[], $5::numeric[], $6::numeric[], $7::text[]) AS t(inst, n, inum, iden, pub, g)`,
      [
        cycleId,
        batch.map((x) => x.institutionId),
        batch.map((x) => x.lociCount),
        batch.map((x) => x.index.numerator.toString()),
        batch.map((x) => x.index.denominator.toString()),
        batch.map((x) => x.published),
        batch.map((x) => x.grade),
      ],
    );
  }
}
