import { classify, GRADE_BANDS, type Grade, type GradeBand } from "../grades";
import { add, compare, div, fromInteger, type Rational, roundHalfUpScaled } from "../rational";
import { institutionIndex } from "../scoring";
import { stepEffects } from "./effects";
import { type Levels, type LocusModel, MAX_LEVEL, type Projection, projectLocus } from "./projection";

/** One indicator raised from one level to a higher one (to − from single-level steps). */
export interface PlannedStep {
  /** The locus (institution plans); the locus's own plan leaves it out. */
  locusId?: string;
  code: string;
  from: number;
  to: number;
}

export type NextGradePlan =
  | { kind: "PLAN"; target: GradeBand; steps: PlannedStep[]; stepCount: number; index: Rational; hundredths: number; grade: Grade }
  /** The grade is the best there is. */
  | { kind: "TOP_GRADE" }
  /** Even every indicator at level 5 does not reach the next grade (F-03 holds the index down). */
  | { kind: "UNREACHABLE"; target: GradeBand };

/** The grade band just above the one a published value (in hundredths) falls in; null at the top. */
export function nextBand(hundredths: number, bands: readonly GradeBand[] = GRADE_BANDS): GradeBand | null {
  const above = bands.filter((band) => band.minHundredths > hundredths);
  return above.reduce<GradeBand | null>((best, band) => (best === null || band.minHundredths < best.minHundredths ? band : best), null);
}

interface Candidate {
  locusId?: string;
  code: string;
  from: number;
  /** What one more level of this indicator adds to the index being planned for. */
  gain: Rational;
}

/**
 * The smallest number of single-level steps whose projected index reaches the target band, from
 * candidates sorted best first: the index is linear in each level (docs/domain.md §5.2–5.6), so
 * every step of one indicator gains the same, and taking the largest gains first reaches any
 * value with the fewest steps; of the plans with that many steps it gives the largest index, and
 * among equal gains the earlier indicators (in the order given) first.
 */
function plan(start: Rational, target: GradeBand, candidates: readonly Candidate[]) {
  let index = start;
  let stepCount = 0;
  const steps: PlannedStep[] = [];
  for (const candidate of candidates) {
    let to = candidate.from;
    while (to < MAX_LEVEL) {
      to += 1;
      stepCount += 1;
      index = add(index, candidate.gain);
      if (Number(roundHalfUpScaled(index, 2)) >= target.minHundredths) {
        steps.push({ ...(candidate.locusId === undefined ? {} : { locusId: candidate.locusId }), code: candidate.code, from: candidate.from, to });
        return { steps, stepCount };
      }
    }
    steps.push({ ...(candidate.locusId === undefined ? {} : { locusId: candidate.locusId }), code: candidate.code, from: candidate.from, to });
  }
  return null;
}

/** The levels of a locus after its planned steps. */
export function applySteps(levels: Levels, steps: readonly PlannedStep[]): Levels {
  const after: Record<string, number> = { ...levels };
  for (const step of steps) after[step.code] = step.to;
  return after;
}

/**
 * The smallest set of single-level steps that brings the locus to the next grade band: fewest
 * steps, then the largest resulting index, then the instrument's order. Its index and grade are
 * those of the scoring module on the planned levels.
 */
export function stepsToNextGrade(model: LocusModel): NextGradePlan {
  const base = projectLocus(model);
  const target = nextBand(base.classification.hundredths);
  if (!target) return { kind: "TOP_GRADE" };
  const candidates = stepEffects(model).map((effect) => ({ code: effect.code, from: effect.from, gain: effect.indexDelta }));
  const found = plan(base.index.index, target, candidates);
  if (!found) return { kind: "UNREACHABLE", target };
  const projected = projectLocus(model, applySteps(model.levels, found.steps));
  return {
    kind: "PLAN",
    target,
    ...found,
    index: projected.index.index,
    hundredths: projected.classification.hundredths,
    grade: projected.classification.grade,
  };
}

/** A locus of an institution, as the institution's planner holds it. */
export interface InstitutionLocus extends LocusModel {
  id: string;
}

export interface InstitutionProjection {
  loci: { id: string; projection: Projection }[];
  /** The institution index: the mean of its loci's indices (docs/domain.md §5.6); null without loci. */
  index: Rational | null;
  classification: Projection["classification"] | null;
}

/** The institution's index and grade with each locus at the given levels (its current ones where none are given). */
export function projectInstitution(loci: readonly InstitutionLocus[], levels: Readonly<Record<string, Levels>> = {}): InstitutionProjection {
  const projected = loci.map((locus) => ({ id: locus.id, projection: projectLocus(locus, levels[locus.id] ?? locus.levels) }));
  const settings = loci[0]?.settings;
  const index = settings
    ? institutionIndex(
        projected.map((p) => p.projection.index.index),
        settings,
      )
    : null;
  // Graded like any other index (docs/domain.md §5.6, §5.8).
  return { loci: projected, index, classification: index ? classify(index) : null };
}

/**
 * The smallest set of single-level steps, over all loci of the institution, that brings the
 * institution index to the next grade band (fewest steps, then the largest index, then the loci's
 * and the instrument's order). A step of a locus moves the institution's mean by its effect on the
 * locus index divided by the number of loci.
 */
export function institutionStepsToNextGrade(loci: readonly InstitutionLocus[]): NextGradePlan {
  const base = projectInstitution(loci);
  if (!base.index || !base.classification) return { kind: "TOP_GRADE" };
  const target = nextBand(base.classification.hundredths);
  if (!target) return { kind: "TOP_GRADE" };
  const count = fromInteger(loci.length);
  const candidates = loci
    .flatMap((locus) => stepEffects(locus).map((effect) => ({ locusId: locus.id, code: effect.code, from: effect.from, gain: div(effect.indexDelta, count) })))
    // Stable: equal gains keep the loci's order, then the instrument's.
    .sort((a, b) => compare(b.gain, a.gain));
  const found = plan(base.index, target, candidates);
  if (!found) return { kind: "UNREACHABLE", target };
  const levels: Record<string, Levels> = {};
  for (const locus of loci)
    levels[locus.id] = applySteps(
      locus.levels,
      found.steps.filter((step) => step.locusId === locus.id),
    );
  const projected = projectInstitution(loci, levels);
  return { kind: "PLAN", target, ...found, index: projected.index!, hundredths: projected.classification!.hundredths, grade: projected.classification!.grade };
}
