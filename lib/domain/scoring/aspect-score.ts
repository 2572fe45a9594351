import { fromFraction, fromInteger, mul, sum, type Rational } from "../rational";
import type { ScoringAspect } from "../instrument/types";
import { scoredLevel, type Answers } from "./answers";

/**
 * Aspect score (0–5) = Σ over its indicators of (indicator weight / 100) × level (docs/domain.md §5).
 * Weight-0 indicators (the queue-system item) contribute 0 × level = 0: shown, never scored (§4).
 */
export function aspectScore(aspect: Pick<ScoringAspect, "indicators">, answers: Answers): Rational {
  return sum(aspect.indicators.map((indicator) => mul(fromFraction(indicator.weight, 100), fromInteger(scoredLevel(answers, indicator.code)))));
}
