import "server-only";
import { ruleFor, type Actor, type PolicyKey } from "@/lib/auth/policies";

/**
 * The same scope as `assessmentScope`, for raw SQL on the hot paths: a condition on the aliases
 * `a` (Assessment) and `l` (Locus), with its parameters numbered from `firstParam`. `kind` names
 * the shape of the SQL, so callers can name prepared statements per shape.
 */
export function sqlAssessmentScope(actor: Actor, key: PolicyKey, firstParam: number): { kind: string; sql: string; params: unknown[] } {
  switch (ruleFor(actor, key)) {
    case "any":
    case "public":
      return { kind: "any", sql: "TRUE", params: [] };
    case "own":
      return actor.institutionId
        ? { kind: "own", sql: `l."institutionId" = $${firstParam}::uuid`, params: [actor.institutionId] }
        : { kind: "none", sql: "FALSE", params: [] };
    case "assigned":
      return {
        kind: "assigned",
        sql: `EXISTS (SELECT 1 FROM "VerifierAssignment" va WHERE va."institutionId" = l."institutionId" AND va."cycleId" = a."cycleId" AND va."verifierId" = $${firstParam}::uuid)`,
        params: [actor.id],
      };
    case "assignedOrValidating":
      return {
        kind: "assignedOrValidating",
        sql: `(EXISTS (SELECT 1 FROM "VerifierAssignment" va WHERE va."institutionId" = l."institutionId" AND va."cycleId" = a."cycleId" AND va."verifierId" = $${firstParam}::uuid)
          OR (a.status = 'AWAITING_VALIDATION' AND EXISTS (SELECT 1 FROM "ValidatorAssignment" vl WHERE vl."institutionId" = l."institutionId" AND vl."cycleId" = a."cycleId" AND vl."validatorId" = $${firstParam}::uuid)))`,
        params: [actor.id],
      };
    default:
      return { kind: "none", sql: "FALSE", params: [] };
  }
}
