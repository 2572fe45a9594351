import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { ruleFor, type Actor, type PolicyKey } from "@/lib/auth/policies";
import type { PortalRole } from "@/lib/auth/roles";
import { pgPool } from "../db/pg-pool";
import { readSessionClaims } from "./session-cookie";

export interface CurrentUser extends Actor {
  name: string;
  email: string;
  role: PortalRole;
  institutionName: string | null;
  mustChangePassword: boolean;
  /** The live session (table UserSession) this request was made in. */
  sessionId: string;
}

/**
 * The signed-in user, read from the database on every request (once per request thanks to
 * `cache`): a deactivated account, a bumped session version, or a session row that has ended
 * (sign-out, a password change elsewhere) or expired ends the session at once, whatever the cookie
 * says.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await readSessionClaims();
  if (!session?.sessionId) return null;
  // Every request runs this, so it is one plain query rather than a Prisma one.
  const { rows } = await pgPool.query<Omit<CurrentUser, "sessionId"> & { isActive: boolean; sessionVersion: number }>({
    name: "current-user-in-session",
    text: `SELECT u.id, u.name, u.email, u.role, u."institutionId", u."isActive", u."sessionVersion", u."mustChangePassword",
            i.name AS "institutionName"
     FROM "User" u LEFT JOIN "Institution" i ON i.id = u."institutionId"
     WHERE u.id = $1::uuid
       AND EXISTS (SELECT 1 FROM "UserSession" s WHERE s.id = $2::uuid AND s."userId" = u.id AND s."endedAt" IS NULL AND s."expiresAt" > now())`,
    values: [session.userId, session.sessionId],
  });
  const user = rows[0];
  if (!user?.isActive || user.sessionVersion !== session.sessionVersion) return null;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    institutionId: user.institutionId,
    institutionName: user.institutionName,
    mustChangePassword: user.mustChangePassword,
    sessionId: session.sessionId,
  };
});

/**
 * For pages: the signed-in user whose role has a rule under the policy. Signed out: to sign-in.
 * A role without a rule gets "not found", the same answer as for a page that does not exist.
 * Scope (own institution, assignment) is then applied by the data layer in its queries.
 */
export async function requirePolicy(key: PolicyKey): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (user.mustChangePassword && key !== "account.changePassword") redirect("/account/password");
  if (!ruleFor(user, key)) notFound();
  return user;
}
