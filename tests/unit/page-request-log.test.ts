import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const PRELOAD = path.resolve(import.meta.dirname, "..", "..", "scripts", "lib", "page-request-log.cjs");

/**
 * A server as `next start` runs it (an http server made after the preload), answering every
 * request with the request id the proxy would set; the requests are sent from the same process,
 * which then prints nothing but what the preload wrote.
 */
const SERVER = `
const http = require("node:http");
const server = http.createServer((request, response) => {
  response.setHeader("x-request-id", "id-" + request.method + "-" + request.url);
  response.statusCode = request.url.startsWith("/missing") ? 404 : 200;
  response.end("ok");
});
server.listen(0, "127.0.0.1", async () => {
  const base = "http://127.0.0.1:" + server.address().port;
  await fetch(base + "/loci?cycle=1");
  await fetch(base + "/missing");
  await fetch(base + "/api/health");
  await fetch(base + "/_next/static/chunk.js");
  await fetch(base + "/loci", { method: "POST", headers: { "next-action": "abc" } });
  server.close();
});
`;

function run(env: Record<string, string> = {}): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--require", PRELOAD, "-e", SERVER], { env: { ...process.env, ...env } });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.on("error", reject);
    child.on("exit", () => resolve(out.split("\n").filter(Boolean)));
  });
}

describe("the page request log line (issue 20)", () => {
  it("writes one JSON line per page request with its request id, path, method, status and duration; route handlers, server actions and static files log themselves or not at all", async () => {
    const lines = (await run({ LOG_LEVEL: "info" })).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map(({ requestId, route, method, status, userId, msg, app }) => ({ requestId, route, method, status, userId, msg, app }))).toEqual([
      { requestId: "id-GET-/loci?cycle=1", route: "/loci", method: "GET", status: 200, userId: null, msg: "request", app: "portal-pekppp" },
      { requestId: "id-GET-/missing", route: "/missing", method: "GET", status: 404, userId: null, msg: "request", app: "portal-pekppp" },
    ]);
    for (const line of lines) expect(line.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("writes nothing when LOG_LEVEL is warn or quieter, as the other request lines", async () => {
    expect(await run({ LOG_LEVEL: "warn" })).toEqual([]);
  });
});
