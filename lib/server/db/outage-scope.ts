import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { noteDatabaseUnavailable } from "./availability";

/**
 * For route handlers of libraries that catch their own errors (Auth.js answers a failed sign-in
 * callback with a redirect and hands the error only to its logger): the library's logger reports
 * each error here, and the route wrapper (lib/server/http/library-route.ts) answers 503 with
 * Retry-After instead of the library's answer when the database was unreachable during the request.
 */

const scope = new AsyncLocalStorage<{ databaseDown: boolean }>();

/** Runs one request; tells whether a caught error said the database cannot be reached meanwhile. */
export async function watchForOutage<T>(run: () => Promise<T>): Promise<{ value: T; databaseDown: boolean }> {
  const state = { databaseDown: false };
  const value = await scope.run(state, run);
  return { value, databaseDown: state.databaseDown };
}

/**
 * A library caught `error`: true when it means the database cannot be reached (the outage is then
 * logged once, without a stack, by availability.ts, and the request under way is answered 503);
 * false for any other error, which the caller logs.
 */
export function noteCaughtError(error: unknown): boolean {
  if (!noteDatabaseUnavailable(error)) return false;
  const state = scope.getStore();
  if (state) state.databaseDown = true;
  return true;
}
