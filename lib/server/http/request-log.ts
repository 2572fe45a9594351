import "server-only";
import { randomUUID } from "node:crypto";
import { logger } from "../logger";
import { observeRequest } from "../metrics";

/** The request id header: set by proxy.ts on every request and its response, read back here. */
export const REQUEST_ID_HEADER = "x-request-id";
const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

/** The request's id from proxy.ts, or a new one (a handler called without the proxy: tests, scripts). */
export function requestIdOf(headers: Headers): string {
  const given = headers.get(REQUEST_ID_HEADER);
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

export interface RequestLine {
  requestId: string;
  /** The route's pattern (`/api/assessments/[id]/answers`) or the server action's name: never ids, so metrics stay few. */
  route: string;
  method: string;
  status: number;
  started: number;
  userId: string | null;
}

/**
 * One JSON line per route handler request or server action (pino, level info), and its duration
 * in the metrics. Fields: requestId, route, method, status, durationMs, userId.
 */
export function logRequest({ requestId, route, method, status, started, userId }: RequestLine) {
  const seconds = (performance.now() - started) / 1_000;
  observeRequest(route, method, status, seconds);
  logger.info({ requestId, route, method, status, durationMs: Math.round(seconds * 10_000) / 10, userId }, "request");
}

/**
 * Wraps a route handler: the response carries the request id, and one log line records it with
 * its status, duration and the user the wrapper identified (`seen.userId`).
 */
export function loggedRoute<R extends Request, C>(
  route: string,
  handler: (request: R, context: C, seen: { userId: string | null; requestId: string }) => Promise<Response>,
) {
  return async (request: R, context: C): Promise<Response> => {
    const started = performance.now();
    const seen = { userId: null as string | null, requestId: requestIdOf(request.headers) };
    let status = 500;
    try {
      const response = await handler(request, context, seen);
      status = response.status;
      try {
        response.headers.set(REQUEST_ID_HEADER, seen.requestId);
      } catch {
        // An immutable response (Response.redirect): the proxy's header is on it already.
      }
      return response;
    } finally {
      logRequest({ requestId: seen.requestId, route, method: request.method, status, started, userId: seen.userId });
    }
  };
}
