import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

// The request the server layer sees: its session cookie (what `cookies()` gives) and its headers.
const request = vi.hoisted(() => ({ cookie: null as string | null }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "user-agent": "ObservabilityTest/1.0" }),
  cookies: async () => ({
    get: (name: string) => (name === "authjs.session-token" && request.cookie ? { name, value: request.cookie } : undefined),
  }),
}));

const TOKEN = "metrics-token-for-the-observability-test";

describe("observability: request log lines with a request id, and Prometheus metrics behind a token", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let evaluator: CurrentUser;
  let draftId: string;
  let cookie: string;
  let answers: typeof import("@/app/api/assessments/[id]/answers/route");
  let metricsRoute: typeof import("@/app/api/metrics/route");
  const lines: Record<string, unknown>[] = [];

  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const version = async () =>
    (
      await one(
        `SELECT coalesce(max(s.version), 0) AS v FROM "SelfAnswer" s JOIN "InstrumentIndicator" i ON i.id = s."indicatorId" WHERE s."assessmentId" = $1 AND i.code = '2.a.P'`,
        [draftId],
      )
    ).v as number;

  async function autosave(baseVersion: number, justification: string, headers: Record<string, string> = {}) {
    request.cookie = cookie;
    const req = new NextRequest(`http://portal.test/api/assessments/${draftId}/answers`, {
      method: "POST",
      headers: { host: "portal.test", origin: "http://portal.test", "content-type": "application/json", ...headers },
      body: JSON.stringify({ indicatorCode: "2.a.P", level: 3, justification, baseVersion }),
    });
    return answers.POST(req, { params: Promise.resolve({ id: draftId }) });
  }
  const scrape = (authorization?: string) =>
    metricsRoute.GET(new Request("http://portal.test/api/metrics", { headers: authorization ? { authorization } : {} }), undefined);

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    process.env.METRICS_TOKEN = TOKEN;
    const { logger } = await import("@/lib/server/logger");
    vi.spyOn(logger, "info").mockImplementation(((fields: Record<string, unknown>, message: string) => {
      if (message === "request") lines.push(fields);
    }) as never);
    answers = await import("@/app/api/assessments/[id]/answers/route");
    metricsRoute = await import("@/app/api/metrics/route");
    const sessions = await import("@/lib/server/auth/sessions");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    evaluator = (await loadDemoActors(client))["evaluator.palembang@pekppp.test"]!;
    draftId = (
      await one(
        `SELECT a.id FROM "Assessment" a JOIN "Cycle" c ON c.id = a."cycleId" JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
         WHERE c.status = 'ACTIVE' AND i.code = 'KOTA-16-PALEMBANG' AND a.status = 'DRAFT'`,
      )
    ).id;
    const sessionId = await sessions.startUserSession(evaluator.id);
    const { sessionVersion } = await one(`SELECT "sessionVersion" FROM "User" WHERE id = $1`, [evaluator.id]);
    cookie = await encode({
      token: {
        sub: evaluator.id,
        name: evaluator.name,
        email: evaluator.email,
        sv: sessionVersion,
        role: evaluator.role,
        inst: evaluator.institutionId,
        sid: sessionId,
      },
      secret: process.env.AUTH_SECRET!,
      salt: "authjs.session-token",
    });
  });
  afterAll(async () => {
    delete process.env.METRICS_TOKEN;
    vi.restoreAllMocks();
    await client?.end();
    if (database) await closeServerLayer(database);
  });

  it("logs one JSON line per request carrying the id the response header returns, with route, status, duration and user", async () => {
    const stale = await version();
    const saved = await autosave(stale, "Tim pelayanan dibentuk dengan SK.");
    expect(saved.status).toBe(200);
    const id = saved.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const line = lines.find((l) => l.requestId === id);
    expect(line).toMatchObject({ route: "/api/assessments/[id]/answers", method: "POST", status: 200, userId: evaluator.id });
    expect(typeof line?.durationMs).toBe("number");

    // The id proxy.ts put on the request is the one answered and logged; a stale save is a 409.
    const conflict = await autosave(stale, "Versi lain dari tab yang tertinggal.", { "x-request-id": "0b9f0c4e-proxy-given-id" });
    expect(conflict.status).toBe(409);
    expect(conflict.headers.get("x-request-id")).toBe("0b9f0c4e-proxy-given-id");
    expect(lines.filter((l) => l.requestId === "0b9f0c4e-proxy-given-id")).toEqual([
      expect.objectContaining({ route: "/api/assessments/[id]/answers", status: 409, userId: evaluator.id }),
    ]);
  });

  it("refuses /api/metrics without the token, and exposes the counters after the autosaves to the scraper that has it", async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape("Bearer wrong-token-wrong-token-wrong")).status).toBe(401);
    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^pekppp_autosaves_total\{outcome="saved"\} 1$/m);
    expect(text).toMatch(/^pekppp_autosaves_total\{outcome="conflict"\} 1$/m);
    expect(text).toMatch(/^pekppp_http_request_duration_seconds_count\{route="\/api\/assessments\/\[id\]\/answers",method="POST",status="200"\} 1$/m);
    expect(text).toMatch(/^pekppp_db_pool_connections\{state="total"\} \d+$/m);
    expect(text).toMatch(/^pekppp_job_queue_jobs\{state="total"\} \d+$/m);
    expect(text).toMatch(/^# TYPE pekppp_sign_in_failures_total counter$/m);
    expect(text).toMatch(/^# TYPE pekppp_sign_in_throttled_total counter$/m);
  });

  it("answers 404 at /api/metrics when METRICS_TOKEN is not set", async () => {
    delete process.env.METRICS_TOKEN;
    vi.resetModules();
    const fresh = await import("@/app/api/metrics/route");
    const response = await fresh.GET(new Request("http://portal.test/api/metrics", { headers: { authorization: `Bearer ${TOKEN}` } }), undefined);
    expect(response.status).toBe(404);
  });
});
