import { classify, type Grade } from "../grades";
import type { InstrumentDefinition } from "../instrument/types";
import { fromFraction, fromInteger, mul, type Rational } from "../rational";
import { computeLocusResult, type F03ExclusionReason, institutionIndex, type ScoringSettings, scoredLevel } from "../scoring";
import { exactText, parseExact, type Step, step } from "./steps";

/** One locus as the explanation starts from it: the instrument, the cycle's settings, the levels that count and the F-03 responses. */
export interface ExplainLocusInput {
  instrument: Pick<InstrumentDefinition, "aspects" | "surveyItems">;
  settings: ScoringSettings;
  /** The level per indicator code; an indicator without one scores 0 (docs/domain.md §5.2). */
  levels: Readonly<Record<string, number>>;
  surveyResponses: readonly (readonly number[])[];
}

export interface ExplainedIndicator {
  code: string;
  name: string;
  /** Weight inside the aspect, in per cent, and as the share that multiplies the level ("0.24"). */
  weight: number;
  weightShare: string;
  /** The level given, null when none: it then scores 0. */
  level: number | null;
  /** The rubric text of that level. */
  rubric: string | null;
  /** weight share × level. */
  contribution: Step;
}

export interface ExplainedAspect {
  code: string;
  name: string;
  weight: number;
  weightShare: string;
  indicators: ExplainedIndicator[];
  /** Aspect score = Σ indicator contributions (§5.2). */
  score: Step;
  /** aspect weight share × aspect score: its part of F-02 (§5.3). */
  contribution: Step;
}

export interface ExplainedF03 {
  respondents: number;
  items: number;
  minimum: number;
  /** Σ of every rating ÷ (respondents × items): each respondent rates every item, so this is the mean of their means (§5.4). Null without respondents. */
  score: Step | null;
}

export interface ExplainedIndex {
  /** The exact index ("4.125", or a fraction) and its published form and grade (§5.7–5.8). */
  value: string;
  published: string;
  grade: Grade;
  label: string;
  f03Included: boolean;
  reason: F03ExclusionReason | null;
  /** share × F-02 and (1 − share) × F-03, and their sum; null when F-03 is left out (the index is F-02). */
  f02Part: Step | null;
  f03Part: Step | null;
  total: Step | null;
}

export interface ExplainedLocus {
  sharePercent: number;
  aspects: ExplainedAspect[];
  /** F-02 = Σ aspect contributions (§5.3). */
  f02: Step;
  f03: ExplainedF03;
  index: ExplainedIndex;
}

const share = (percent: number) => fromFraction(percent, 100);

/**
 * The explanation of a locus's index from its inputs (docs/domain.md §5.13): every number is the
 * scoring module's own (computeLocusResult), each shown with the operation and operands that give
 * it. Only the per-indicator contribution is multiplied here, for display; a property test holds
 * that every step recomputes to its result and the chain meets the scoring module's values.
 */
export function explainLocus(input: ExplainLocusInput): ExplainedLocus {
  const { instrument, settings, levels, surveyResponses } = input;
  const result = computeLocusResult(instrument, levels, surveyResponses, settings);
  const aspects = instrument.aspects.map((aspect, position): ExplainedAspect => {
    const indicators = aspect.indicators.map((indicator): ExplainedIndicator => {
      const level = Object.hasOwn(levels, indicator.code) ? (levels[indicator.code] ?? null) : null;
      const scored = scoredLevel(levels, indicator.code);
      const weightShare = share(indicator.weight);
      return {
        code: indicator.code,
        name: indicator.name,
        weight: indicator.weight,
        weightShare: exactText(weightShare, 2),
        level,
        rubric: level === null ? null : (indicator.levels.find((row) => row.level === level)?.description ?? null),
        contribution: step("product", [weightShare, fromInteger(scored)], mul(weightShare, fromInteger(scored))),
      };
    });
    const score = result.f02.aspects[position]?.score ?? fromInteger(0);
    const aspectShare = share(aspect.weight);
    return {
      code: aspect.code,
      name: aspect.name,
      weight: aspect.weight,
      weightShare: exactText(aspectShare, 2),
      indicators,
      score: { op: "sum", operands: indicators.map((row) => row.contribution.result), result: exactText(score, 2) },
      contribution: step("product", [aspectShare, score], mul(aspectShare, score)),
    };
  });
  const f02 = result.f02.total;
  const items = instrument.surveyItems.length;
  const f03Score = result.f03.score;
  const ratingsTotal = surveyResponses.reduce((total, ratings) => total + ratings.reduce((a, b) => a + b, 0), 0);
  const f03: ExplainedF03 = {
    respondents: result.f03.respondents,
    items,
    minimum: settings.minSurveyRespondents,
    score: f03Score ? step("quotient", [fromInteger(ratingsTotal), fromInteger(result.f03.respondents * items)], f03Score) : null,
  };
  const index = result.index;
  const f02Share = share(settings.f02SharePercent);
  const f03Share = share(100 - settings.f02SharePercent);
  const blended = index.f03Included && f03Score;
  const f02Part = blended ? step("product", [f02Share, f02], mul(f02Share, f02)) : null;
  const f03Part = blended ? step("product", [f03Share, f03Score], mul(f03Share, f03Score)) : null;
  return {
    sharePercent: settings.f02SharePercent,
    aspects,
    f02: { op: "sum", operands: aspects.map((aspect) => aspect.contribution.result), result: exactText(f02, 2) },
    f03,
    index: {
      value: exactText(index.index, 2),
      published: result.classification.published,
      grade: result.classification.grade,
      label: result.classification.label,
      f03Included: index.f03Included,
      reason: index.f03Included ? null : index.reason,
      f02Part,
      f03Part,
      total: f02Part && f03Part ? { op: "sum", operands: [f02Part.result, f03Part.result], result: exactText(index.index, 2) } : null,
    },
  };
}

export interface ExplainedInstitution {
  /** Institution index = mean of its loci's indices (§5.6); null without loci. */
  index: (Step & { published: string; grade: Grade; label: string }) | null;
}

/** The institution's index from its loci's exact indices (as `ExplainedIndex.value` writes them), by the scoring module's aggregation (§5.6). */
export function explainInstitution(loci: readonly { index: Pick<ExplainedIndex, "value"> }[], settings: ScoringSettings): ExplainedInstitution {
  const values: Rational[] = loci.map((locus) => parseExact(locus.index.value));
  const value = institutionIndex(values, settings);
  if (value === null) return { index: null };
  const classification = classify(value);
  return { index: { ...step("mean", values, value), published: classification.published, grade: classification.grade, label: classification.label } };
}
