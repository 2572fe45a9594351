import { describe, expect, it } from "vitest";
import {
  accountKey,
  addressKey,
  blockedUntilAfterFailure,
  decide,
  nextStateAfterFailure,
  policyForKey,
  SIGN_IN_THROTTLE_POLICIES,
  type ThrottlePolicy,
  type ThrottleState,
} from "@/lib/auth/sign-in-throttle";

const ACCOUNT = SIGN_IN_THROTTLE_POLICIES.account;
const ADDRESS = SIGN_IN_THROTTLE_POLICIES.address;
const T0 = new Date("2026-03-02T08:00:00.000Z");
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const at = (ms: number) => new Date(T0.getTime() + ms);

/** `count` failures recorded at T0, T0 + 1 ms, …, as the store would, and the state they leave. */
function failTimes(count: number, policy: ThrottlePolicy, start = T0): ThrottleState | null {
  let state: ThrottleState | null = null;
  for (let i = 0; i < count; i += 1) state = nextStateAfterFailure(state, new Date(start.getTime() + i), policy);
  return state;
}

describe("keys", () => {
  it.each([
    ["Admin@PEKPPP.test", "account:admin@pekppp.test"],
    ["  evaluator.palembang@pekppp.test ", "account:evaluator.palembang@pekppp.test"],
  ])("account key of %j is %j", (email, key) => {
    expect(accountKey(email)).toBe(key);
  });

  it.each([
    ["203.0.113.7", "address:203.0.113.7"],
    ["2001:DB8::1", "address:2001:db8::1"],
    [null, "address:unknown"],
    [undefined, "address:unknown"],
    ["  ", "address:unknown"],
  ])("address key of %j is %j", (ip, key) => {
    expect(addressKey(ip)).toBe(key);
  });

  it("an address key is counted under the address policy, an account key under the account policy", () => {
    expect(policyForKey(addressKey("203.0.113.7"))).toBe(ADDRESS);
    expect(policyForKey(accountKey("a@b.test"))).toBe(ACCOUNT);
    // An e-mail address that happens to start with "address:" stays an account key.
    expect(policyForKey(accountKey("address:x@b.test"))).toBe(ACCOUNT);
  });
});

describe("the policy as data", () => {
  it("accounts get 5 free failures, addresses 20, both growing from 1 minute to at most 60 within 15 quiet minutes", () => {
    expect(ACCOUNT).toEqual({ freeFailures: 5, baseBlockMs: MINUTE, maxBlockMs: 60 * MINUTE, windowMs: 15 * MINUTE });
    expect(ADDRESS).toEqual({ freeFailures: 20, baseBlockMs: MINUTE, maxBlockMs: 60 * MINUTE, windowMs: 15 * MINUTE });
  });
});

describe("blockedUntilAfterFailure: min(2^(n − threshold) minutes, 60 minutes)", () => {
  it.each([
    [0, null],
    [1, null],
    [4, null],
    [5, 1],
    [6, 2],
    [7, 4],
    [8, 8],
    [9, 16],
    [10, 32],
    [11, 60],
    [12, 60],
    [50, 60],
    [5000, 60],
  ])("an account after %i failures in a row is blocked for %j minutes", (failures, minutes) => {
    const until = blockedUntilAfterFailure(ACCOUNT, failures, T0);
    expect(until).toEqual(minutes === null ? null : at(minutes * MINUTE));
  });

  it.each([
    [19, null],
    [20, 1],
    [21, 2],
    [25, 32],
    [26, 60],
  ])("an address after %i failures in a row is blocked for %j minutes", (failures, minutes) => {
    const until = blockedUntilAfterFailure(ADDRESS, failures, T0);
    expect(until).toEqual(minutes === null ? null : at(minutes * MINUTE));
  });
});

