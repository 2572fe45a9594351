import { isRole, type Role } from "@/lib/domain/roles";

/** A role of a portal account (the list is ROLES in lib/domain/roles.ts). */
export type PortalRole = Role;
export const isPortalRole = isRole;

/** The page each role lands on after signing in. */
export const ROLE_HOME = {
  ADMIN: "/admin/cycles",
  INSTITUTION_ADMIN: "/admin/cycles",
  EVALUATOR: "/loci",
  VERIFIER: "/verification",
  HEAD: "/dashboard",
} as const satisfies Record<PortalRole, string>;
