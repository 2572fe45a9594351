import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { createSafeActionClient } from "next-safe-action";
import { z } from "zod";
import { POLICY_KEYS, ruleFor } from "@/lib/auth/policies";
import { getCurrentUser } from "../auth/current-user";
import { noteDatabaseUnavailable, RETRY_AFTER_SECONDS } from "../db/availability";
import { logRequest, requestIdOf } from "../http/request-log";
import { logger } from "../logger";
import { ActionError, toActionError, type ActionErrorPayload } from "../errors";

/**
 * Every server action goes through this client: parse (zod) → authorize (policy of the action's
 * metadata; the data layer then applies the scope in its query) → run. Expected errors (an
 * ActionError, or a DomainError through its mapped key: toActionError) reach the user as a message
 * key; an unreachable database is errors.databaseUnavailable (lib/server/db/availability.ts);
 * anything else is logged with a reference and shown as a generic message.
 */
const baseClient = createSafeActionClient({
  defineMetadataSchema: () => z.object({ action: z.string(), policy: z.enum(POLICY_KEYS) }),
  handleServerError(error, { metadata, ctx }): ActionErrorPayload {
    const expected = toActionError(error);
    if (expected) {
      // A domain rule refused stored data or settings: the user gets its message, the log the detail.
      if (expected.cause) logger.warn({ err: expected.cause, action: metadata?.action }, "server action refused by a domain rule");
      return { key: expected.messageKey, values: expected.values };
    }
    // The database cannot be reached: "try again in N seconds", logged once per outage, not per action.
    if (noteDatabaseUnavailable(error)) return { key: "errors.databaseUnavailable", values: { seconds: RETRY_AFTER_SECONDS } };
    // The reference the user sees is the request's id, in the request log line too.
    const ref = (ctx as { seen?: Seen }).seen?.requestId ?? randomUUID();
    logger.error({ err: error, ref, requestId: ref, action: metadata?.action }, "server action failed");
    return { key: "errors.unexpected", ref };
  },
  defaultValidationErrorsShape: "flattened",
});

interface Seen {
  requestId: string;
  userId: string | null;
}

/** The status a request log line gives an action's outcome (actions always answer 200 over HTTP). */
function statusOf(result: { success: boolean; navigationKind?: unknown; validationErrors?: unknown; serverError?: unknown }) {
  if (result.navigationKind) return 303;
  if (result.success) return 200;
  if (result.validationErrors) return 422;
  const key = (result.serverError as ActionErrorPayload | undefined)?.key ?? "";
  return STATUS_OF_ERROR_KEY[key] ?? 422;
}

/** Refusals that are not a user's input error; every other catalogue key logs as 422. */
const STATUS_OF_ERROR_KEY: Record<string, number> = {
  "errors.unexpected": 500,
  "errors.databaseUnavailable": 503,
  "errors.signInRequired": 401,
  "errors.notFound": 404,
};

async function currentRequestId() {
  try {
    return requestIdOf(await headers());
  } catch {
    // Called outside a request (tests, scripts).
    return randomUUID();
  }
}

/**
 * One request log line per action (lib/server/http/request-log.ts): route `action:<name>`, the
 * outcome as a status, the duration and the user the next middleware identifies (ctx.seen).
 */
const loggedClient = baseClient.use(async ({ next, metadata }) => {
  const started = performance.now();
  const seen: Seen = { requestId: await currentRequestId(), userId: null };
  let status = 500;
  try {
    const result = await next({ ctx: { seen } });
    status = statusOf(result);
    return result;
  } finally {
    logRequest({ requestId: seen.requestId, route: `action:${metadata.action}`, method: "POST", status, started, userId: seen.userId });
  }
});

/** Actions anyone may call (sign-in, language, the public survey). Their policy must be public. */
export const publicActionClient = loggedClient.use(async ({ next, metadata }) => {
  if (ruleFor(null, metadata.policy) !== "public") throw new ActionError("errors.notFound");
  return next({ ctx: {} });
});

/** Actions of signed-in users; ctx.actor is the current user, whose role has a rule for the policy. */
export const authorizedActionClient = loggedClient.use(async ({ next, metadata, ctx }) => {
  const actor = await getCurrentUser();
  if (!actor) throw new ActionError("errors.signInRequired");
  ctx.seen.userId = actor.id;
  if (actor.mustChangePassword && metadata.policy !== "account.changePassword" && metadata.policy !== "auth.signOut") {
    throw new ActionError("errors.passwordChangeRequired");
  }
  // Same answer as for a record that does not exist: nothing to learn from probing.
  if (!ruleFor(actor, metadata.policy)) throw new ActionError("errors.notFound");
  return next({ ctx: { actor } });
});
