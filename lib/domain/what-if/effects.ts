import { compare, isZero, sub, type Rational } from "../rational";
import { currentLevel, type LocusModel, MAX_LEVEL, plannableIndicators, type Projection, projectLocus, withLevel } from "./projection";

/** The effect of raising one indicator by one level. */
export interface StepEffect {
  code: string;
  aspectCode: string;
  from: number;
  to: number;
  f02Delta: Rational;
  indexDelta: Rational;
  /** The locus's F-02, index and grade after this one step. */
  projected: Projection;
}

/**
 * For every scored indicator below level 5, the exact effect on F-02, the index and the grade of
 * raising it by one level, each projected by the scoring module; largest effect on the index
 * first, equal effects in the instrument's order. Indicators whose step changes nothing (an
 * aspect of weight 0) are left out.
 */
export function stepEffects(model: LocusModel): StepEffect[] {
  const base = projectLocus(model);
  const effects: StepEffect[] = [];
  for (const { code, aspectCode } of plannableIndicators(model.instrument)) {
    const from = currentLevel(model.levels, code);
    if (from >= MAX_LEVEL) continue;
    const projected = projectLocus(model, withLevel(model.levels, code, from + 1));
    const indexDelta = sub(projected.index.index, base.index.index);
    if (isZero(indexDelta)) continue;
    effects.push({ code, aspectCode, from, to: from + 1, f02Delta: sub(projected.f02, base.f02), indexDelta, projected });
  }
  // Array.prototype.sort is stable: equal effects keep the instrument's order.
  return effects.sort((a, b) => compare(b.indexDelta, a.indexDelta));
}
