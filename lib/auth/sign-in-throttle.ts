/**
 * Failed sign-in throttling: the pure policy. The state lives in the `SignInThrottle` table
 * (lib/server/auth/sign-in-throttle-store.ts) so that every app instance applies the same limits;
 * this module only decides. No Next, React or Prisma imports.
 *
 * Two keys are counted for every failed attempt: the account (guessing one password) and the
 * client address (spraying many accounts from one place). A sign-in is refused while either key
 * is blocked.
 */

const MINUTE_MS = 60_000;

export interface ThrottlePolicy {
  /** Failures in a row that cost nothing. The failure that reaches this count starts a block. */
  readonly freeFailures: number;
  /** Block after failure number `freeFailures`; it doubles with every further failure in a row. */
  readonly baseBlockMs: number;
  /** The block never grows beyond this. */
  readonly maxBlockMs: number;
  /** Quiet time after which the failures in a row count from zero again (see `windowStart`). */
  readonly windowMs: number;
}

/**
 * After failure number n (n ≥ threshold) the key is blocked for min(2^(n − threshold) minutes,
 * 60 minutes): 5 failures → 1 min, 6 → 2, 7 → 4, 8 → 8, 9 → 16, 10 → 32, 11 and later → 60.
 * So the 6th attempt made right after 5 failures is refused. An address gets 20 free failures,
 * because several people may share it (an office NAT), with the same growth afterwards.
 */
export const SIGN_IN_THROTTLE_POLICIES = {
  account: { freeFailures: 5, baseBlockMs: MINUTE_MS, maxBlockMs: 60 * MINUTE_MS, windowMs: 15 * MINUTE_MS },
  address: { freeFailures: 20, baseBlockMs: MINUTE_MS, maxBlockMs: 60 * MINUTE_MS, windowMs: 15 * MINUTE_MS },
} as const satisfies Record<string, ThrottlePolicy>;

/** One row of `SignInThrottle`, without its key. */
export interface ThrottleState {
  failures: number;
  firstFailureAt: Date;
  lastFailureAt: Date;
  blockedUntil: Date | null;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const ACCOUNT_PREFIX = "account:";
const ADDRESS_PREFIX = "address:";

/** E-mail addresses are compared case-insensitively at sign-in, so they are counted that way. */
export function accountKey(email: string): string {
  return ACCOUNT_PREFIX + email.trim().toLowerCase();
}

/** IPv6 hex digits may come in either case; a missing address is counted under one shared key. */
export function addressKey(ip: string | null | undefined): string {
  const address = ip?.trim().toLowerCase();
  return ADDRESS_PREFIX + (address || "unknown");
}

/** The policy a stored key is counted under (anything that is not an address is an account). */
export function policyForKey(key: string): ThrottlePolicy {
  return key.startsWith(ADDRESS_PREFIX) ? SIGN_IN_THROTTLE_POLICIES.address : SIGN_IN_THROTTLE_POLICIES.account;
}

/** When the key is free again after `failuresInARow` failures, the last one at `now`; null if not blocked. */
export function blockedUntilAfterFailure(policy: ThrottlePolicy, failuresInARow: number, now: Date): Date | null {
  if (failuresInARow < policy.freeFailures) return null;
  const doublings = failuresInARow - policy.freeFailures;
  // 2^doublings overflows to Infinity long before it matters; min() caps it either way.
  const blockMs = Math.min(policy.baseBlockMs * 2 ** doublings, policy.maxBlockMs);
  return new Date(now.getTime() + blockMs);
}

/**
 * The quiet time is counted from the last failure, or from the end of the block if that is later.
 * Counting from the last failure alone would reset a key during its own 16-minute block, so the
 * growth could never pass 16 minutes and the 60-minute cap would never be reached.
 */
function windowStart(state: ThrottleState): number {
  const last = state.lastFailureAt.getTime();
  return state.blockedUntil ? Math.max(last, state.blockedUntil.getTime()) : last;
}

function windowExpired(state: ThrottleState, now: Date, policy: ThrottlePolicy): boolean {
  return now.getTime() - windowStart(state) >= policy.windowMs;
}

/** Whether an attempt at `now` may go ahead; when not, the whole seconds to wait (rounded up). */
export function decide(state: ThrottleState | null, now: Date, policy: ThrottlePolicy): ThrottleDecision {
  if (!state || state.failures <= 0) return { allowed: true };
  // The stored block is authoritative; the one the policy derives from the count is also applied,
  // so a row whose blockedUntil was never written still blocks.
  const derived = blockedUntilAfterFailure(policy, state.failures, state.lastFailureAt);
  const until = Math.max(state.blockedUntil?.getTime() ?? 0, derived?.getTime() ?? 0);
  const waitMs = until - now.getTime();
  if (waitMs <= 0) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) };
}

/** The state after one more failure at `now`: counted on, or from 1 once the window has passed. */
export function nextStateAfterFailure(state: ThrottleState | null, now: Date, policy: ThrottlePolicy): ThrottleState {
  const fresh = !state || state.failures <= 0 || windowExpired(state, now, policy);
  const failures = fresh ? 1 : state.failures + 1;
  return {
    failures,
    firstFailureAt: fresh ? now : state.firstFailureAt,
    lastFailureAt: now,
    blockedUntil: blockedUntilAfterFailure(policy, failures, now),
  };
}
