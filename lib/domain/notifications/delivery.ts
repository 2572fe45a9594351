/**
 * How e-mail delivery retries (issue 14: "failed deliveries retry with backoff; nothing is lost
 * when SMTP is down"). Pure: the worker records each attempt and schedules the next one from here.
 */

/** Attempts of one message before it is FAILED for good (an admin may still send it again). */
export const DELIVERY_MAX_ATTEMPTS = 25;

/** Messages per delivery job: one job sends a batch over one SMTP connection pool. */
export const DELIVERY_BATCH = 50;

/**
 * Seconds to wait after the n-th failed attempt: e^min(n, 10), as graphile-worker's own backoff
 * (3 s, 7 s, 20 s, 55 s, 2.5 min, 7 min, 18 min, 50 min, 2.3 h, then 6 h): 25 attempts span about
 * four days.
 */
export function retryDelaySeconds(failedAttempts: number): number {
  return Math.round(Math.exp(Math.min(Math.max(failedAttempts, 1), 10)));
}

/** A message's state after its `attempts`-th attempt failed. */
export function afterFailure(attempts: number): { status: "RETRYING"; retryInSeconds: number } | { status: "FAILED"; retryInSeconds: null } {
  return attempts >= DELIVERY_MAX_ATTEMPTS ? { status: "FAILED", retryInSeconds: null } : { status: "RETRYING", retryInSeconds: retryDelaySeconds(attempts) };
}