describe("decide", () => {
  it("allows a key that has never failed", () => {
    expect(decide(null, T0, ACCOUNT)).toEqual({ allowed: true });
  });

  it.each([1, 2, 3, 4, 5])("allows attempt %i: the first 5 failures in a row are free", (attempt) => {
    expect(decide(failTimes(attempt - 1, ACCOUNT), at(10 * SECOND), ACCOUNT)).toEqual({ allowed: true });
  });

  it("refuses the 6th attempt made right after 5 failures, for about 60 seconds", () => {
    const state = failTimes(5, ACCOUNT);
    expect(state?.failures).toBe(5);
    // The 5th failure was at T0 + 4 ms, so the block ends at T0 + 60.004 s.
    expect(decide(state, at(4), ACCOUNT)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(decide(state, at(30 * SECOND), ACCOUNT)).toEqual({ allowed: false, retryAfterSeconds: 31 });
    expect(decide(state, at(60 * SECOND + 4), ACCOUNT)).toEqual({ allowed: true });
  });

  it.each([
    // wait left in ms → whole seconds reported, always rounded up so a client never retries early
    [60_000, 60],
    [59_001, 60],
    [59_000, 59],
    [1_500, 2],
    [1, 1],
    [0, null],
    [-1, null],
  ])("a block ending %i ms from now reports %j seconds", (leftMs, seconds) => {
    const state: ThrottleState = { failures: 5, firstFailureAt: at(-MINUTE), lastFailureAt: at(-MINUTE), blockedUntil: at(leftMs) };
    expect(decide(state, T0, ACCOUNT)).toEqual(seconds === null ? { allowed: true } : { allowed: false, retryAfterSeconds: seconds });
  });

  it("an address is refused only from the 21st attempt", () => {
    expect(decide(failTimes(19, ADDRESS), at(SECOND), ADDRESS)).toEqual({ allowed: true });
    expect(decide(failTimes(20, ADDRESS), at(SECOND), ADDRESS)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    // The same 20 failures would long have locked an account.
    expect(decide(failTimes(20, ACCOUNT), at(SECOND), ACCOUNT)).toMatchObject({ allowed: false });
  });

  it("still blocks a row whose blockedUntil was never written, from its count and last failure", () => {
    const state: ThrottleState = { failures: 7, firstFailureAt: T0, lastFailureAt: T0, blockedUntil: null };
    expect(decide(state, at(MINUTE), ACCOUNT)).toEqual({ allowed: false, retryAfterSeconds: 3 * 60 });
  });
});

describe("nextStateAfterFailure", () => {
  it("starts a new key at one failure, not blocked", () => {
    expect(nextStateAfterFailure(null, T0, ACCOUNT)).toEqual({ failures: 1, firstFailureAt: T0, lastFailureAt: T0, blockedUntil: null });
  });

  it("doubles the block with every failure made as soon as the previous block ends, up to 60 minutes", () => {
    let state = failTimes(5, ACCOUNT);
    const blocks: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      const last = state!;
      blocks.push((last.blockedUntil!.getTime() - last.lastFailureAt.getTime()) / MINUTE);
      // The next attempt comes the moment the block ends: allowed, and it fails again.
      expect(decide(last, last.blockedUntil!, ACCOUNT)).toEqual({ allowed: true });
      state = nextStateAfterFailure(last, last.blockedUntil!, ACCOUNT);
      expect(state.firstFailureAt).toEqual(T0);
    }
    expect(blocks).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
    expect(state!.failures).toBe(14);
  });

  it.each([
    // quiet time after the last failure (no block yet) → failures counted afterwards
    [14 * MINUTE + 59 * SECOND, 4],
    [15 * MINUTE, 1],
    [3 * 60 * MINUTE, 1],
  ])("after 3 failures and %i ms of quiet the next failure is number %i", (quietMs, expected) => {
    const state = failTimes(3, ACCOUNT)!;
    const now = new Date(state.lastFailureAt.getTime() + quietMs);
    const next = nextStateAfterFailure(state, now, ACCOUNT);
    expect(next.failures).toBe(expected);
    expect(next.firstFailureAt).toEqual(expected === 1 ? now : T0);
    expect(next.lastFailureAt).toEqual(now);
  });

  it("counts the 15 quiet minutes from the end of a block, so a long block cannot reset itself", () => {
    // 9 failures: blocked for 16 minutes, longer than the window.
    const state = failTimes(9, ACCOUNT)!;
    expect(state.blockedUntil!.getTime() - state.lastFailureAt.getTime()).toBe(16 * MINUTE);
    const blockEnd = state.blockedUntil!.getTime();
    expect(nextStateAfterFailure(state, new Date(blockEnd), ACCOUNT)).toMatchObject({ failures: 10 });
    expect(nextStateAfterFailure(state, new Date(blockEnd + 15 * MINUTE - 1), ACCOUNT)).toMatchObject({ failures: 10 });
    expect(nextStateAfterFailure(state, new Date(blockEnd + 15 * MINUTE), ACCOUNT)).toMatchObject({ failures: 1, blockedUntil: null });
  });

  it("treats a stored row with zero failures as no state", () => {
    const empty: ThrottleState = { failures: 0, firstFailureAt: at(-MINUTE), lastFailureAt: at(-MINUTE), blockedUntil: null };
    expect(nextStateAfterFailure(empty, T0, ACCOUNT)).toEqual({ failures: 1, firstFailureAt: T0, lastFailureAt: T0, blockedUntil: null });
    expect(decide(empty, T0, ACCOUNT)).toEqual({ allowed: true });
  });
});
