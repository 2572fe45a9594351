import "server-only";
import { loadInstrument } from "../instrument/load";
import { pgPool } from "../db/pg-pool";
import { computeCycleResults, cycleScoringSettings, replaceCycleResults } from "./cycle-results";

/**
 * Recomputes and stores the verified results of every VERIFIED or FINAL locus of a cycle, and of
 * every institution whose loci are all verified, with the scoring module: the stored numbers are
 * exactly what a page computes on the fly (a test holds both equal). Replaces the cycle's stored
 * results in one transaction, so readers never see a half-written cycle.
 */
export async function recomputeCycleResults(cycleId: string): Promise<{ loci: number; institutions: number; milliseconds: number }> {
  const started = performance.now();
  const { instrumentVersionId, settings } = await cycleScoringSettings(pgPool, cycleId);
  const instrument = await loadInstrument(instrumentVersionId);
  // The reads run side by side on pooled connections; the writes then go in one transaction.
  const results = await computeCycleResults(pgPool, cycleId, instrument, settings);
  const client = await pgPool.connect();
  try {
    await client.query("BEGIN");
    await replaceCycleResults(client, cycleId, results);
    await client.query("COMMIT");
    return { loci: results.loci.length, institutions: results.institutions.length, milliseconds: performance.now() - started };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
