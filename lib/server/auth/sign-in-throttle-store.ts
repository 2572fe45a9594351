import "server-only";
import { decide, nextStateAfterFailure, policyForKey, type ThrottleDecision, type ThrottleState } from "@/lib/auth/sign-in-throttle";
import { db } from "../db/client";

/**
 * Failed sign-in counters in PostgreSQL (`SignInThrottle`), shared by every app instance. The
 * policy is in lib/auth/sign-in-throttle.ts; this file only reads and writes its state.
 */

// Generous enough for a burst of failures queued on one key, each waiting for the row lock.
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 10_000 } as const;

/** Refused while any of the keys is blocked; the wait reported is the longest of them. */
export async function checkSignInAllowed(keys: string[], now: Date = new Date()): Promise<ThrottleDecision> {
  if (keys.length === 0) return { allowed: true };
  const rows = await db.signInThrottle.findMany({ where: { key: { in: [...new Set(keys)] } } });
  let longest = 0;
  for (const row of rows) {
    const decision = decide(row, now, policyForKey(row.key));
    if (!decision.allowed) longest = Math.max(longest, decision.retryAfterSeconds);
  }
  return longest > 0 ? { allowed: false, retryAfterSeconds: longest } : { allowed: true };
}

/**
 * Counts one failed attempt against every key. Each key is updated in its own transaction that
 * first makes sure the row exists and then holds its row lock (`SELECT … FOR UPDATE`) while the
 * pure policy computes the next state, so failures recorded at the same moment by several app
 * instances queue on the lock and each one counts. One key per transaction means no transaction
 * ever waits for a second lock, so two callers cannot deadlock.
 */
export async function recordSignInFailure(keys: string[], now: Date = new Date()): Promise<void> {
  for (const key of new Set(keys)) {
    await db.$transaction(async (tx) => {
      // A new row starts at 0 failures (read below as "no state"). DO NOTHING waits for a
      // concurrent insert of the same key to commit, so the SELECT that follows always finds a row.
      await tx.$executeRaw`INSERT INTO "SignInThrottle" ("key", "failures") VALUES (${key}, 0) ON CONFLICT ("key") DO NOTHING`;
      await tx.$queryRaw`SELECT "key" FROM "SignInThrottle" WHERE "key" = ${key} FOR UPDATE`;
      // Read through the typed client while the lock is held: no other writer can change the row
      // before this transaction commits, and dates come back exactly as the column stores them.
      const row = await tx.signInThrottle.findUniqueOrThrow({ where: { key } });
      const current: ThrottleState | null = row.failures > 0 ? row : null;
      const next = nextStateAfterFailure(current, now, policyForKey(key));
      await tx.signInThrottle.update({ where: { key }, data: next });
    }, TRANSACTION_OPTIONS);
  }
}

/** A successful sign-in forgets the account's failures (the address keeps its count). */
export async function clearSignInFailures(key: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key } });
}
