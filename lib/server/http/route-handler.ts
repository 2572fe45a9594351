import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { ROUTE_POLICIES, ruleFor, type PolicyKey } from "@/lib/auth/policies";
import { isPortalRole, type PortalRole } from "@/lib/auth/roles";
import { isStorableText, TEXT_INVALID_CHARACTERS } from "@/lib/schemas/text";
import { getCurrentUser, type CurrentUser } from "../auth/current-user";
import { readSessionClaims } from "../auth/session-cookie";
import { noteDatabaseUnavailable, RETRY_AFTER_SECONDS } from "../db/availability";
import { ActionError, toActionError } from "../errors";
import { logger } from "../logger";
import { JSON_BODY_LIMIT, readBoundedBody } from "./request-body";
import { loggedRoute } from "./request-log";
import { requestClient } from "./request-client";

type RoutePath = keyof typeof ROUTE_POLICIES;

export interface RouteContext<P> {
  actor: CurrentUser;
  params: P;
  request: NextRequest;
}

/** A JSON error body: a message key of the catalogue, its values, and field errors if any. */
export function errorResponse(status: number, key: string, extra: Record<string, unknown> = {}) {
  return NextResponse.json({ error: key, ...extra }, { status, headers: { "cache-control": "no-store" } });
}

const STATUS_OF_KEY: Record<string, number> = {
  "errors.notFound": 404,
  "errors.conflict": 409,
  "errors.signInRequired": 401,
  "errors.passwordChangeRequired": 403,
  "errors.requestTooLarge": 413,
  // Locked by workflow status or by the stage dates: the request was fine, the timing is not.
  "selfAssessment.locked": 423,
  "selfAssessment.notStarted": 423,
  "selfAssessment.ended": 423,
  "selfAssessment.noStage": 423,
  "followUp.recommendationClosed": 423,
  "followUp.settled": 423,
  "cycleAdmin.archive.readOnly": 423,
  // Evidence refused for what the file is, not for the form around it.
  "evidence.fileTooLarge": 413,
  "evidence.typeNotAllowed": 415,
  "evidence.typeMismatch": 415,
};

/** The database cannot be reached: 503, try again after RETRY_AFTER_SECONDS (lib/server/db/availability.ts). */
export function databaseUnavailableResponse() {
  const response = errorResponse(503, "errors.databaseUnavailable", { values: { seconds: RETRY_AFTER_SECONDS } });
  response.headers.set("retry-after", String(RETRY_AFTER_SECONDS));
  return response;
}

/**
 * Expected errors (an ActionError, or a DomainError through its mapped key: toActionError) become
 * JSON with their message key and status; an unreachable database a 503 with Retry-After, logged
 * once per outage; anything else is logged with the request id as the reference the user sees.
 */
function routeErrorResponse(error: unknown, path: string, ref: string) {
  const expected = toActionError(error);
  if (expected) {
    if (expected.cause) logger.warn({ err: expected.cause, path }, "route refused by a domain rule");
    return errorResponse(STATUS_OF_KEY[expected.messageKey] ?? 422, expected.messageKey, { values: expected.values });
  }
  if (noteDatabaseUnavailable(error)) return databaseUnavailableResponse();
  logger.error({ err: error, ref, requestId: ref, path }, "route handler failed");
  return errorResponse(500, "errors.unexpected", { values: { ref } });
}

/**
 * Route handlers of signed-in users: same-origin check for unsafe methods (cookies alone must not
 * authorize a cross-site request), the route's policy from ROUTE_POLICIES, zod-parsed params, then
 * the handler. Expected errors become JSON with a message key; anything else is logged.
 */
export function authorizedRoute<P extends z.ZodType>(path: RoutePath, paramsSchema: P, handler: (context: RouteContext<z.infer<P>>) => Promise<Response>) {
  const policy: PolicyKey = ROUTE_POLICIES[path];
  return loggedRoute(path, async (request: NextRequest, context: { params: Promise<unknown> }, seen) => {
    try {
      if (!["GET", "HEAD", "OPTIONS"].includes(request.method) && !isSameOrigin(request)) {
        return errorResponse(403, "errors.crossOrigin");
      }
      const actor = await getCurrentUser();
      if (!actor) return errorResponse(401, "errors.signInRequired");
      seen.userId = actor.id;
      if (actor.mustChangePassword) return errorResponse(403, "errors.passwordChangeRequired");
      if (!ruleFor(actor, policy)) return errorResponse(404, "errors.notFound");
      const params = paramsSchema.safeParse(await context.params);
      if (!params.success) return errorResponse(404, "errors.notFound");
      return await handler({ actor, params: params.data, request });
    } catch (error) {
      return routeErrorResponse(error, path, seen.requestId);
    }
  });
}

export interface ClaimedActor {
  id: string;
  role: PortalRole;
  institutionId: string | null;
  name: string;
  email: string;
  /** The session version the statement must find on the user row, or the claims are void. */
  sessionVersion: number;
  /** The session (table UserSession) the statement must find live, or the claims are void. */
  sessionId: string;
}

export interface FastRouteContext<P> {
  /** Who the session cookie says the caller is; NOT yet checked against the database. */
  claimed: ClaimedActor | null;
  params: P;
  request: NextRequest;
  /** The full check (database, policy); use it whenever the fast statement did not succeed. */
  confirmActor: () => Promise<CurrentUser>;
}

