import net from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeServerLayer, configureServerEnvironment, useSeededDatabase } from "./support/test-database";

/**
 * A TCP relay in front of the test database. down() does what a stopped PostgreSQL does to the
 * portal: open connections are cut and new ones refused; up() brings it back on the same port.
 */
async function startRelay(databaseUrl: string) {
  const url = new URL(databaseUrl);
  const port = Number(url.port || 5432);
  const socketDir = url.searchParams.get("host");
  const target: net.NetConnectOpts = socketDir?.startsWith("/") ? { path: `${socketDir}/.s.PGSQL.${port}` } : { host: url.hostname, port };
  const open = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    open.add(socket);
    socket.on("close", () => open.delete(socket));
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(target);
    track(client);
    track(upstream);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  const listen = (on: number) => new Promise<number>((resolve) => server.listen(on, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)));
  const relayPort = await listen(0);
  const relayUrl = new URL(databaseUrl);
  relayUrl.hostname = "127.0.0.1";
  relayUrl.port = String(relayPort);
  relayUrl.searchParams.delete("host");
  return {
    url: relayUrl.toString(),
    down: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of open) socket.destroy();
      }),
    up: () => listen(relayPort),
  };
}

// The export's labels come from the catalogue; outside a Next.js request, the keys stand for them.
vi.mock("next-intl/server", async () => {
  const { createFormatter } = await import("use-intl");
  return {
    getTranslations: async () => (key: string) => key,
    getFormatter: async () => createFormatter({ locale: "id", timeZone: "Asia/Jakarta" }),
    getLocale: async () => "id",
  };
});

type Route = (request: NextRequest) => Promise<Response>;
const RANKINGS = "http://localhost/api/results/rankings?format=csv&group=KABUPATEN";

describe("when PostgreSQL is down (issue 13)", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let rankings: Route;
  let ready: () => Promise<Response>;
  let countInstitutions: () => Promise<{ data?: number; serverError?: unknown }>;
  let logger: typeof import("@/lib/server/logger").logger;
  let pgPool: typeof import("@/lib/server/db/pg-pool").pgPool;

  beforeAll(async () => {
    database = await useSeededDatabase();
    relay = await startRelay(database.url);
    configureServerEnvironment(relay.url);
    ({ GET: rankings } = await import("@/app/api/results/rankings/route"));
    ({ GET: ready } = await import("@/app/api/ready/route"));
    ({ logger } = await import("@/lib/server/logger"));
    ({ pgPool } = await import("@/lib/server/db/pg-pool"));
    const { publicActionClient } = await import("@/lib/server/action-client/client");
    const { db } = await import("@/lib/server/db/client");
    // A server action built like every other (the real client and its error handling).
    const action = publicActionClient.metadata({ action: "test.countInstitutions", policy: "health.check" }).action(async () => db.institution.count());
    countInstitutions = () => action();
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await closeServerLayer(database);
  });

  /** The log records of each level, as [fields, message]. */
  function watchLog() {
    const records = { error: [] as unknown[][], warn: [] as unknown[][], info: [] as unknown[][] };
    for (const level of ["error", "warn", "info"] as const) {
      // The request log lines (one per request, lib/server/http/request-log.ts) are not outage records.
      vi.spyOn(logger, level).mockImplementation(((...args: unknown[]) => void (args[1] !== "request" && records[level].push(args))) as never);
    }
    return records;
  }

  async function expect503(response: Response, extra: Record<string, unknown> = {}) {
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("10");
    expect(await response.json()).toEqual({ error: "errors.databaseUnavailable", values: { seconds: 10 }, ...extra });
  }

  it("answers 503 with Retry-After from route handlers and the readiness probe, a clear key from actions, and logs the outage and its end once each", async () => {
    // Up: ready, the route answers, and the pool keeps an idle connection that the outage will cut.
    expect((await ready()).status).toBe(200);
    expect((await rankings(new NextRequest(RANKINGS))).status).toBe(200);
    await pgPool.query("SELECT 1");
    expect(pgPool.idleCount).toBeGreaterThan(0);
    const log = watchLog();

    await relay.down();
    // The idle connection is closed under the pool, which drops it (without the pool's error
    // listener this is an uncaught exception that ends the process).
    await vi.waitFor(() => expect(pgPool.totalCount).toBe(0));
    // Many requests during the outage: each gets 503, the log gets one record (no stack per request).
    const responses = await Promise.all(Array.from({ length: 20 }, () => rankings(new NextRequest(RANKINGS))));
    for (const response of responses) await expect503(response);
    // The readiness probe also says which check failed (the evidence storage still answers).
    await expect503(await ready(), { checks: { database: "unavailable", storage: "ok" } });
    expect(await countInstitutions()).toMatchObject({ serverError: { key: "errors.databaseUnavailable", values: { seconds: 10 } } });
    await expect(pgPool.query("SELECT 1")).rejects.toThrow();
    expect(log.error).toHaveLength(1);
    expect(log.error[0]![1]).toMatch(/^database unavailable/);
    expect(JSON.stringify(log.error[0]![0])).not.toMatch(/stack/);
    expect(log.warn).toEqual([]);
    expect((await ready()).status).toBe(503);
    expect(log.error).toHaveLength(1);

    // Back: ready again, the end of the outage logged once, requests answered.
    await relay.up();
    expect((await ready()).status).toBe(200);
    expect(log.info.map(([, message]) => message)).toEqual(["database available again"]);
    expect(log.info[0]![0]).toMatchObject({ failures: expect.any(Number) });
    expect((await rankings(new NextRequest(RANKINGS))).status).toBe(200);
    expect(await countInstitutions()).toMatchObject({ data: expect.any(Number) });

    // A second outage is a new record.
    await relay.down();
    await expect503(await rankings(new NextRequest(RANKINGS)));
    await expect503(await rankings(new NextRequest(RANKINGS)));
    expect(log.error).toHaveLength(2);
    await relay.up();
    expect((await ready()).status).toBe(200);
    expect(log.info).toHaveLength(2);
    expect(log.error).toHaveLength(2);
  });
});
