import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import type { PortalRole } from "@/lib/auth/roles";
import { db } from "../db";
import { auth } from "./config";

export interface CurrentUser {
  id: string;
  name: string;
  email: string;
  role: PortalRole;
  institutionId: string | null;
  institutionName: string | null;
  mustChangePassword: boolean;
}

/**
 * The signed-in user, read from the database on every request (once per request thanks to
 * `cache`): a deactivated account or a bumped session version ends the session at once, whatever
 * the cookie says.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  if (!session?.user?.id) return null;
  const user = await db.user.findUnique({
    where: { id: session.user.id },
    select: {
      id: true, name: true, email: true, role: true, institutionId: true, isActive: true,
      sessionVersion: true, mustChangePassword: true, institution: { select: { name: true } },
    },
  });
  if (!user || !user.isActive || user.sessionVersion !== session.sessionVersion) return null;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    institutionId: user.institutionId,
    institutionName: user.institution?.name ?? null,
    mustChangePassword: user.mustChangePassword,
  };
});

/** For pages: the signed-in user with one of the roles, or a redirect to sign-in / not-found. */
export async function requireUser(...roles: PortalRole[]): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (roles.length > 0 && !roles.includes(user.role)) {
    notFound();
  }
  return user;
}
