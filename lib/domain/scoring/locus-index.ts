import { DomainError } from "../errors";
import { add, fromFraction, mul, type Rational } from "../rational";
import type { F03Score } from "./f03";
import { assertValidScoringSettings, DEFAULT_SCORING_SETTINGS, type ScoringSettings } from "./settings";

/** Why F-03 was left out of a locus index. */
export type F03ExclusionReason =
  /** Fewer respondents than `minSurveyRespondents` (§5: show F-02 alone "and say so"). */
  | "F03_BELOW_MINIMUM"
  /** No respondent at all while the minimum is 0: there is no F-03 score to include. */
  | "F03_NO_RESPONSES";

export type LocusIndex = { index: Rational; f03Included: true } | { index: Rational; f03Included: false; reason: F03ExclusionReason };

export interface LocusIndexInput {
  f02: Rational;
  f03: F03Score;
  settings?: ScoringSettings;
}

/**
 * Locus index = share × F-02 + (1 − share) × F-03, share = f02SharePercent / 100 (docs/domain.md §5,
 * published split 0.75 / 0.25, configurable).
 *
 * "While fewer than the minimum number of F-03 responses exist, the portal shows the F-02 score
 * alone and says so" (§5): the index is then F-02 itself, with f03Included = false and a reason
 * the UI must display.
 */
export function locusIndex({ f02, f03, settings = DEFAULT_SCORING_SETTINGS }: LocusIndexInput): LocusIndex {
  assertValidScoringSettings(settings);
  const validCount = Number.isSafeInteger(f03.respondents) && f03.respondents >= 0;
  if (!validCount || (f03.score === null) !== (f03.respondents === 0)) {
    throw new DomainError("INCONSISTENT_F03", `An F-03 result must have a score exactly when it has respondents (respondents: ${f03.respondents}).`);
  }
  if (f03.respondents < settings.minSurveyRespondents) {
    return { index: f02, f03Included: false, reason: "F03_BELOW_MINIMUM" };
  }
  if (f03.score === null) {
    return { index: f02, f03Included: false, reason: "F03_NO_RESPONSES" };
  }
  const share = settings.f02SharePercent;
  const index = add(mul(fromFraction(share, 100), f02), mul(fromFraction(100 - share, 100), f03.score));
  return { index, f03Included: true };
}
