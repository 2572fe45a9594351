import { classify, type Classification } from "../grades";
import type { InstrumentDefinition } from "../instrument/types";
import type { Answers } from "./answers";
import { f02Score, type F02Score } from "./f02";
import { f03Score, type F03Score } from "./f03";
import { locusIndex, type LocusIndex } from "./locus-index";
import { DEFAULT_SCORING_SETTINGS, type ScoringSettings } from "./settings";

export interface LocusResult {
  f02: F02Score;
  f03: F03Score;
  index: LocusIndex;
  classification: Classification;
}

/**
 * Everything a page, an export or a test shows for one locus, from its levels and its F-03
 * responses: the one path from raw data to a published number (docs/domain.md §5).
 */
export function computeLocusResult(
  instrument: Pick<InstrumentDefinition, "aspects" | "surveyItems">,
  answers: Answers,
  surveyResponses: readonly (readonly number[])[],
  settings: ScoringSettings = DEFAULT_SCORING_SETTINGS,
): LocusResult {
  const f02 = f02Score(instrument, answers);
  const f03 = f03Score(surveyResponses, { itemCount: instrument.surveyItems.length });
  const index = locusIndex({ f02: f02.total, f03, settings });
  return { f02, f03, index, classification: classify(index.index) };
}
