import "server-only";
import { ruleFor, type Actor } from "@/lib/auth/policies";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The institutions whose registry an actor manages, as a query condition (authorization inside
 * the query, docs/domain.md §3.12): the national admin every one ({}), an institution admin its
 * own; null: none, so callers answer "not found" without asking the database.
 */
export function registryScopeWhere(actor: Actor): Prisma.InstitutionWhereInput | null {
  switch (ruleFor(actor, "registry.manage")) {
    case "any":
      return {};
    case "own":
      return actor.institutionId ? { id: actor.institutionId } : null;
    default:
      return null;
  }
}

/** Only the national admin creates institutions or edits their own details; an institution admin works on its units. */
export function managesInstitutions(actor: Actor): boolean {
  return ruleFor(actor, "registry.manage") === "any";
}
