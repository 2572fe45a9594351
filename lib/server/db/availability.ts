import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { logger } from "../logger";
import { describeDatabaseError, isDatabaseUnavailableError } from "./connection-errors";

/**
 * Whether the database answers, for the whole process. While it does not, route handlers answer
 * 503 with Retry-After, server actions return errors.databaseUnavailable, and the error page says
 * so; the log gets one record when the outage starts and one when it ends (never a stack per
 * request). The readiness route (app/api/ready) asks probeDatabase().
 */

/** What clients are told to wait (Retry-After), and how often an outage is re-checked. */
export const RETRY_AFTER_SECONDS = 10;
/** The readiness probe's limit for connecting and answering `SELECT 1`. */
export const PROBE_TIMEOUT_MS = 2_000;

interface Outage {
  since: number;
  /** Requests and probes that failed during the outage. */
  failures: number;
  recheck: NodeJS.Timeout;
}

// On globalThis: one state per process, whichever bundle a route, action or page was built into.
const store = globalThis as unknown as { pekpppDatabaseOutage?: Outage | null };

function recordOutage(error: unknown) {
  const outage = store.pekpppDatabaseOutage;
  if (outage) {
    outage.failures += 1;
    return;
  }
  // Re-checked in the background too, so that the end is logged even when no request comes.
  const recheck = setInterval(() => void probeDatabase(), RETRY_AFTER_SECONDS * 1_000);
  recheck.unref();
  store.pekpppDatabaseOutage = { since: Date.now(), failures: 1, recheck };
  logger.error(
    { reason: describeDatabaseError(error), retryAfterSeconds: RETRY_AFTER_SECONDS },
    "database unavailable: requests are answered 503 with Retry-After until it answers again",
  );
}

/** The database answered: ends an outage under way, with one log record. */
export function noteDatabaseAvailable() {
  const outage = store.pekpppDatabaseOutage;
  if (!outage) return;
  clearInterval(outage.recheck);
  store.pekpppDatabaseOutage = null;
  logger.info({ downForSeconds: Math.round((Date.now() - outage.since) / 1_000), failures: outage.failures }, "database available again");
}

/**
 * For error handlers: true when the error means the database cannot be reached (then answer 503
 * with Retry-After: RETRY_AFTER_SECONDS). The first such error of an outage is logged, without a
 * stack; the next ones are only counted. False for any other error.
 */
export function noteDatabaseUnavailable(error: unknown): boolean {
  if (!isDatabaseUnavailableError(error)) return false;
  recordOutage(error);
  return true;
}

/**
 * A pooled connection the server closed while idle (a restart, pg_terminate_backend): the pool
 * drops it and opens a new one when needed. Without this listener on the pool, node-postgres
 * would raise it as an uncaught exception. A real outage shows in the next query.
 */
export function onIdleConnectionError(error: Error) {
  logger.debug({ reason: describeDatabaseError(error) }, "idle database connection closed");
}

/**
 * Readiness: whether the database answers `SELECT 1` within timeoutMs, on a connection of its own
 * (a busy pool does not make the database unready). Records the outage or its end.
 */
export async function probeDatabase(timeoutMs = PROBE_TIMEOUT_MS): Promise<boolean> {
  const client = new pg.Client({ connectionString: env.DATABASE_URL, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on("error", () => undefined);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Connection terminated due to connection timeout (${timeoutMs} ms)`)), timeoutMs);
  });
  try {
    await Promise.race([
      (async () => {
        await client.connect();
        await client.query("SELECT 1");
      })(),
      deadline,
    ]);
    noteDatabaseAvailable();
    return true;
  } catch (error) {
    recordOutage(error);
    return false;
  } finally {
    clearTimeout(timer);
    void client.end().catch(() => undefined);
  }
}
