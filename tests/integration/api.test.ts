import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

/**
 * The read API /api/v1 (issue 20) on a real PostgreSQL with the demo data: the authorization
 * matrix (every endpoint × role × own/foreign scope, from the table below; a route file without a
 * row fails), tokens of deactivated users and revoked or expired tokens, the rate limit, the usage
 * record, the errors in the caller's language, and the OpenAPI document against the route files.
 */

const ROOT = path.resolve(import.meta.dirname, "..", "..");
type Who = "ANONYMOUS" | "ADMIN" | "EVALUATOR" | "VERIFIER" | "HEAD";
const WHO: Who[] = ["ANONYMOUS", "ADMIN", "EVALUATOR", "VERIFIER", "HEAD"];
/** rows: 200 with data of that scope only; empty: 200 with no data; a number: that status. */
type Expect = "rows" | "empty" | 401 | 404;
type Row = Record<Who, [own: Expect, foreign: Expect]>;

interface Fixture {
  own: { institutionId: string; code: string };
  foreign: { institutionId: string; code: string };
  publishedCycleId: string;
  activeCycleId: string;
  activeYear: number;
  foreignCycleYear: number;
}

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

interface Endpoint {
  /** The URL of a request within the caller's own scope, and of one outside it, with the route params. */
  url: (f: Fixture, scope: "own" | "foreign") => { url: string; params?: Record<string, string> };
  /** Every row of a 200 answer belongs to the scope asked for (the filter or the record). */
  belongs?: (row: Record<string, unknown>, f: Fixture, scope: "own" | "foreign") => boolean;
  expected: Row;
}

const PUBLIC_ROWS: Row = {
  ANONYMOUS: ["rows", "rows"],
  ADMIN: ["rows", "rows"],
  EVALUATOR: ["rows", "rows"],
  VERIFIER: ["rows", "rows"],
  HEAD: ["rows", "rows"],
};
const SCOPED_LIST: Row = { ANONYMOUS: [401, 401], ADMIN: ["rows", "rows"], EVALUATOR: ["rows", "empty"], VERIFIER: ["rows", "empty"], HEAD: ["rows", "empty"] };
const SCOPED_RECORD: Row = { ANONYMOUS: [401, 401], ADMIN: ["rows", "rows"], EVALUATOR: ["rows", 404], VERIFIER: ["rows", 404], HEAD: ["rows", 404] };
const institutionOf = (f: Fixture, scope: "own" | "foreign") => f[scope].institutionId;

/**
 * Every route under app/api/v1, by its pattern. Own: Kota Palembang (the evaluator's and head's
 * institution, assigned to the demo verifier); foreign: Kementerian Kesehatan.
 */
