import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { can, type Actor } from "@/lib/auth/policies";
import type { PortalRole } from "@/lib/auth/roles";
import type { TCreateApiToken } from "@/lib/schemas/api";
import { audit } from "../audit/record";
import { db } from "../db/client";
import { pgPool } from "../db/pg-pool";
import { ActionError } from "../errors";

/**
 * Personal access tokens of the read API (issue 20). A token is "pekppp_" and 32 random bytes
 * (base64url): high entropy, so a plain SHA-256 is a safe hash at rest (no salt or slow hash
 * needed, and the lookup by hash is one index probe). The whole token is shown once, when made.
 */
const TOKEN_PREFIX = "pekppp_";
/** How much of the token the account page shows to recognise it. */
const SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length + 8;
/** Live tokens one user may hold at a time. */
export const MAX_LIVE_TOKENS = 20;
/** "Audited on use": at most one usage record (lastUsedAt and an audit row) per token per hour. */
const USAGE_RECORD_INTERVAL_MS = 60 * 60 * 1000;

type Owner = Actor & { email: string };

export function hashApiToken(token: string) {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

function assertSelf(actor: Actor) {
  if (!can(actor, "apiTokens.manage", { userId: actor.id })) throw new ActionError("errors.notFound");
}

export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** The actor's own tokens, live first, newest first. */
export async function listOwnApiTokens(actor: Actor): Promise<ApiTokenView[]> {
  assertSelf(actor);
  return db.apiToken.findMany({
    where: { userId: actor.id },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
}

/** Makes a token for the actor; returns it whole, the only time it exists outside the caller's hands. */
export async function createApiToken(actor: Owner, input: TCreateApiToken, now = new Date()) {
  assertSelf(actor);
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const expiresAt = input.expiresInDays > 0 ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null;
  const created = await db.$transaction(async (tx) => {
    // One user's tokens are counted and added one at a time, so two tabs cannot pass the limit together.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('api-token:' || ${actor.id}))`;
    const live = await tx.apiToken.count({ where: { userId: actor.id, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } });
    if (live >= MAX_LIVE_TOKENS) throw new ActionError("apiTokens.tooMany", { max: MAX_LIVE_TOKENS });
    const row = await tx.apiToken.create({
      data: { userId: actor.id, name: input.name, prefix: token.slice(0, SHOWN_PREFIX_LENGTH), hash: hashApiToken(token), expiresAt },
      select: { id: true, name: true, prefix: true, expiresAt: true },
    });
    await audit(tx, actor, { action: "apiToken.create", entityType: "ApiToken", entityId: row.id, after: row });
    return row;
  });
  return { ...created, token };
}

/** Revokes one of the actor's live tokens: it fails from the next request on. */
export async function revokeApiToken(actor: Owner, tokenId: string, now = new Date()) {
  assertSelf(actor);
  await db.$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({ where: { id: tokenId, userId: actor.id }, select: { id: true, name: true, prefix: true, revokedAt: true } });
    if (!token) throw new ActionError("errors.notFound");
    // Revoked meanwhile (another tab): the state the user wanted, said plainly.
    const changed = await tx.apiToken.updateMany({ where: { id: tokenId, userId: actor.id, revokedAt: null }, data: { revokedAt: now } });
    if (changed.count === 0) throw new ActionError("apiTokens.alreadyRevoked");
    await audit(tx, actor, { action: "apiToken.revoke", entityType: "ApiToken", entityId: token.id, before: { name: token.name, prefix: token.prefix } });
  });
}

export interface TokenActor extends Actor {
  name: string;
  email: string;
  role: PortalRole;
  tokenId: string;
}

/**
 * The user a bearer token acts as, checked on every request in one query: the token is live
 * (not revoked, not expired) and its user active. A deactivated user's or a revoked token fails
 * at once. The role and institution are the user's as they are now, not as when the token was made.
 */
export async function authenticateApiToken(token: string, now = new Date()): Promise<TokenActor | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const { rows } = await pgPool.query<Omit<TokenActor, "tokenId"> & { tokenId: string; lastUsedAt: Date | null }>({
    name: "api-token-actor",
    text: `SELECT t.id AS "tokenId", t."lastUsedAt", u.id, u.name, u.email, u.role, u."institutionId"
           FROM "ApiToken" t JOIN "User" u ON u.id = t."userId"
           WHERE t.hash = $1 AND t."revokedAt" IS NULL AND (t."expiresAt" IS NULL OR t."expiresAt" > $2) AND u."isActive"`,
    values: [hashApiToken(token), now],
  });
  const row = rows[0];
  if (!row) return null;
  const actor: TokenActor = { id: row.id, name: row.name, email: row.email, role: row.role, institutionId: row.institutionId, tokenId: row.tokenId };
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= USAGE_RECORD_INTERVAL_MS) await recordUsage(actor, now);
  return actor;
}

/**
 * The usage record: lastUsedAt and an audit row "apiToken.used", at most once an hour per token
 * (an audit row per request would swamp the trail). The conditional update lets only one of
 * several simultaneous first requests write the row.
 */
async function recordUsage(actor: TokenActor, now: Date) {
  const since = new Date(now.getTime() - USAGE_RECORD_INTERVAL_MS);
  await db.$transaction(async (tx) => {
    const updated = await tx.$executeRaw`
      UPDATE "ApiToken" SET "lastUsedAt" = ${now} WHERE id = ${actor.tokenId}::uuid AND ("lastUsedAt" IS NULL OR "lastUsedAt" <= ${since})`;
    if (updated > 0) await audit(tx, actor, { action: "apiToken.used", entityType: "ApiToken", entityId: actor.tokenId });
  });
}
