// Records each request's connection for the portal, in the server process itself (loaded before
// Next.js with NODE_OPTIONS=--require, by startNext in scripts/lib/next-build.ts).
//
// Next.js gives route handlers and server actions headers only, never the socket, and it sets
// X-Forwarded-For from the socket only when the client sent none (`??=` in
// next/dist/server/base-server.js): a client that sends its own header is believed. So every
// request gets, before Next sees it, the socket's address and protocol in two headers of the
// portal's own, replacing whatever the client sent under those names. The process is marked, so
// the portal trusts these headers only where this file did run (lib/server/http/client-address.ts
// holds the rule that reads them, with TRUSTED_PROXY_HOPS).
//
// Plain CommonJS: it runs before any TypeScript tooling, in `next start` and in `next dev`'s worker
// (which inherits NODE_OPTIONS).
"use strict";

const http = require("node:http");
const https = require("node:https");

const MARK = Symbol.for("pekppp.connection-hop");
const ADDRESS_HEADER = "x-pekppp-connection-address";
const PROTOCOL_HEADER = "x-pekppp-connection-proto";

function recordConnection(request) {
  const socket = request.socket;
  request.headers[ADDRESS_HEADER] = socket?.remoteAddress ?? "";
  request.headers[PROTOCOL_HEADER] = socket?.encrypted ? "https" : "http";
}

if (globalThis[MARK] !== true) {
  for (const module of [http, https]) {
    const createServer = module.createServer;
    module.createServer = function createRecordingServer(...args) {
      const server = createServer.apply(this, args);
      // First, before the listener Next passed to createServer.
      server.prependListener("request", recordConnection);
      return server;
    };
  }
  globalThis[MARK] = true;
}
