/**
 * Where the award rules a cycle follows come from (issue 16, docs/domain.md §6.3): an institution's
 * own cycle (PEKPPP Mandiri) follows the rules its owner set, when it set any; a ministry cycle,
 * and the cycle of an owner without rules of its own, the national rules.
 */
export type AwardRulesOrigin = "INSTITUTION" | "NATIONAL";

/**
 * The rules of a cycle whose owner is `ownerInstitutionId` (null: the ministry), from the national
 * rules and the institutions' own rules by institution id. Never another institution's rules.
 */
export function awardRulesOfOwner<R>(
  ownerInstitutionId: string | null,
  national: R,
  institutionRules: ReadonlyMap<string, R>,
): { rules: R; origin: AwardRulesOrigin } {
  const own = ownerInstitutionId === null ? undefined : institutionRules.get(ownerInstitutionId);
  return own === undefined ? { rules: national, origin: "NATIONAL" } : { rules: own, origin: "INSTITUTION" };
}
