import "server-only";
import { pgPool } from "../db/pg-pool";

/** The fixed window of the read API's rate limit, in seconds. */
export const RATE_WINDOW_SECONDS = 60;

export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one request of `key` ("token:<id>" or "address:<ip>") in the current one-minute window,
 * in PostgreSQL so every instance shares the count (issue 20): one upsert that returns the new
 * count. Over `limit`: refused, with the seconds until the window ends. The first request of a
 * window drops the key's older windows, so the table holds at most about one row per active key.
 */
export async function consumeRate(key: string, limit: number, now = new Date()): Promise<RateDecision> {
  const windowMs = RATE_WINDOW_SECONDS * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const { rows } = await pgPool.query<{ count: number }>({
    name: "api-rate-consume",
    text: `INSERT INTO "ApiRateWindow" (key, "windowStart", count) VALUES ($1, $2, 1)
           ON CONFLICT (key, "windowStart") DO UPDATE SET count = "ApiRateWindow".count + 1
           RETURNING count`,
    values: [key, windowStart],
  });
  const count = rows[0]?.count ?? 1;
  if (count === 1)
    await pgPool.query({ name: "api-rate-prune", text: `DELETE FROM "ApiRateWindow" WHERE key = $1 AND "windowStart" < $2`, values: [key, windowStart] });
  if (count > limit) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000)) };
  return { allowed: true, remaining: limit - count };
}
