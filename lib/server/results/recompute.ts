import "server-only";
import type { InstrumentDefinition } from "@/lib/domain/instrument";
import { classify } from "@/lib/domain/grades";
import type { Rational } from "@/lib/domain/rational";
import { computeLocusResult, institutionIndex, type ScoringSettings } from "@/lib/domain/scoring";
import { loadInstrument } from "../data/instrument";
import { pgPool } from "../pg-pool";

const BATCH = 5_000;

interface AssessmentRow {
  id: string;
  institutionId: string;
}

/**
 * Recomputes and stores the verified results of every VERIFIED or FINAL locus of a cycle, and of
 * every institution whose loci are all verified, with the scoring module: the stored numbers are
 * exactly what a page computes on the fly (a test holds both equal). Replaces the cycle's stored
 * results in one transaction, so readers never see a half-written cycle.
 */
export async function recomputeCycleResults(cycleId: string): Promise<{ loci: number; institutions: number; milliseconds: number }> {
  const started = performance.now();
  const client = await pgPool.connect();
  try {
    const cycle = (await client.query<{ instrumentVersionId: string; f02SharePercent: number; minSurveyRespondents: number }>(
      `SELECT "instrumentVersionId", "f02SharePercent", "minSurveyRespondents" FROM "Cycle" WHERE id = $1`, [cycleId])).rows[0];
    if (!cycle) throw new Error(`cycle ${cycleId} not found`);
    const instrument = await loadInstrument(cycle.instrumentVersionId);
    const settings: ScoringSettings = { f02SharePercent: cycle.f02SharePercent, minSurveyRespondents: cycle.minSurveyRespondents, institutionAggregation: "MEAN" };
    // The reads run side by side on pooled connections; the writes then go in one transaction.
    const { loci, byInstitution } = await computeLoci(cycleId, instrument, settings);

    await client.query("BEGIN");
    await client.query(`DELETE FROM "LocusResult" WHERE "cycleId" = $1 AND kind = 'VERIFIED'`, [cycleId]);
    await client.query(`DELETE FROM "InstitutionResult" WHERE "cycleId" = $1 AND kind = 'VERIFIED'`, [cycleId]);
    for (let i = 0; i < loci.length; i += BATCH) {
      const batch = loci.slice(i, i + BATCH);
      await client.query(
        `INSERT INTO "LocusResult" ("cycleId", "assessmentId", kind, "f02TenThousandths", "surveyRespondents", "f03Numerator", "f03Denominator",
                                    "indexNumerator", "indexDenominator", "indexPublished", grade)
         SELECT $1, a, 'VERIFIED', f02, n, f3n, f3d, inum, iden, pub, g
         FROM unnest($2::uuid[], $3::int[], $4::int[], $5::numeric[], $6::numeric[], $7::numeric[], $8::numeric[], $9::numeric[], $10::text[])
           AS t(a, f02, n, f3n, f3d, inum, iden, pub, g)`,
        [
          cycleId, batch.map((l) => l.assessmentId), batch.map((l) => l.f02TenThousandths), batch.map((l) => l.respondents),
          batch.map((l) => l.f03?.numerator.toString() ?? null), batch.map((l) => l.f03?.denominator.toString() ?? null),
          batch.map((l) => l.index.numerator.toString()), batch.map((l) => l.index.denominator.toString()),
          batch.map((l) => l.published), batch.map((l) => l.grade),
        ],
      );
    }
    const institutions = [...byInstitution].flatMap(([institutionId, entry]) => {
      if (entry.indices.length === 0 || entry.indices.length !== entry.total) return [];
      const index = institutionIndex(entry.indices, settings)!;
      const grade = classify(index);
      return [{ institutionId, lociCount: entry.total, index, published: grade.published, grade: grade.grade }];
    });
    for (let i = 0; i < institutions.length; i += BATCH) {
      const batch = institutions.slice(i, i + BATCH);
      await client.query(
        `INSERT INTO "InstitutionResult" ("cycleId", "institutionId", kind, "lociCount", "indexNumerator", "indexDenominator", "indexPublished", grade)
         SELECT $1, inst, 'VERIFIED', n, inum, iden, pub, g FROM unnest($2::uuid[], $3::int[], $4::numeric[], $5::numeric[], $6::numeric[], $7::text[]) AS t(inst, n, inum, iden, pub, g)`,
        [
          cycleId, batch.map((x) => x.institutionId), batch.map((x) => x.lociCount),
          batch.map((x) => x.index.numerator.toString()), batch.map((x) => x.index.denominator.toString()),
          batch.map((x) => x.published), batch.map((x) => x.grade),
        ],
      );
    }
    await client.query("COMMIT");
    return { loci: loci.length, institutions: institutions.length, milliseconds: performance.now() - started };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Reads the cycle's verified levels and F-03 ratings in three queries, and scores every verified locus. */
async function computeLoci(cycleId: string, instrument: InstrumentDefinition, settings: ScoringSettings) {
  const client = pgPool;
  const [assessments, levels, responses] = await Promise.all([
    client.query<AssessmentRow & { verified: boolean }>(
      `SELECT a.id, l."institutionId", a.status IN ('VERIFIED', 'FINAL') AS verified FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a."cycleId" = $1`, [cycleId]),
    client.query<{ assessmentId: string; code: string; level: number }>(
      `SELECT v."assessmentId", i.code, v.level FROM "VerifiedAnswer" v JOIN "InstrumentIndicator" i ON i.id = v."indicatorId"
       JOIN "Assessment" a ON a.id = v."assessmentId" WHERE a."cycleId" = $1 AND a.status IN ('VERIFIED', 'FINAL') AND v.level IS NOT NULL`, [cycleId]),
    client.query<{ assessmentId: string; ratings: number[] }>(
      `SELECT r."assessmentId", r.ratings FROM "SurveyResponse" r JOIN "Assessment" a ON a.id = r."assessmentId"
       WHERE a."cycleId" = $1 AND a.status IN ('VERIFIED', 'FINAL')`, [cycleId]),
  ]);
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
  const loci = [];
  for (const assessment of assessments.rows) {
    const entry = byInstitution.get(assessment.institutionId) ?? { total: 0, indices: [] };
    entry.total += 1;
    byInstitution.set(assessment.institutionId, entry);
    if (!assessment.verified) continue;
    const result = computeLocusResult(instrument, levelsOf.get(assessment.id) ?? new Map(), ratingsOf.get(assessment.id) ?? [], settings);
    entry.indices.push(result.index.index);
    // F-02 is a sum of integer weights (percent of percent) times integer levels: exact in 1/10 000.
    const f02 = result.f02.total;
    if ((f02.numerator * 10_000n) % f02.denominator !== 0n) throw new Error(`F-02 of ${assessment.id} is not a whole number of ten-thousandths`);
    const f02TenThousandths = Number((f02.numerator * 10_000n) / f02.denominator);
    loci.push({
      assessmentId: assessment.id,
      f02TenThousandths,
      respondents: result.f03.respondents,
      f03: result.f03.score,
      index: result.index.index,
      published: result.classification.published,
      grade: result.classification.grade,
    });
  }
  return { loci, byInstitution };
}
