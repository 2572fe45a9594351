import type { Rational } from "../rational";
import { isScoredIndicator, type ScoringInstrument } from "../instrument/types";
import { answeredCodes, answeredLevel, type Answers } from "./answers";
import { aspectScore } from "./aspect-score";
import { f02Score } from "./f02";

export interface AspectResult {
  code: string;
  score: Rational;
  /** Indicators with weight > 0 in this aspect. */
  scoredIndicators: number;
  /** Of those, how many have an answer (a missing answer scores as 0). */
  answeredScoredIndicators: number;
}

export interface InstrumentScore {
  aspects: AspectResult[];
  /** The F-02 score (or self-score) of the whole form. */
  total: Rational;
  scoredIndicators: number;
  answeredScoredIndicators: number;
  /** True when every scored indicator has an answer. */
  complete: boolean;
  /** Answer codes that are no indicator of this instrument (ignored; likely another version). */
  unknownCodes: string[];
}

/**
 * F-02 score with the bookkeeping a form needs: how many scored indicators were answered (a
 * missing answer counts as level 0, see `scoredLevel`), and which answers matched no indicator.
 * Weight-0 indicators are not counted as scored indicators (§4: "shown, never scored").
 */
export function scoreInstrument(instrument: ScoringInstrument, answers: Answers): InstrumentScore {
  const { total } = f02Score(instrument, answers);
  const aspects = instrument.aspects.map((aspect): AspectResult => {
    const scored = aspect.indicators.filter(isScoredIndicator);
    return {
      code: aspect.code,
      score: aspectScore(aspect, answers),
      scoredIndicators: scored.length,
      answeredScoredIndicators: scored.filter((indicator) => answeredLevel(answers, indicator.code) !== undefined).length,
    };
  });
  const known = new Set(instrument.aspects.flatMap((aspect) => aspect.indicators.map((indicator) => indicator.code)));
  const scoredIndicators = aspects.reduce((count, aspect) => count + aspect.scoredIndicators, 0);
  const answeredScoredIndicators = aspects.reduce((count, aspect) => count + aspect.answeredScoredIndicators, 0);
  return {
    aspects,
    total,
    scoredIndicators,
    answeredScoredIndicators,
    complete: answeredScoredIndicators === scoredIndicators,
    unknownCodes: answeredCodes(answers).filter((code) => !known.has(code)),
  };
}