const ENDPOINTS: Record<string, Endpoint> = {
  "/api/v1/openapi.json": { url: () => ({ url: "/api/v1/openapi.json" }), expected: PUBLIC_ROWS },
  "/api/v1/published/cycles": {
    url: () => ({ url: "/api/v1/published/cycles" }),
    belongs: (row, f) => typeof row.id === "string" && row.id !== f.activeCycleId,
    expected: PUBLIC_ROWS,
  },
  // Foreign: a cycle that is not published.
  "/api/v1/published/cycles/[cycleId]/results": {
    url: (f, scope) => {
      const cycleId = scope === "own" ? f.publishedCycleId : f.activeCycleId;
      return { url: `/api/v1/published/cycles/${cycleId}/results?group=KOTA`, params: { cycleId } };
    },
    belongs: (row) => row.type === "KOTA",
    expected: { ANONYMOUS: ["rows", 404], ADMIN: ["rows", 404], EVALUATOR: ["rows", 404], VERIFIER: ["rows", 404], HEAD: ["rows", 404] },
  },
  // Own: the ministry's current cycle; foreign: a Mandiri cycle of the foreign institution.
  "/api/v1/cycles": {
    url: (f, scope) => ({ url: `/api/v1/cycles?year=${scope === "own" ? f.activeYear : f.foreignCycleYear}` }),
    belongs: (row, f, scope) => (scope === "own" ? row.ownerInstitutionId === null : row.ownerInstitutionId === f.foreign.institutionId),
    expected: SCOPED_LIST,
  },
  "/api/v1/institutions": {
    url: (f, scope) => ({ url: `/api/v1/institutions?q=${encodeURIComponent(f[scope].code)}` }),
    belongs: (row, f, scope) => typeof row.code === "string" && row.code.includes(f[scope].code),
    expected: SCOPED_LIST,
  },
  "/api/v1/institutions/[id]": {
    url: (f, scope) => ({ url: `/api/v1/institutions/${institutionOf(f, scope)}`, params: { id: institutionOf(f, scope) } }),
    belongs: (row, f, scope) => row.id === institutionOf(f, scope),
    expected: SCOPED_RECORD,
  },
  "/api/v1/institutions/[id]/loci": {
    url: (f, scope) => ({ url: `/api/v1/institutions/${institutionOf(f, scope)}/loci`, params: { id: institutionOf(f, scope) } }),
    belongs: (row, f, scope) => row.institutionId === institutionOf(f, scope),
    expected: SCOPED_RECORD,
  },
  "/api/v1/institutions/[id]/results": {
    url: (f, scope) => ({ url: `/api/v1/institutions/${institutionOf(f, scope)}/results`, params: { id: institutionOf(f, scope) } }),
    belongs: (row) => Array.isArray(row.loci) && row.loci.length > 0,
    expected: { ANONYMOUS: [401, 401], ADMIN: ["rows", "rows"], EVALUATOR: [404, 404], VERIFIER: [404, 404], HEAD: ["rows", 404] },
  },
  "/api/v1/assessments": {
    url: (f, scope) => ({ url: `/api/v1/assessments?institution=${institutionOf(f, scope)}` }),
    belongs: (row, f, scope) => row.institutionId === institutionOf(f, scope),
    expected: SCOPED_LIST,
  },
  "/api/v1/recommendations": {
    url: (f, scope) => ({ url: `/api/v1/recommendations?institution=${institutionOf(f, scope)}` }),
    belongs: (row, f, scope) => row.institutionId === institutionOf(f, scope) && typeof (row.followUp as { progress?: unknown }).progress === "string",
    expected: SCOPED_LIST,
  },
};

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? routeFiles(full) : entry === "route.ts" ? [`/${path.relative(path.join(ROOT, "app"), path.dirname(full))}`] : [];
  });
}
const ROUTES = routeFiles(path.join(ROOT, "app", "api", "v1")).sort();

