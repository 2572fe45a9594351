import { classify, type Classification } from "../grades";
import { isScoredIndicator, MAX_LEVEL, type ScoringInstrument } from "../instrument/types";
import { fromFraction, type Rational } from "../rational";
import { f02Score, type F03Score, type LocusIndex, locusIndex, type ScoringSettings, scoredLevel } from "../scoring";

/** Levels by indicator code, 0..5; an indicator without one scores 0 (scoredLevel, docs/domain.md §5.2). */
export type Levels = Readonly<Record<string, number>>;

/**
 * One locus as the what-if planner starts from it: the instrument, the cycle's scoring settings,
 * its current levels (verified where the viewer may see them, else self) and its F-03 result.
 */
export interface LocusModel {
  instrument: ScoringInstrument;
  settings: ScoringSettings;
  levels: Levels;
  f03: F03Score;
}

/** What a locus would score with some levels: computed by the scoring module itself, never by a shortcut. */
export interface Projection {
  f02: Rational;
  index: LocusIndex;
  classification: Classification;
}

/** The locus's F-02, index and grade with `levels` (by default its current ones), by the scoring module (docs/domain.md §5.3–5.8). */
export function projectLocus(model: LocusModel, levels: Levels = model.levels): Projection {
  const f02 = f02Score(model.instrument, levels).total;
  const index = locusIndex({ f02, f03: model.f03, settings: model.settings });
  return { f02, index, classification: classify(index.index) };
}

/** The levels with one indicator set to `level`. */
export function withLevel(levels: Levels, code: string, level: number): Levels {
  return { ...levels, [code]: level };
}

/** The level an indicator starts from: its current level, 0 when it has none. */
export const currentLevel = (levels: Levels, code: string) => scoredLevel(levels, code);

/** The scored indicators (weight above 0, docs/domain.md §4.1) in the instrument's order, with their aspect. */
export function plannableIndicators(instrument: ScoringInstrument) {
  return instrument.aspects.flatMap((aspect) =>
    aspect.indicators.filter(isScoredIndicator).map((indicator) => ({ code: indicator.code, aspectCode: aspect.code })),
  );
}

export { MAX_LEVEL };

/** F-03 as it travels from the server to the planner in the browser: the exact score as "numerator/denominator". */
export interface F03Wire {
  respondents: number;
  score: string | null;
}

export function f03ToWire(f03: F03Score): F03Wire {
  return { respondents: f03.respondents, score: f03.score ? `${f03.score.numerator}/${f03.score.denominator}` : null };
}

export function f03FromWire(wire: F03Wire): F03Score {
  if (wire.score === null) return { respondents: wire.respondents, score: null };
  const [numerator, denominator] = wire.score.split("/");
  return { respondents: wire.respondents, score: fromFraction(BigInt(numerator ?? "0"), BigInt(denominator ?? "1")) };
}
