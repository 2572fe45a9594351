/** The page each role lands on after signing in. */
export const ROLE_HOME = {
  ADMIN: "/admin/cycles",
  EVALUATOR: "/loci",
  VERIFIER: "/verification",
  HEAD: "/dashboard",
} as const satisfies Record<"ADMIN" | "EVALUATOR" | "VERIFIER" | "HEAD", string>;

export type PortalRole = keyof typeof ROLE_HOME;

export function isPortalRole(value: string): value is PortalRole {
  return Object.hasOwn(ROLE_HOME, value);
}