/**
 * For the one hot route (autosave): the handler first tries a single statement that itself
 * confirms the user row (active, same session version, so the same role and institution) and the
 * live session row along with the scope; only when that statement changes nothing does it call
 * confirmActor(), the same checks as authorizedRoute, and take the careful path. The policy is
 * applied to the claimed role before anything runs, and again to the confirmed user. A request
 * without usable claims (no session cookie, or a role the policy refuses) gets the full check
 * before the handler runs, so it is answered 401/403/404 without its body being read.
 */
export function sessionClaimsRoute<P extends z.ZodType>(
  path: RoutePath,
  paramsSchema: P,
  handler: (context: FastRouteContext<z.infer<P>>) => Promise<Response>,
) {
  const policy: PolicyKey = ROUTE_POLICIES[path];
  return loggedRoute(path, async (request: NextRequest, context: { params: Promise<unknown> }, seen) => {
    try {
      if (!isSameOrigin(request)) return errorResponse(403, "errors.crossOrigin");
      const params = paramsSchema.safeParse(await context.params);
      if (!params.success) return errorResponse(404, "errors.notFound");
      const claims = await readSessionClaims();
      const claimed: ClaimedActor | null =
        claims?.role && claims.email && claims.name && claims.sessionId && isPortalRole(claims.role)
          ? {
              id: claims.userId,
              role: claims.role,
              institutionId: claims.institutionId,
              name: claims.name,
              email: claims.email,
              sessionVersion: claims.sessionVersion,
              sessionId: claims.sessionId,
            }
          : null;
      let confirmed: CurrentUser | null = null;
      const confirmActor = async () => {
        if (confirmed) return confirmed;
        const actor = await getCurrentUser();
        if (!actor) throw new ActionError("errors.signInRequired");
        if (actor.mustChangePassword) throw new ActionError("errors.passwordChangeRequired");
        if (!ruleFor(actor, policy)) throw new ActionError("errors.notFound");
        confirmed = actor;
        return actor;
      };
      const usable = claimed && ruleFor(claimed, policy) ? claimed : null;
      // The claimed user (the log line's userId); the handler confirms it before anything is saved.
      seen.userId = usable?.id ?? null;
      // Nothing to try fast: the full check now, before the handler reads any body.
      if (!usable) seen.userId = (await confirmActor()).id;
      return await handler({ claimed: usable, params: params.data, request, confirmActor });
    } catch (error) {
      return routeErrorResponse(error, path, seen.requestId);
    }
  });
}

/**
 * Route handlers anybody may call without an account (published results): GET only, the route's
 * policy must be public, and the query string is parsed by the route's schema.
 */
export function publicRoute<Q extends z.ZodType>(
  path: RoutePath,
  querySchema: Q,
  handler: (context: { query: z.infer<Q>; request: NextRequest }) => Promise<Response>,
) {
  if (ruleFor(null, ROUTE_POLICIES[path]) !== "public") throw new Error(`${path} is not a public route`);
  const run = loggedRoute(path, async (request: NextRequest, _context: undefined, seen) => {
    try {
      const raw = Object.fromEntries(request.nextUrl.searchParams);
      // A search text with a NUL is refused with its message, never silently dropped by a schema's fallback.
      if (!Object.values(raw).every(isStorableText)) return errorResponse(422, TEXT_INVALID_CHARACTERS);
      const query = querySchema.safeParse(raw);
      if (!query.success) return errorResponse(422, validationKey(query.error));
      return await handler({ query: query.data, request });
    } catch (error) {
      return routeErrorResponse(error, path, seen.requestId);
    }
  });
  return (request: NextRequest) => run(request, undefined);
}

/**
 * Reads and parses a JSON body of at most `limit` bytes (readBoundedBody: the declared length is
 * checked before reading, the bytes are counted as they arrive): a larger one is a 413, a malformed
 * one a 422 with the field errors' message keys. Route wrappers check the session before a handler
 * runs, so no body is read for a caller without one.
 */
export async function parseJsonBody<S extends z.ZodType>(
  request: NextRequest,
  schema: S,
  limit = JSON_BODY_LIMIT,
): Promise<{ ok: true; data: z.infer<S> } | { ok: false; response: Response }> {
  const body = await readBoundedBody(request, limit);
  if (!body) return { ok: false, response: errorResponse(413, "errors.requestTooLarge", { values: { limitKb: Math.floor(limit / 1024) } }) };
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return { ok: false, response: errorResponse(422, "validation.invalid") };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, response: errorResponse(422, validationKey(parsed.error), { fieldErrors: z.flattenError(parsed.error).fieldErrors }) };
  }
  return { ok: true, data: parsed.data };
}

/**
 * The message key of a refused input: the first issue's, when it is a catalogue key (a text that
 * cannot be stored, a justification too long …), otherwise "validation.invalid".
 */
function validationKey(error: z.ZodError): string {
  const message = error.issues[0]?.message ?? "";
  return /^[a-z]\w*(\.\w+)+$/.test(message) ? message : "validation.invalid";
}

/**
 * The Origin (or, failing that, Referer) of an unsafe request must be this host: the connection's
 * Host, or behind trusted proxies the X-Forwarded-Host they set (lib/server/http/client-address.ts).
 */
function isSameOrigin(request: NextRequest) {
  const host = requestClient(request.headers).host;
  const source = request.headers.get("origin") ?? request.headers.get("referer");
  if (!host || !source) return false;
  try {
    return new URL(source).host === host;
  } catch {
    return false;
  }
}
