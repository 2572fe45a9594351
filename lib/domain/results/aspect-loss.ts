import { compare, fromFraction, fromInteger, mul, sub, type Rational } from "../rational";

/** The highest level an indicator can reach, so the highest aspect score (docs/domain.md §5.2). */
const MAX_SCORE = fromInteger(5);

/**
 * The F-02 points an aspect loses against a perfect score: (aspect weight / 100) × (5 − aspect
 * score) (docs/domain.md §5.11). F-02 is Σ (weight / 100) × score (§5.3), so these losses add up
 * to exactly 5 − F-02: the aspect with the largest loss is where the most index points are to be won.
 */
export function aspectLoss(weightPercent: number, score: Rational): Rational {
  return mul(fromFraction(weightPercent, 100), sub(MAX_SCORE, score));
}

/**
 * Aspects ordered by their loss, largest first; equal losses keep the instrument's order (the
 * sort is stable), so the order never depends on anything but the exact values.
 */
export function byLoss<T extends { loss: Rational }>(aspects: readonly T[]): T[] {
  return [...aspects].sort((a, b) => compare(b.loss, a.loss));
}
