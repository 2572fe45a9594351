import "server-only";
import type pg from "pg";
import { pgPool } from "./pg-pool";

/**
 * A small read on a hot path, kept out of PostgreSQL's parallel workers. At the 20,000-loci scale
 * the planner chose a parallel plan for one institution's answers (a few hundred rows of tables of
 * millions), and starting its workers took 100–240 ms on a busy 2-core machine against 2–8 ms
 * serially (issue 17: the head's dashboard). The setting holds for this one read-only transaction.
 */
export async function serialRead<R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
  const client = await pgPool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN READ ONLY; SET LOCAL max_parallel_workers_per_gather = 0");
    const result = await client.query<R>(text, values);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollback: Error) => {
      broken = rollback;
    });
    throw error;
  } finally {
    // A connection whose transaction could not be ended is not given back to the pool.
    client.release(broken);
  }
}
