import "server-only";
import type { NextRequest } from "next/server";
import { createTranslator } from "use-intl/core";
import type { z } from "zod";
import { ROUTE_POLICIES, ruleFor, type PolicyKey } from "@/lib/auth/policies";
import { env } from "@/lib/env";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "@/lib/i18n/locales";
import { MESSAGES } from "@/lib/i18n/messages";
import { isStorableText } from "@/lib/schemas/text";
import { noteDatabaseUnavailable, RETRY_AFTER_SECONDS } from "../db/availability";
import { toActionError } from "../errors";
import { requestClient } from "../http/request-client";
import { loggedRoute } from "../http/request-log";
import { logger } from "../logger";
import { consumeRate } from "./rate-limit";
import { authenticateApiToken, type TokenActor } from "./tokens";

type ApiPath = Extract<keyof typeof ROUTE_POLICIES, `/api/v1/${string}`>;

export interface ApiContext<P, Q, A = TokenActor> {
  /** The token's user (on a public endpoint: null when called without a token). */
  actor: A;
  params: P;
  query: Q;
  request: NextRequest;
}
type Schemas<P, Q> = { params?: P; query: Q };

/** The caller's language for error messages: the first of Accept-Language we have, else Bahasa Indonesia. */
export function apiLocale(header: string | null): Locale {
  for (const part of (header ?? "").split(",")) {
    const tag = part.split(";")[0]?.trim().toLowerCase().split("-")[0];
    const locale = LOCALES.find((l) => l === tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

const translators = new Map<Locale, (key: string, values?: Record<string, string | number>) => string>();
function translate(locale: Locale, key: string, values?: Record<string, string | number>) {
  let t = translators.get(locale);
  if (!t) {
    t = createTranslator({ locale, messages: MESSAGES[locale], timeZone: "Asia/Jakarta" }) as unknown as (
      key: string,
      values?: Record<string, string | number>,
    ) => string;
    translators.set(locale, t);
  }
  return t(key, values);
}

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };

/** An error as the API answers it: {error: {code, message}}, the message in the caller's language. */
export function apiError(request: Request, status: number, code: string, values?: Record<string, string | number>, headers: Record<string, string> = {}) {
  const message = translate(apiLocale(request.headers.get("accept-language")), code, values);
  return new Response(JSON.stringify({ error: { code, message } }), { status, headers: { ...JSON_HEADERS, ...headers } });
}

function bearerOf(request: Request): string | null | undefined {
  const header = request.headers.get("authorization");
  if (header === null) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/**
 * A read API route handler (GET): the token (Authorization: Bearer …) resolved to its user, the
 * rate limit (per token, or per client address without one), the route's policy (a role without
 * a rule: 404, as for a record outside the scope), zod-parsed params and query (422 when the
 * query is wrong), then the handler, whose value is the JSON body (null: 404). The handler puts
 * the scope in its query. Errors are {error: {code, message}}; each request is one log line and
 * counted in the request metrics under its route pattern.
 */
export function apiRoute<P extends z.ZodType, Q extends z.ZodType>(
  path: ApiPath,
  schemas: Schemas<P, Q>,
  handler: (context: ApiContext<z.infer<P>, z.infer<Q>>) => Promise<unknown>,
) {
  if (ruleFor(null, ROUTE_POLICIES[path]) === "public") throw new Error(`${path} is public: use publicApiRoute`);
  return buildApiRoute(path, schemas, ({ actor, ...rest }) => (actor ? handler({ actor, ...rest }) : Promise.resolve(null)));
}

/** A public endpoint of the read API (published results, the document): a token is optional, and checked when sent. */
export function publicApiRoute<P extends z.ZodType, Q extends z.ZodType>(
  path: ApiPath,
  schemas: Schemas<P, Q>,
  handler: (context: ApiContext<z.infer<P>, z.infer<Q>, TokenActor | null>) => Promise<unknown>,
) {
  if (ruleFor(null, ROUTE_POLICIES[path]) !== "public") throw new Error(`${path} is not public: use apiRoute`);
  return buildApiRoute(path, schemas, handler);
}

function buildApiRoute<P extends z.ZodType, Q extends z.ZodType>(
  path: ApiPath,
  schemas: Schemas<P, Q>,
  handler: (context: ApiContext<z.infer<P>, z.infer<Q>, TokenActor | null>) => Promise<unknown>,
) {
  const policy: PolicyKey = ROUTE_POLICIES[path];
  const isPublic = ruleFor(null, policy) === "public";
  return loggedRoute(path, async (request: NextRequest, context: { params?: Promise<unknown> } | undefined, seen) => {
    try {
      const bearer = bearerOf(request);
      let actor: TokenActor | null = null;
      if (bearer !== undefined) {
        actor = bearer ? await authenticateApiToken(bearer) : null;
        if (!actor) return apiError(request, 401, "api.errors.tokenInvalid", undefined, { "www-authenticate": 'Bearer realm="pekppp"' });
        seen.userId = actor.id;
      } else if (!isPublic) {
        return apiError(request, 401, "api.errors.tokenRequired", undefined, { "www-authenticate": 'Bearer realm="pekppp"' });
      }
      const rateKey = actor ? `token:${actor.tokenId}` : `address:${requestClient(request.headers).address ?? "unknown"}`;
      const limit = actor ? env.API_RATE_LIMIT_PER_MINUTE : env.API_PUBLIC_RATE_LIMIT_PER_MINUTE;
      const rate = await consumeRate(rateKey, limit);
      if (!rate.allowed)
        return apiError(request, 429, "api.errors.rateLimited", { seconds: rate.retryAfterSeconds }, { "retry-after": String(rate.retryAfterSeconds) });
      if (!isPublic && !ruleFor(actor, policy)) return apiError(request, 404, "errors.notFound");
      const params = schemas.params ? schemas.params.safeParse(await context?.params) : { success: true as const, data: undefined };
      if (!params.success) return apiError(request, 404, "errors.notFound");
      const raw = Object.fromEntries(request.nextUrl.searchParams);
      if (!Object.values(raw).every(isStorableText)) return apiError(request, 422, "validation.textInvalidCharacters");
      const query = schemas.query.safeParse(raw);
      if (!query.success) {
        const issue = query.error.issues[0];
        return apiError(request, 422, "api.errors.invalidQuery", { field: issue?.path.join(".") || "?" });
      }
      const body = await handler({ actor, params: params.data as z.infer<P>, query: query.data, request });
      if (body === null) return apiError(request, 404, "errors.notFound");
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: { ...JSON_HEADERS, "x-ratelimit-limit": String(limit), "x-ratelimit-remaining": String(rate.remaining) },
      });
    } catch (error) {
      const expected = toActionError(error);
      if (expected) return apiError(request, expected.messageKey === "errors.notFound" ? 404 : 422, expected.messageKey, expected.values);
      if (noteDatabaseUnavailable(error)) {
        return apiError(request, 503, "errors.databaseUnavailable", { seconds: RETRY_AFTER_SECONDS }, { "retry-after": String(RETRY_AFTER_SECONDS) });
      }
      logger.error({ err: error, ref: seen.requestId, requestId: seen.requestId, path }, "api route failed");
      return apiError(request, 500, "errors.unexpected", { ref: seen.requestId });
    }
  });
}
