import { mean, type Rational } from "../rational";
import { DEFAULT_SCORING_SETTINGS, type ScoringSettings } from "./settings";

/**
 * Institution index = mean of its loci's indices (docs/domain.md §5, "configurable": the aggregation is
 * a setting, of which only MEAN is defined). Null for an institution without loci: it has no index.
 */
export function institutionIndex(
  locusIndices: readonly Rational[],
  settings: Pick<ScoringSettings, "institutionAggregation"> = DEFAULT_SCORING_SETTINGS,
): Rational | null {
  switch (settings.institutionAggregation) {
    case "MEAN":
      return mean(locusIndices);
  }
}
