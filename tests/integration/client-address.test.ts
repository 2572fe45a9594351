import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CONNECTION_ADDRESS_HEADER, CONNECTION_HOP_MARK, CONNECTION_PROTOCOL_HEADER } from "@/lib/server/http/client-address";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

// Issue 13, defect 5: one client rotating X-Forwarded-For must not escape the F-03 per-address
// limit nor the sign-in address lockout, and must not write the address of its choice into the
// audit trail. TRUSTED_PROXY_HOPS is unset (0, the default): clients connect directly.

/** The request as the server process sees it: headers, and a cookie jar (one browser). */
const request = vi.hoisted(() => ({ headers: new Headers(), jar: new Map<string, string>() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({
    get: (name: string) => (request.jar.has(name) ? { name, value: request.jar.get(name)! } : undefined),
    getAll: () => [...request.jar].map(([name, value]) => ({ name, value })),
    has: (name: string) => request.jar.has(name),
    set: (name: string, value: string) => {
      request.jar.set(name, value);
    },
    delete: (name: string) => request.jar.delete(name),
  }),
}));

// Auth.js as the credentials sign-in uses it (its ESM build does not load outside Next.js): signIn
// hands the credentials to the provider's authorize, exactly as Auth.js's callback does, and a
// null user is a CredentialsSignin.
vi.mock("next-auth", () => {
  class AuthError extends Error {
    type = "AuthError";
  }
  class CredentialsSignin extends AuthError {
    override type = "CredentialsSignin";
    code = "credentials";
  }
  type Provider = { id: string; authorize: (credentials: unknown, request: Request) => Promise<unknown> };
  const NextAuth = (config: { providers: Provider[] }) => ({
    handlers: {},
    auth: async () => null,
    signOut: async () => undefined,
    signIn: async (id: string, { redirectTo: _redirect, ...credentials }: Record<string, unknown>) => {
      const provider = config.providers.find((p) => p.id === id)!;
      if (!(await provider.authorize(credentials, new Request("http://portal.test/api/auth/callback/credentials")))) throw new CredentialsSignin();
      throw new Error("signed in: this test expects no sign-in to succeed");
    },
  });
  return { default: NextAuth, AuthError, CredentialsSignin };
});
vi.mock("next-auth/providers/credentials", () => ({ default: (options: object) => ({ id: "credentials", type: "credentials", ...options }) }));

// What scripts/lib/connection-hop.cjs does in the portal's server process: it marks the process
// and records every request's socket address, replacing anything the client sent under that name.
(globalThis as Record<symbol, unknown>)[CONNECTION_HOP_MARK] = true;

/** A fresh browser connecting from `connection`, claiming `forged` in X-Forwarded-For. */
function connectFrom(connection: string, forged: string) {
  request.jar = new Map();
  request.headers = new Headers({
    host: "portal.test",
    origin: "http://portal.test",
    "user-agent": "RotatingScript/1.0",
    "x-forwarded-for": forged,
    "x-real-ip": forged,
    [CONNECTION_ADDRESS_HEADER]: `::ffff:${connection}`,
    [CONNECTION_PROTOCOL_HEADER]: "http",
  });
}

describe("a client rotating X-Forwarded-For (no trusted proxy)", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];

  beforeAll(async () => {
    delete process.env.TRUSTED_PROXY_HOPS;
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  it("is held to the F-03 limit of its connection's address: 20 responses an hour, then refused", async () => {
    const { submitSurveyAction } = await import("@/lib/server/survey/actions");
    const { createSurveyLink } = await import("@/lib/server/survey/survey");
    const admin = (await loadDemoActors(client))["admin@pekppp.test"]!;
    const assessmentId = (
      await one(
        `SELECT a.id FROM "Assessment" a JOIN "Cycle" c ON c.id = a."cycleId" JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
         WHERE c.status = 'ACTIVE' AND i.code = 'KOTA-16-PALEMBANG' ORDER BY l."serviceType" LIMIT 1`,
      )
    ).id;
    await client.query(`UPDATE "Assessment" SET status = 'SUBMITTED' WHERE id = $1`, [assessmentId]);
    const { token } = await createSurveyLink(admin, { assessmentId });
    const ratings = Array.from({ length: 14 }, (_, i) => i % 6);

    for (let i = 0; i < 20; i += 1) {
      connectFrom("192.0.2.44", `10.9.${i}.1`);
      expect((await submitSurveyAction({ token, ratings })).data).toEqual({ outcome: "ok" });
    }
    connectFrom("192.0.2.44", "10.9.99.1, 10.9.98.1");
    expect((await submitSurveyAction({ token, ratings })).data).toMatchObject({ outcome: "throttled" });
    // Another connection is another address.
    connectFrom("192.0.2.45", "10.9.99.1");
    expect((await submitSurveyAction({ token, ratings })).data).toEqual({ outcome: "ok" });

    expect(await one(`SELECT failures FROM "SignInThrottle" WHERE key = 'survey-address:192.0.2.44'`)).toEqual({ failures: 20 });
    expect(await one(`SELECT count(*)::int AS n FROM "SignInThrottle" WHERE key LIKE 'survey-address:10.9.%'`)).toEqual({ n: 0 });
  });

  it("is locked out of sign-in after 20 failures from its connection, and the audit trail holds that address, never a forged one", async () => {
    const { signInAction } = await import("@/lib/server/account/actions");
    for (let i = 0; i < 20; i += 1) {
      connectFrom("192.0.2.60", `10.8.${i}.1`);
      expect((await signInAction({ email: `penebak${i}@pekppp.test`, password: "bukan-sandinya" })).data).toEqual({ error: "invalid" });
    }
    // The right password of a real account, from yet another forged address: the address is locked.
    connectFrom("192.0.2.60", "10.8.99.1");
    expect((await signInAction({ email: "admin@pekppp.test", password: "pekppp-demo" })).data).toEqual({ error: "throttled", minutes: 1 });

    const addresses = await client.query(
      `SELECT DISTINCT "ipAddress" FROM "AuditEvent" WHERE action IN ('auth.sign-in-failed', 'auth.sign-in-throttled')
       AND ("actorLabel" LIKE 'penebak%' OR "actorLabel" = 'admin@pekppp.test')`,
    );
    expect(addresses.rows).toEqual([{ ipAddress: "192.0.2.60" }]);
    expect(await one(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "ipAddress" LIKE '10.8.%' OR "ipAddress" LIKE '10.9.%'`)).toEqual({ n: 0 });
    expect(await one(`SELECT failures FROM "SignInThrottle" WHERE key = 'address:192.0.2.60'`)).toEqual({ failures: 20 });
  });
});
