import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { audit } from "../audit/record";
import { db } from "../db/client";

/**
 * Server-side sessions (table UserSession). Each sign-in opens one row; its id rides in the
 * encrypted session cookie (claim `sid`), and every check of a signed-in request (getCurrentUser
 * for pages, actions and routes; the autosave's single statement) requires the row to be live: not
 * ended and not expired. So a cookie stops working the moment its row ends, whatever the cookie
 * says: at sign-out (this session), at a password change (every other session of the account), or
 * when the account's sessionVersion moves (deactivation, role or institution change, temporary
 * password, "end all sessions"), which the same checks compare too.
 */

/** How long a session lasts after sign-in, at most: the cookie's maxAge and the row's expiry. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** Why a session ended, stored on its row. */
export type SessionEndReason = "sign-out" | "password-change" | "sessions-end";

/**
 * Opens a session for a user who has just signed in and returns its id. The user's ended and
 * expired rows go at the same time, so the table holds about one row per live browser. The sign-in
 * itself is audited where it is decided (lib/server/auth/config.ts).
 */
export async function startUserSession(userId: string): Promise<string> {
  const now = new Date();
  const [, created] = await db.$transaction([
    db.userSession.deleteMany({ where: { userId, OR: [{ endedAt: { not: null } }, { expiresAt: { lte: now } }] } }),
    db.userSession.create({ data: { userId, expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) }, select: { id: true } }),
  ]);
  return created.id;
}

/**
 * Sign-out: ends this one session of the user, with an audit record. A session that has already
 * ended (a second sign-out of the same cookie) changes nothing and records nothing.
 */
export async function endUserSession(user: { id: string; email: string }, sessionId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const ended = await tx.userSession.updateMany({
      where: { id: sessionId, userId: user.id, endedAt: null },
      data: { endedAt: new Date(), endReason: "sign-out" satisfies SessionEndReason },
    });
    if (ended.count === 0) return false;
    await audit(tx, user, { action: "auth.sign-out", entityType: "User", entityId: user.id });
    return true;
  });
}

/**
 * Ends every live session of a user except `keep` (the caller's own, or null for all): a step of
 * the caller's change (a password change, "end all sessions"), which audits it in `tx`.
 */
export async function endSessionsOfUser(tx: Prisma.TransactionClient, userId: string, reason: SessionEndReason, keep: string | null): Promise<number> {
  const ended = await tx.userSession.updateMany({
    where: { userId, endedAt: null, ...(keep ? { id: { not: keep } } : {}) },
    data: { endedAt: new Date(), endReason: reason },
  });
  return ended.count;
}
