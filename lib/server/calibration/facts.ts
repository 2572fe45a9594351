import "server-only";
import { pgPool } from "../db/pg-pool";

/**
 * The calibration's counted answers (table CalibrationFact, issue 18): per cycle, the scored
 * indicator answers of its VERIFIED and FINAL loci with both levels given, counted per indicator,
 * institution type, province, verifier (who last saved the verified level) and adjustment
 * (verified − self level). Every filter and grouping of the page sums these rows, a few thousand
 * per cycle, instead of joining the cycle's answers.
 *
 * They change only with the stored results (an approval, an accepted appeal, a published correction
 * recompute them and add to the cycle's results generation), so a cycle's rows are rebuilt once
 * when its generation has moved past the one they were counted at, by whichever request or instance
 * comes first; the others wait on the lock and find them fresh.
 */
export async function ensureCalibrationFacts(cycles: readonly { id: string; generation: number }[]): Promise<void> {
  if (cycles.length === 0) return;
  const stale = await pgPool.query<{ id: string }>(
    `SELECT c.id FROM unnest($1::uuid[], $2::int[]) AS c(id, generation)
     LEFT JOIN "CalibrationSnapshot" s ON s."cycleId" = c.id WHERE s.generation IS DISTINCT FROM c.generation`,
    [cycles.map((c) => c.id), cycles.map((c) => c.generation)],
  );
  // One after the other: each rebuild reads a cycle's answers in full, two at once only compete for the disk.
  for (const { id } of stale.rows) await rebuild(id);
}

async function rebuild(cycleId: string) {
  const client = await pgPool.connect();
  try {
    await client.query("BEGIN");
    await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('calibration-facts:' || $1::text, 0))`, [cycleId]);
    // The generation is read before the answers: an approval committing in between leaves rows newer
    // than their mark, counted again at the next request, never rows older than it.
    const current = await client.query<{ generation: number; built: number | null }>(
      `SELECT c."resultsGeneration" AS generation, s.generation AS built FROM "Cycle" c
       LEFT JOIN "CalibrationSnapshot" s ON s."cycleId" = c.id WHERE c.id = $1`,
      [cycleId],
    );
    const row = current.rows[0];
    if (!row || row.built === row.generation) {
      await client.query("COMMIT");
      return;
    }
    await client.query(`DELETE FROM "CalibrationFact" WHERE "cycleId" = $1`, [cycleId]);
    await client.query(
      `INSERT INTO "CalibrationFact" ("cycleId", "indicatorId", "institutionType", "provinceId", "verifierId", adjustment, answers)
       SELECT $1, v."indicatorId", i.type, i."provinceId", v."updatedById", v.level - s.level, count(*)::int
       FROM "Assessment" a
       JOIN "Locus" l ON l.id = a."locusId"
       JOIN "Institution" i ON i.id = l."institutionId"
       JOIN "VerifiedAnswer" v ON v."assessmentId" = a.id
       JOIN "SelfAnswer" s ON s."assessmentId" = a.id AND s."indicatorId" = v."indicatorId"
       JOIN "InstrumentIndicator" ind ON ind.id = v."indicatorId"
       WHERE a."cycleId" = $1 AND a.status IN ('VERIFIED', 'FINAL') AND v.level IS NOT NULL AND s.level IS NOT NULL AND ind.weight > 0
       GROUP BY 2, 3, 4, 5, 6`,
      [cycleId],
    );
    await client.query(
      `INSERT INTO "CalibrationSnapshot" ("cycleId", generation, "builtAt") VALUES ($1, $2, now())
       ON CONFLICT ("cycleId") DO UPDATE SET generation = EXCLUDED.generation, "builtAt" = EXCLUDED."builtAt"`,
      [cycleId, row.generation],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
