import "server-only";
import { can, ruleFor, type Actor, type PolicyKey, type PolicyTarget } from "@/lib/auth/policies";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db/client";

/** A cycle as the policy table sees it: its owner institution is the record's institution (issue 16). */
export function cycleTarget(cycle: { ownerInstitutionId: string | null }): PolicyTarget {
  return { institutionId: cycle.ownerInstitutionId, cycleOwnerId: cycle.ownerInstitutionId };
}

/** May the actor act under this policy on this cycle? */
export function canOnCycle(actor: Actor, key: PolicyKey, cycle: { ownerInstitutionId: string | null }): boolean {
  return can(actor, key, cycleTarget(cycle));
}

/**
 * The cycles an actor may act on under an admin-type policy, as a condition for the query
 * (authorization inside the query; docs/domain.md §3.12): every cycle ("any"), the ministry's
 * ("ministry": owner null), its own institution's ("own": the owner is the actor's institution).
 * null: none at all, so callers answer "not found" without asking the database.
 */
export function cycleScopeWhere(actor: Actor, key: PolicyKey): Prisma.CycleWhereInput | null {
  switch (ruleFor(actor, key)) {
    case "any":
    case "public":
      return {};
    case "ministry":
      return { ownerInstitutionId: null };
    case "own":
      return actor.institutionId ? { ownerInstitutionId: actor.institutionId } : null;
    default:
      return null;
  }
}

/**
 * Whether a cycle is within the actor's scope under the policy: no query for "any" (the national
 * admin), one indexed look-up otherwise. For data functions that take a cycle id.
 */
export async function cycleInScope(actor: Actor, key: PolicyKey, cycleId: string): Promise<boolean> {
  const scope = cycleScopeWhere(actor, key);
  if (!scope) return false;
  if (Object.keys(scope).length === 0) return true;
  return (await db.cycle.count({ where: { AND: [{ id: cycleId }, scope] } })) > 0;
}
