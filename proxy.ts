import { type NextRequest, NextResponse } from "next/server";

/**
 * Every request gets an id (a new UUID; an id sent by the client is never trusted): passed on to
 * the route, action or page as the `x-request-id` request header and returned in the response's.
 * Route handlers and server actions log it with their status (lib/server/http/request-log.ts), a
 * failed page logs it with the error's digest, the reference its error page shows
 * (instrumentation.ts), so an operator finds the request behind a reference.
 */
export function proxy(request: NextRequest) {
  const requestId = crypto.randomUUID();
  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  return response;
}

export const config = {
  // Not the build's static files: they are served as they are, and need no id. Not the route
  // handlers either: a proxy makes Next buffer each request body and cut it at 10 MB, so an
  // oversized upload would reach its route truncated (422) instead of being refused as too large
  // (413); route handlers give themselves an id (lib/server/http/request-log.ts).
  // Nor an anonymous load of a kept public results page, which next.config.ts rewrites to its route
  // handler (publication day, issue 17): the handler gives itself an id, and the proxy was a fifth
  // of such a request's cost. The page itself, reached with a session cookie, an RSC or action
  // header or the listing's own rendering header, does run it: one entry per such condition, as
  // a matcher's conditions must all hold (tests/unit/kept-pages-routing.test.ts keeps the two
  // lists alike). Matchers are read by the build, so they are written out in full.
  matcher: [
    "/((?!api/|_next/static|_next/image|favicon.ico|icon.svg|manifest.webmanifest|results$|results/awards$).*)",
    { source: "/results/:page(awards)?", has: [{ type: "header", key: "rsc" }] },
    { source: "/results/:page(awards)?", has: [{ type: "header", key: "next-action" }] },
    { source: "/results/:page(awards)?", has: [{ type: "header", key: "x-results-live" }] },
    { source: "/results/:page(awards)?", has: [{ type: "cookie", key: "authjs.session-token" }] },
    { source: "/results/:page(awards)?", has: [{ type: "cookie", key: "__Secure-authjs.session-token" }] },
  ],
};
