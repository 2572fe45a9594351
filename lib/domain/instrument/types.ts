/**
 * The evaluation instrument as data (docs/domain.md §4: "the instrument is therefore data, versioned
 * per cycle"). Weights are integer percentages: aspect weights sum to 100 over the instrument,
 * indicator weights sum to 100 inside each aspect. Levels are the integers 0..5, each with its
 * rubric description.
 *
 * An indicator of weight 0 (the "queue system" item 31.c.K, placed in aspect III) is collected and
 * shown but never scored, and does not count as a scored indicator (§4: "shown, never scored").
 */
export interface InstrumentLevel {
  level: number;
  description: string;
}

export interface InstrumentIndicator {
  code: string;
  name: string;
  question: string;
  weight: number;
  evidenceHint: string;
  levels: InstrumentLevel[];
}

export interface InstrumentAspect {
  code: string;
  name: string;
  weight: number;
  indicators: InstrumentIndicator[];
}

export interface InstrumentSurveyItem {
  code: string;
  text: string;
}

export interface InstrumentDefinition {
  code: string;
  version: string;
  name: string;
  description: string;
  aspects: InstrumentAspect[];
  surveyItems: InstrumentSurveyItem[];
}

/** The levels every indicator must describe, exactly once each (§4: "an integer level 0–5"). */
/**
 * What scoring reads of an instrument: its aspects and indicators by code, name and weight. The
 * what-if planner runs the scoring module in the browser on this shape only: the rubric texts,
 * questions and evidence hints (about 45 of the 47 kB of the national instrument) stay on the server.
 */
export interface ScoringInstrument {
  aspects: readonly ScoringAspect[];
}

export interface ScoringAspect {
  code: string;
  name: string;
  weight: number;
  indicators: readonly Pick<InstrumentIndicator, "code" | "name" | "weight">[];
}

/** An instrument reduced to what scoring reads (a new object; the instrument is left as it is). */
export function scoringInstrumentOf(instrument: ScoringInstrument): ScoringInstrument {
  return {
    aspects: instrument.aspects.map((aspect) => ({
      code: aspect.code,
      name: aspect.name,
      weight: aspect.weight,
      indicators: aspect.indicators.map((indicator) => ({ code: indicator.code, name: indicator.name, weight: indicator.weight })),
    })),
  };
}

export const INSTRUMENT_LEVELS: readonly number[] = [0, 1, 2, 3, 4, 5];
export const MIN_LEVEL = 0;
export const MAX_LEVEL = 5;

/** Weight-0 indicators are informative only (§4). */
export function isScoredIndicator(indicator: Pick<InstrumentIndicator, "weight">): boolean {
  return indicator.weight > 0;
}

/** The indicators that count in the score, over the whole instrument. */
export function scoredIndicators(instrument: Pick<InstrumentDefinition, "aspects">): InstrumentIndicator[] {
  return instrument.aspects.flatMap((aspect) => aspect.indicators.filter(isScoredIndicator));
}
