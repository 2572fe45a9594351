// One JSON log line per page request, in the server process itself (loaded before Next.js with
// NODE_OPTIONS=--require, by startNext in scripts/lib/next-build.ts), in the shape of the request
// lines route handlers and server actions write (lib/server/http/request-log.ts): requestId (the
// id proxy.ts gave the request, from the response's x-request-id), route (the path), method,
// status, durationMs. Next.js tells a page neither its status nor its duration, so the line is
// written here, when the response has been sent; userId is null (the session is read inside the
// page). Route handlers (/api/) and server actions (a POST with a Next-Action header) log
// themselves; the build's static files are not logged. LOG_LEVEL warn or quieter drops the lines.
//
// Plain CommonJS: it runs before any TypeScript tooling, in `next start` and in `next dev`'s worker.
"use strict";

const http = require("node:http");

const MARK = Symbol.for("pekppp.page-request-log");
const QUIET = new Set(["fatal", "error", "warn", "silent"]);

function isPageRequest(request) {
  const path = (request.url ?? "/").split("?")[0];
  if (path.startsWith("/api/") || path.startsWith("/_next/") || path === "/favicon.ico" || path === "/icon.svg" || path === "/manifest.webmanifest")
    return false;
  return !request.headers["next-action"];
}

function logWhenSent(request, response) {
  if (!isPageRequest(request)) return;
  const started = process.hrtime.bigint();
  response.once("finish", () => {
    const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 100_000) / 10;
    const line = {
      level: 30,
      time: Date.now(),
      app: "portal-pekppp",
      requestId: response.getHeader("x-request-id") ?? null,
      route: (request.url ?? "/").split("?")[0],
      method: request.method,
      status: response.statusCode,
      durationMs,
      userId: null,
      msg: "request",
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  });
}

if (globalThis[MARK] !== true && !QUIET.has((process.env.LOG_LEVEL ?? "info").trim().toLowerCase())) {
  const createServer = http.createServer;
  http.createServer = function createLoggingServer(...args) {
    const server = createServer.apply(this, args);
    server.prependListener("request", logWhenSent);
    return server;
  };
  globalThis[MARK] = true;
}
