/**
 * Who verifies which cycle (issue 16, docs/domain.md §3.12): a ministry cycle (no owner) is
 * verified by the ministry's verifiers (accounts of no institution); an institution's own cycle
 * by that institution's internal team only, and only its own institution's loci are assigned in it.
 */
export type AssignmentRefusal = "verifierNotOfCycleOwner" | "institutionNotOfCycleOwner";

export function assignmentRefusal(
  cycle: { ownerInstitutionId: string | null },
  verifier: { institutionId: string | null },
  institutionIds: readonly string[],
): AssignmentRefusal | null {
  if (verifier.institutionId !== cycle.ownerInstitutionId) return "verifierNotOfCycleOwner";
  if (cycle.ownerInstitutionId !== null && institutionIds.some((id) => id !== cycle.ownerInstitutionId)) return "institutionNotOfCycleOwner";
  return null;
}

/** The verifiers a cycle may be assigned: the ministry's for its cycles, the owner's for an institution's. */
export function verifierPoolOf(cycle: { ownerInstitutionId: string | null }): { institutionId: string | null } {
  return { institutionId: cycle.ownerInstitutionId };
}
