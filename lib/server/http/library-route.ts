import "server-only";
import { randomUUID } from "node:crypto";
import { noteDatabaseUnavailable } from "../db/availability";
import { watchForOutage } from "../db/outage-scope";
import { logger } from "../logger";
import { databaseUnavailableResponse, errorResponse } from "./route-handler";

/**
 * A route handler a library provides (Auth.js's /api/auth/…), answered like the portal's own
 * routes when things go wrong: while the database cannot be reached, 503 with Retry-After and the
 * errors.databaseUnavailable key (whether the library threw the error or caught it and reported
 * it to its logger through noteCaughtError); any other error it throws, a 500 with a reference,
 * logged, never a stack trace in the answer.
 */
export function libraryRoute<A extends unknown[]>(path: string, handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      const { value, databaseDown } = await watchForOutage(() => handler(...args));
      return databaseDown ? databaseUnavailableResponse() : value;
    } catch (error) {
      if (noteDatabaseUnavailable(error)) return databaseUnavailableResponse();
      const ref = randomUUID().slice(0, 8);
      logger.error({ err: error, ref, path }, "route handler failed");
      return errorResponse(500, "errors.unexpected", { values: { ref } });
    }
  };
}
