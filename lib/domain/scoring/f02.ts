import { fromFraction, mul, sum, type Rational } from "../rational";
import type { ScoringInstrument } from "../instrument/types";
import type { Answers } from "./answers";
import { aspectScore } from "./aspect-score";

export interface AspectScore {
  code: string;
  score: Rational;
}

export interface F02Score {
  aspects: AspectScore[];
  total: Rational;
}

/**
 * F-02 score (0–5) = Σ over aspects of (aspect weight / 100) × aspect score (docs/domain.md §5): a
 * WEIGHTED mean of the aspects, never an unweighted one (style.md "what to avoid").
 * The same formula gives the self-score (from the internal evaluator's levels) and the verified
 * score (from the verifier's levels); only the verified one is official (§5).
 */
export function f02Score(instrument: ScoringInstrument, answers: Answers): F02Score {
  const rows = instrument.aspects.map((aspect) => {
    const score = aspectScore(aspect, answers);
    return { code: aspect.code, score, contribution: mul(fromFraction(aspect.weight, 100), score) };
  });
  return {
    aspects: rows.map(({ code, score }) => ({ code, score })),
    total: sum(rows.map((row) => row.contribution)),
  };
}
