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
  // All stale cycles in one statement: one scan of the answers, however many cycles it counts.
  if (stale.rows.length > 0) await rebuild(stale.rows.map((r) => r.id).sort());
}

async function rebuild(cycleIds: string[]) {
  const client = await pgPool.connect();
  try {
    await client.query("BEGIN");
    // In id order, so two rebuilds of overlapping cycles never wait on each other crosswise.
    for (const id of cycleIds) await client.query(`SELECT pg_advisory_xact_lock(hashtextextended('calibration-facts:' || $1::text, 0))`, [id]);
    // The generation is read before the answers: an approval committing in between leaves rows newer
    // than their mark, counted again at the next request, never rows older than it.
    const current = await client.query<{ id: string; generation: number }>(
      `SELECT c.id, c."resultsGeneration" AS generation FROM "Cycle" c
       LEFT JOIN "CalibrationSnapshot" s ON s."cycleId" = c.id WHERE c.id = ANY($1::uuid[]) AND s.generation IS DISTINCT FROM c."resultsGeneration"`,
      [cycleIds],
    );
    const ids = current.rows.map((r) => r.id);
    if (ids.length > 0) {
      await client.query(`DELETE FROM "CalibrationFact" WHERE "cycleId" = ANY($1::uuid[])`, [ids]);
      await client.query(
        `INSERT INTO "CalibrationFact" ("cycleId", "indicatorId", "institutionType", "provinceId", "verifierId", adjustment, answers)
         SELECT a."cycleId", v."indicatorId", i.type, i."provinceId", v."updatedById", v.level - s.level, count(*)::int
         FROM "Assessment" a
         JOIN "Locus" l ON l.id = a."locusId"
         JOIN "Institution" i ON i.id = l."institutionId"
         JOIN "VerifiedAnswer" v ON v."assessmentId" = a.id
         JOIN "SelfAnswer" s ON s."assessmentId" = a.id AND s."indicatorId" = v."indicatorId"
         JOIN "InstrumentIndicator" ind ON ind.id = v."indicatorId"
         WHERE a."cycleId" = ANY($1::uuid[]) AND a.status IN ('VERIFIED', 'FINAL') AND v.level IS NOT NULL AND s.level IS NOT NULL AND ind.weight > 0
         GROUP BY 1, 2, 3, 4, 5, 6`,
        [ids],
      );
      await client.query(
        `INSERT INTO "CalibrationSnapshot" ("cycleId", generation, "builtAt")
         SELECT c.id, c.generation, now() FROM unnest($1::uuid[], $2::int[]) AS c(id, generation)
         ON CONFLICT ("cycleId") DO UPDATE SET generation = EXCLUDED.generation, "builtAt" = EXCLUDED."builtAt"`,
        [ids, current.rows.map((r) => r.generation)],
      );
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
