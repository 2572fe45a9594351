import { sub, type Rational } from "../rational";

/**
 * Verified minus self-score (docs/domain.md §5: "the gap between them is shown to verifiers and
 * heads"). Negative when the unit scored itself higher than the evidence supports.
 */
export function gap(self: Rational, verified: Rational): Rational {
  return sub(verified, self);
}
