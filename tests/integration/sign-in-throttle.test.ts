import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { accountKey, addressKey } from "@/lib/auth/sign-in-throttle";
import { configureServerEnvironment, useSeededDatabase } from "./support/test-database";

type Store = typeof import("@/lib/server/auth/sign-in-throttle-store");
type Db = typeof import("@/lib/server/db/client")["db"];
interface AppInstance {
  store: Store;
  db: Db;
}

const MINUTE = 60_000;
const T0 = new Date("2026-03-02T08:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

/**
 * A second app instance in the same process: a fresh copy of the server modules with its own
 * Prisma client and connection pool. lib/server/db.ts keeps its client on globalThis outside
 * production, so that slot is emptied for the import and given back to the first instance after.
 */
async function loadSecondInstance(first: AppInstance): Promise<AppInstance> {
  const slot = globalThis as unknown as { prisma?: unknown };
  delete slot.prisma;
  vi.resetModules();
  const instance = {
    store: await import("@/lib/server/auth/sign-in-throttle-store"),
    db: (await import("@/lib/server/db/client")).db,
  };
  slot.prisma = first.db;
  return instance;
}

describe("failed sign-in throttle in PostgreSQL", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let first: AppInstance;
  let second: AppInstance;

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    first = {
      store: await import("@/lib/server/auth/sign-in-throttle-store"),
      db: (await import("@/lib/server/db/client")).db,
    };
    second = await loadSecondInstance(first);
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await first.db.$disconnect();
    await second.db.$disconnect();
    await database.drop();
  });

  /** The row as a plain PostgreSQL client sees it, times as epoch milliseconds (columns hold UTC). */
  async function readRow(key: string) {
    const result = await client.query<{ failures: number; firstFailureAt: string; lastFailureAt: string; blockedUntil: string | null }>(
      `SELECT "failures",
              (EXTRACT(EPOCH FROM "firstFailureAt") * 1000)::bigint::text AS "firstFailureAt",
              (EXTRACT(EPOCH FROM "lastFailureAt") * 1000)::bigint::text AS "lastFailureAt",
              (EXTRACT(EPOCH FROM "blockedUntil") * 1000)::bigint::text AS "blockedUntil"
       FROM "SignInThrottle" WHERE "key" = $1`,
      [key],
    );
    const row = result.rows[0];
    if (!row) return null;
    return {
      failures: row.failures,
      firstFailureAt: Number(row.firstFailureAt),
      lastFailureAt: Number(row.lastFailureAt),
      blockedUntil: row.blockedUntil === null ? null : Number(row.blockedUntil),
    };
  }

  it("the second instance really is a separate client", () => {
    expect(second.db).not.toBe(first.db);
    expect(second.store).not.toBe(first.store);
  });

  it("allows 5 failed attempts on an account and refuses the 6th for a minute, on every instance", async () => {
    const keys = [accountKey("Evaluator.Palembang@pekppp.test"), addressKey("203.0.113.10")];
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const now = at(attempt * 1000);
      expect(await first.store.checkSignInAllowed(keys, now)).toEqual({ allowed: true });
      await first.store.recordSignInFailure(keys, now);
    }
    const sixth = at(6000);
    expect(await first.store.checkSignInAllowed(keys, sixth)).toEqual({ allowed: false, retryAfterSeconds: 59 });
    // The other app instance reads the same state from the database.
    expect(await second.store.checkSignInAllowed(keys, sixth)).toEqual({ allowed: false, retryAfterSeconds: 59 });
    expect(await readRow("account:evaluator.palembang@pekppp.test")).toEqual({
      failures: 5,
      firstFailureAt: at(1000).getTime(),
      lastFailureAt: at(5000).getTime(),
      blockedUntil: at(5000 + MINUTE).getTime(),
    });
    // The address has 15 failures to go, so only the account is blocked.
    expect(await readRow("address:203.0.113.10")).toMatchObject({ failures: 5, blockedUntil: null });
    expect(await second.store.checkSignInAllowed([addressKey("203.0.113.10")], sixth)).toEqual({ allowed: true });
    expect(await second.store.checkSignInAllowed(keys, at(5000 + MINUTE))).toEqual({ allowed: true });
  });

  it("a failure recorded by the second instance continues the count and lengthens the block for the first", async () => {
    const key = accountKey("pimpinan.palembang@pekppp.test");
    for (let i = 0; i < 5; i += 1) await first.store.recordSignInFailure([key], at(i));
    await second.store.recordSignInFailure([key], at(2 * MINUTE));
    expect(await readRow(key)).toMatchObject({ failures: 6, blockedUntil: at(4 * MINUTE).getTime() });
    expect(await first.store.checkSignInAllowed([key], at(2 * MINUTE))).toEqual({ allowed: false, retryAfterSeconds: 120 });
  });

  it("reports the longest wait when several keys are blocked", async () => {
    const account = accountKey("admin@pekppp.test");
    const address = addressKey("198.51.100.3");
    for (let i = 0; i < 20; i += 1) await first.store.recordSignInFailure([address], at(i));
    for (let i = 0; i < 7; i += 1) await first.store.recordSignInFailure([account], at(i));
    // The address was blocked for 1 minute from T0 + 19 ms, the account for 4 minutes from T0 + 6 ms.
    expect(await first.store.checkSignInAllowed([address], at(0))).toEqual({ allowed: false, retryAfterSeconds: 61 });
    expect(await first.store.checkSignInAllowed([address, account], at(0))).toEqual({ allowed: false, retryAfterSeconds: 241 });
  });

  it("counts every one of 20 failures recorded at the same time by two instances (no lost update)", async () => {
    const key = accountKey("race@pekppp.test");
    const now = at(0);
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? first : second).store.recordSignInFailure([key], now)));
    expect(await readRow(key)).toEqual({
      failures: 20,
      firstFailureAt: now.getTime(),
      lastFailureAt: now.getTime(),
      blockedUntil: at(60 * MINUTE).getTime(),
    });
  });

  it("counts concurrent failures on a key that already has a row, too", async () => {
    const key = addressKey("192.0.2.44");
    await first.store.recordSignInFailure([key], at(0));
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? first : second).store.recordSignInFailure([key], at(1000))));
    expect(await readRow(key)).toMatchObject({ failures: 21, firstFailureAt: at(0).getTime(), blockedUntil: at(1000 + 2 * MINUTE).getTime() });
  });

  it("clearing the account key after a successful sign-in lets the account in, and the address keeps its count", async () => {
    const account = accountKey("verifikator@pekppp.test");
    const address = addressKey("203.0.113.77");
    for (let i = 0; i < 6; i += 1) await first.store.recordSignInFailure([account, address], at(i));
    expect(await first.store.checkSignInAllowed([account, address], at(10))).toMatchObject({ allowed: false });

    await second.store.clearSignInFailures(account);
    expect(await readRow(account)).toBeNull();
    expect(await readRow(address)).toMatchObject({ failures: 6 });
    expect(await first.store.checkSignInAllowed([account, address], at(10))).toEqual({ allowed: true });
    // Failing again starts from 1.
    await first.store.recordSignInFailure([account], at(20));
    expect(await readRow(account)).toMatchObject({ failures: 1, blockedUntil: null });
    // Clearing a key that has no row is not an error.
    await expect(first.store.clearSignInFailures(accountKey("nobody@pekppp.test"))).resolves.toBeUndefined();
  });

  it("starts counting again at 1 once 15 minutes have passed without a failure", async () => {
    const key = accountKey("evaluator.kemenkes@pekppp.test");
    for (let i = 0; i < 4; i += 1) await first.store.recordSignInFailure([key], at(i * MINUTE));
    expect(await readRow(key)).toMatchObject({ failures: 4 });

    // 14 minutes 59 seconds after the last failure the window is still open.
    await first.store.recordSignInFailure([key], at(3 * MINUTE + 14 * MINUTE + 59_000));
    expect(await readRow(key)).toMatchObject({ failures: 5, firstFailureAt: at(0).getTime() });

    // The 5th failure blocked the key for a minute; 15 quiet minutes after that block, it starts over.
    const restart = at(3 * MINUTE + 14 * MINUTE + 59_000 + MINUTE + 15 * MINUTE);
    await second.store.recordSignInFailure([key], restart);
    expect(await readRow(key)).toEqual({
      failures: 1,
      firstFailureAt: restart.getTime(),
      lastFailureAt: restart.getTime(),
      blockedUntil: null,
    });
    expect(await first.store.checkSignInAllowed([key], restart)).toEqual({ allowed: true });
  });

  it("records nothing and allows everything for an empty key list", async () => {
    await first.store.recordSignInFailure([], at(0));
    expect(await first.store.checkSignInAllowed([], at(0))).toEqual({ allowed: true });
  });
});