describe("read API /api/v1 (issue 20)", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let actors: Awaited<ReturnType<typeof loadDemoActors>>;
  let tokens: Record<Exclude<Who, "ANONYMOUS">, string>;
  let fixture: Fixture;
  const handlers = new Map<string, Handler>();
  let api: typeof import("@/lib/server/api/tokens");

  beforeAll(async () => {
    database = await useSeededDatabase();
    process.env.API_RATE_LIMIT_PER_MINUTE = "1000";
    process.env.API_PUBLIC_RATE_LIMIT_PER_MINUTE = "1000";
    configureServerEnvironment(database.url);
    client = new pg.Client({ connectionString: database.ownerUrl });
    await client.connect();
    actors = await loadDemoActors(client);
    api = await import("@/lib/server/api/tokens");
    const make = async (email: string) => (await api.createApiToken(actors[email]!, { name: `test ${email}`, expiresInDays: 0 })).token;
    tokens = {
      ADMIN: await make("admin@pekppp.test"),
      EVALUATOR: await make("evaluator.palembang@pekppp.test"),
      VERIFIER: await make("verifikator@pekppp.test"),
      HEAD: await make("pimpinan.palembang@pekppp.test"),
    };
    const institution = async (id: string) => (await client.query(`SELECT id, code FROM "Institution" WHERE id = $1`, [id])).rows[0];
    const own = await institution(actors["evaluator.palembang@pekppp.test"]!.institutionId!);
    const foreign = await institution(actors["evaluator.kemenkes@pekppp.test"]!.institutionId!);
    const cycles = (
      await client.query(
        `SELECT id, year, status, "publishedAt" FROM "Cycle" WHERE "ownerInstitutionId" IS NULL AND "programmeCode" = 'PEKPPP' ORDER BY year DESC`,
      )
    ).rows;
    const active = cycles.find((c) => c.status === "ACTIVE");
    const published = cycles.find((c) => c.publishedAt);
    // A Mandiri cycle run by the foreign institution for its own units (issue 16).
    await client.query(
      `INSERT INTO "Cycle" (year, name, "programmeCode", "ownerInstitutionId", "instrumentVersionId", "updatedAt")
       SELECT 2099, 'Mandiri test', 'MANDIRI', $1, "instrumentVersionId", now() FROM "Cycle" WHERE id = $2`,
      [foreign.id, active.id],
    );
    fixture = {
      own: { institutionId: own.id, code: own.code },
      foreign: { institutionId: foreign.id, code: foreign.code },
      publishedCycleId: published.id,
      activeCycleId: active.id,
      activeYear: active.year,
      foreignCycleYear: 2099,
    };
    for (const route of ROUTES) handlers.set(route, (await import(`@/app${route}/route`)).GET as Handler);
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  function call(route: string, target: { url: string; params?: Record<string, string> }, headers: Record<string, string> = {}) {
    const handler = handlers.get(route);
    if (!handler) throw new Error(`no handler for ${route}`);
    return handler(new NextRequest(`http://localhost${target.url}`, { headers }), { params: Promise.resolve(target.params ?? {}) });
  }
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it("has a row in the matrix for every route file under app/api/v1, and nothing else", () => {
    expect(ROUTES.length).toBeGreaterThan(5);
    expect(Object.keys(ENDPOINTS).sort()).toEqual(ROUTES);
  });

  for (const [route, endpoint] of Object.entries(ENDPOINTS)) {
    it(`${route}: every role, own and foreign scope`, async () => {
      const seen: string[] = [];
      for (const who of WHO) {
        for (const [i, scope] of (["own", "foreign"] as const).entries()) {
          const expected = endpoint.expected[who][i]!;
          const response = await call(route, endpoint.url(fixture, scope), who === "ANONYMOUS" ? {} : bearer(tokens[who]));
          const body = await response.json();
          const label = `${who} ${scope}`;
          if (typeof expected === "number") {
            seen.push(`${label}: ${response.status} ${body.error?.code}`);
            expect(response.status, label).toBe(expected);
            expect(typeof body.error?.message, label).toBe("string");
            continue;
          }
          expect(response.status, `${label}: ${JSON.stringify(body).slice(0, 200)}`).toBe(200);
          const rows: Record<string, unknown>[] = route === "/api/v1/openapi.json" ? [body] : Array.isArray(body.data) ? body.data : [body.data];
          if (expected === "empty") expect(rows, label).toEqual([]);
          else {
            expect(rows.length, label).toBeGreaterThan(0);
            // An admin's scope is everything (the demo's Mandiri cycles of 2026 included); the others' rows must belong.
            if (endpoint.belongs && who !== "ADMIN")
              expect(
                rows.filter((row) => !endpoint.belongs!(row, fixture, scope)),
                label,
              ).toEqual([]);
          }
          if (body.pageInfo) expect(body.pageInfo.total, label).toBeGreaterThanOrEqual(rows.length);
        }
      }
    });
  }

  it("refuses a token of a deactivated user at once, a revoked one and an expired one (401)", async () => {
    const target = { url: "/api/v1/assessments" };
    const user = actors["evaluator.kemenkes@pekppp.test"]!;
    const { token, id } = await api.createApiToken(user, { name: "soon gone", expiresInDays: 30 });
    expect((await call("/api/v1/assessments", target, bearer(token))).status).toBe(200);
    await client.query(`UPDATE "User" SET "isActive" = false WHERE id = $1`, [user.id]);
    expect((await call("/api/v1/assessments", target, bearer(token))).status).toBe(401);
    await client.query(`UPDATE "User" SET "isActive" = true WHERE id = $1`, [user.id]);
    expect((await call("/api/v1/assessments", target, bearer(token))).status).toBe(200);

    await api.revokeApiToken(user, id);
    const revoked = await call("/api/v1/assessments", target, bearer(token));
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("www-authenticate")).toContain("Bearer");
    await expect(api.revokeApiToken(user, id)).rejects.toThrow("apiTokens.alreadyRevoked");

    const expiring = await api.createApiToken(user, { name: "expired", expiresInDays: 1 });
    await client.query(`UPDATE "ApiToken" SET "expiresAt" = now() - interval '1 second' WHERE id = $1`, [expiring.id]);
    expect((await call("/api/v1/assessments", target, bearer(expiring.token))).status).toBe(401);
    // A token on a public endpoint is checked too; a malformed header is not anonymous.
    expect((await call("/api/v1/published/cycles", { url: "/api/v1/published/cycles" }, bearer(token))).status).toBe(401);
    expect((await call("/api/v1/published/cycles", { url: "/api/v1/published/cycles" }, { authorization: "Basic abc" })).status).toBe(401);
  });

  it("stores only the token's hash, audits making, revoking and (once an hour) using it", async () => {
    const user = actors["pimpinan.palembang@pekppp.test"]!;
    const made = await api.createApiToken(user, { name: "audit check", expiresInDays: 0 });
    expect(made.token).toMatch(/^pekppp_[\w-]{43}$/);
    const stored = (await client.query(`SELECT hash, prefix FROM "ApiToken" WHERE id = $1`, [made.id])).rows[0];
    expect(stored.hash).toBe(api.hashApiToken(made.token));
    expect(stored.hash).not.toContain(made.token.slice(7));
    expect(made.token.startsWith(stored.prefix)).toBe(true);
    for (let i = 0; i < 3; i++) expect((await call("/api/v1/cycles", { url: "/api/v1/cycles" }, bearer(made.token))).status).toBe(200);
    await api.revokeApiToken(user, made.id);
    const audits = await client.query(`SELECT action FROM "AuditEvent" WHERE "entityId" = $1 ORDER BY "occurredAt", id`, [made.id]);
    expect(audits.rows.map((r) => r.action)).toEqual(["apiToken.create", "apiToken.used", "apiToken.revoke"]);
    expect((await api.listOwnApiTokens(user)).find((t) => t.id === made.id)?.revokedAt).not.toBeNull();
  });

  it("limits requests per token and per address in PostgreSQL: 429 with Retry-After", async () => {
    const user = actors["verifikator@pekppp.test"]!;
    const made = await api.createApiToken(user, { name: "busy", expiresInDays: 0 });
    // This window and the next are full, so the request is refused whichever minute it lands in.
    const fill = (key: string) =>
      client.query(
        `INSERT INTO "ApiRateWindow" (key, "windowStart", count)
         SELECT $1, to_timestamp(floor(extract(epoch from now()) / 60) * 60 + s * 60) AT TIME ZONE 'UTC', 1000 FROM generate_series(0, 1) s
         ON CONFLICT (key, "windowStart") DO UPDATE SET count = 1000`,
        [key],
      );
    await fill(`token:${made.id}`);
    const refused = await call("/api/v1/cycles", { url: "/api/v1/cycles" }, bearer(made.token));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await refused.json()).error.code).toBe("api.errors.rateLimited");
    // Another token of the same user is counted on its own.
    expect((await call("/api/v1/cycles", { url: "/api/v1/cycles" }, bearer(tokens.VERIFIER))).status).toBe(200);

    await fill("address:unknown");
    expect((await call("/api/v1/published/cycles", { url: "/api/v1/published/cycles" })).status).toBe(429);
    await client.query(`DELETE FROM "ApiRateWindow" WHERE key = 'address:unknown'`);
    expect((await call("/api/v1/published/cycles", { url: "/api/v1/published/cycles" })).status).toBe(200);
  });

  it("answers errors as {error: {code, message}} in the caller's language, and refuses a malformed query (422)", async () => {
    const target = { url: "/api/v1/assessments" };
    const id = await (await call("/api/v1/assessments", target, { "accept-language": "en-GB,en;q=0.8" })).json();
    expect(id.error).toEqual({ code: "api.errors.tokenRequired", message: expect.stringContaining("needs a personal access token") });
    const idDefault = await (await call("/api/v1/assessments", target)).json();
    expect(idDefault.error.message).toContain("memerlukan token");
    const bad = await call("/api/v1/assessments", { url: "/api/v1/assessments?perPage=1000" }, bearer(tokens.ADMIN));
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.code).toBe("api.errors.invalidQuery");
    const page = await (await call("/api/v1/assessments", { url: "/api/v1/assessments?perPage=2&page=2" }, bearer(tokens.ADMIN))).json();
    expect(page.data).toHaveLength(2);
    expect(page.pageInfo).toMatchObject({ page: 2, perPage: 2 });
  });

  it("serves an OpenAPI 3.1 document that lists every route file, with every reference resolvable", async () => {
    const document = await (await call("/api/v1/openapi.json", { url: "/api/v1/openapi.json" })).json();
    expect(document.openapi).toBe("3.1.0");
    const documented = Object.keys(document.paths).map((p) => p.replace(/\{(\w+)\}/g, "[$1]"));
    expect(documented.sort()).toEqual(ROUTES);
    for (const [route, item] of Object.entries<{ get: { parameters?: { in: string; name: string }[]; responses: Record<string, unknown> } }>(document.paths)) {
      const pathParams = [...route.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(
        (item.get.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name),
        route,
      ).toEqual(pathParams);
      expect(Object.keys(item.get.responses), route).toEqual(expect.arrayContaining(["200", "401", "404", "429"]));
    }
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((name) => !(name in document.components.schemas))).toEqual([]);
  });
});
