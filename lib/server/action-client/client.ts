import "server-only";
import { randomUUID } from "node:crypto";
import { createSafeActionClient } from "next-safe-action";
import { z } from "zod";
import { POLICY_KEYS, ruleFor } from "@/lib/auth/policies";
import { getCurrentUser } from "../auth/current-user";
import { noteDatabaseUnavailable, RETRY_AFTER_SECONDS } from "../db/availability";
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
  handleServerError(error, { metadata }): ActionErrorPayload {
    const expected = toActionError(error);
    if (expected) {
      // A domain rule refused stored data or settings: the user gets its message, the log the detail.
      if (expected.cause) logger.warn({ err: expected.cause, action: metadata?.action }, "server action refused by a domain rule");
      return { key: expected.messageKey, values: expected.values };
    }
    // The database cannot be reached: "try again in N seconds", logged once per outage, not per action.
    if (noteDatabaseUnavailable(error)) return { key: "errors.databaseUnavailable", values: { seconds: RETRY_AFTER_SECONDS } };
    const ref = randomUUID().slice(0, 8);
    logger.error({ err: error, ref, action: metadata?.action }, "server action failed");
    return { key: "errors.unexpected", ref };
  },
  defaultValidationErrorsShape: "flattened",
});

/** Actions anyone may call (sign-in, language, the public survey). Their policy must be public. */
export const publicActionClient = baseClient.use(async ({ next, metadata }) => {
  if (ruleFor(null, metadata.policy) !== "public") throw new ActionError("errors.notFound");
  return next({ ctx: {} });
});

/** Actions of signed-in users; ctx.actor is the current user, whose role has a rule for the policy. */
export const authorizedActionClient = baseClient.use(async ({ next, metadata }) => {
  const actor = await getCurrentUser();
  if (!actor) throw new ActionError("errors.signInRequired");
  if (actor.mustChangePassword && metadata.policy !== "account.changePassword" && metadata.policy !== "auth.signOut") {
    throw new ActionError("errors.passwordChangeRequired");
  }
  // Same answer as for a record that does not exist: nothing to learn from probing.
  if (!ruleFor(actor, metadata.policy)) throw new ActionError("errors.notFound");
  return next({ ctx: { actor } });
});
