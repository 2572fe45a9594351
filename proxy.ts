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
  // Not the build's static files: they are served as they are, and need no id.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|manifest.webmanifest).*)"],
};
