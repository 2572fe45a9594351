// Calibration analytics (issue 18, docs/domain.md §5.14): the self-minus-verified gap of verified
// answers by group, and how far each verifier's adjustments stand from the other verifiers'. Pure.
import { fromFraction, negate, type Rational, toDecimalString, toNumberApprox } from "../rational";

/** One group's answers, as summed in SQL: how many, Σ (self − verified), and how many were rated higher or lower than verified. */
export interface GapTotals {
  answers: number;
  gapTotal: number;
  over: number;
  under: number;
}

/** The mean gap (self − verified level) of a group, exact; null without answers. */
export function meanGap(totals: Pick<GapTotals, "answers" | "gapTotal">): Rational | null {
  return totals.answers > 0 ? fromFraction(totals.gapTotal, totals.answers) : null;
}

/** Shown with two decimals, rounded half up (§5.7); "—" without answers. */
export function gapText(value: Rational | null): string {
  return value ? toDecimalString(value, 2) : "—";
}

/** A verifier's adjustments (verified − self level) over its verified answers. */
export interface VerifierTotals {
  verifierId: string;
  answers: number;
  /** Σ (verified − self). */
  adjustmentTotal: number;
  lowered: number;
  raised: number;
  /** Quartiles of the adjustments (integers −5..5, the lower value where two meet: percentile_disc). */
  q1: number;
  median: number;
  q3: number;
}

/** How many of a verifier's answers had each adjustment (verified − self level). */
export interface AdjustmentCount {
  adjustment: number;
  answers: number;
}

/**
 * A verifier's totals from its answers counted per adjustment: the same numbers as summing the
 * answers one by one, quartiles as SQL's percentile_disc (the first adjustment, in order, whose
 * cumulative share reaches p).
 */
export function verifierTotals(verifierId: string, counts: readonly AdjustmentCount[]): VerifierTotals {
  const sorted = [...counts].filter((c) => c.answers > 0).sort((a, b) => a.adjustment - b.adjustment);
  const answers = sorted.reduce((total, c) => total + c.answers, 0);
  const quantile = (p: number) => {
    let seen = 0;
    for (const c of sorted) {
      seen += c.answers;
      if (seen >= p * answers) return c.adjustment;
    }
    return 0;
  };
  return {
    verifierId,
    answers,
    adjustmentTotal: sorted.reduce((total, c) => total + c.adjustment * c.answers, 0),
    lowered: sorted.reduce((total, c) => total + (c.adjustment < 0 ? c.answers : 0), 0),
    raised: sorted.reduce((total, c) => total + (c.adjustment > 0 ? c.answers : 0), 0),
    q1: quantile(0.25),
    median: quantile(0.5),
    q3: quantile(0.75),
  };
}

export interface VerifierCalibration extends VerifierTotals {
  meanAdjustment: Rational;
  /**
   * How many standard deviations this verifier's mean adjustment lies from the mean of the OTHER
   * verifiers' means (leave-one-out, so one outlier cannot hide itself); null with fewer than two
   * others or when the others all agree exactly. A display statistic only (JS number).
   */
  z: number | null;
  outlier: boolean;
}

/** |z| from which a verifier is marked as standing out. */
export const OUTLIER_Z = 2;

/** Each verifier against the others (docs/domain.md §5.14); verifiers without answers are left out. */
export function compareVerifiers(verifiers: readonly VerifierTotals[]): VerifierCalibration[] {
  const present = verifiers.filter((v) => v.answers > 0);
  const means = present.map((v) => v.adjustmentTotal / v.answers);
  return present.map((verifier, position) => {
    const others = means.filter((_, other) => other !== position);
    let z: number | null = null;
    if (others.length >= 2) {
      const centre = others.reduce((a, b) => a + b, 0) / others.length;
      const variance = others.reduce((total, m) => total + (m - centre) ** 2, 0) / (others.length - 1);
      const spread = Math.sqrt(variance);
      if (spread > 1e-12) z = ((means[position] ?? 0) - centre) / spread;
    }
    return {
      ...verifier,
      meanAdjustment: fromFraction(verifier.adjustmentTotal, verifier.answers),
      z,
      outlier: z !== null && Math.abs(z) >= OUTLIER_Z,
    };
  });
}

/** The gap of a verifier's answers is the opposite of its adjustment: self − verified = −(verified − self). */
export const gapOfAdjustment = (adjustment: Rational): Rational => negate(adjustment);

/** For charts only (docs/domain.md §5.1): an approximate number. */
export const chartValue = (value: Rational | null): number => (value ? toNumberApprox(value) : 0);
