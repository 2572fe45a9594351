/**
 * The roles that have accounts (docs/domain.md §2): the one list of them. INSTITUTION_ADMIN runs
 * its own institution's (Mandiri) cycles, units and accounts (issue 16). The workflow's
 * transitions, the policy table (lib/auth), the user schemas and the user form all use it.
 * Service users answer the F-03 survey without an account and have no role.
 */
export const ROLES = ["ADMIN", "INSTITUTION_ADMIN", "EVALUATOR", "VERIFIER", "HEAD"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
