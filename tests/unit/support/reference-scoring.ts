/**
 * An INDEPENDENT reference for the scoring rules of docs/domain.md §5, used to cross-check the module
 * under test. It shares no code with lib/domain (no Rational, no scoring helpers): it works in
 * plain bigint numerators over explicit denominators.
 *
 * - aspect score × 100    = Σ indicator weight × level                       (integer)
 * - F-02 × 10 000         = Σ aspect weight × (aspect score × 100)            (integer)
 * - F-03 = mean of respondent means, as a fraction num/den via a common denominator
 * - locus index = (share × F-02 × 100 + (100 − share) × 10 000 × F-03) / 1 000 000
 */
export interface Fraction {
  num: bigint;
  den: bigint;
}

interface RefIndicator {
  code: string;
  weight: number;
}
interface RefAspect {
  weight: number;
  indicators: RefIndicator[];
}

function level(answers: ReadonlyMap<string, number>, code: string): bigint {
  return BigInt(answers.get(code) ?? 0);
}

export function refAspectTimes100(aspect: RefAspect, answers: ReadonlyMap<string, number>): bigint {
  let total = 0n;
  for (const item of aspect.indicators) total += BigInt(item.weight) * level(answers, item.code);
  return total;
}

export function refF02Times10000(aspects: readonly RefAspect[], answers: ReadonlyMap<string, number>): bigint {
  let total = 0n;
  for (const aspect of aspects) total += BigInt(aspect.weight) * refAspectTimes100(aspect, answers);
  return total;
}

/** Mean of respondent means with ONE common denominator: Π n_r × R. Null without respondents. */
export function refF03(responses: readonly (readonly number[])[]): Fraction | null {
  if (responses.length === 0) return null;
  const counts = responses.map((ratings) => BigInt(ratings.length));
  const product = counts.reduce((a, b) => a * b, 1n);
  let num = 0n;
  responses.forEach((ratings, r) => {
    const total = ratings.reduce((a, b) => a + BigInt(b), 0n);
    num += total * (product / counts[r]!);
  });
  return { num, den: product * BigInt(responses.length) };
}

export function refLocus(f02Times10000: bigint, f03: Fraction, sharePercent: number): Fraction {
  const share = BigInt(sharePercent);
  return {
    num: share * f02Times10000 * f03.den + (100n - share) * 10000n * f03.num,
    den: 1000000n * f03.den,
  };
}

/** Half-up hundredths of a non-negative fraction: floor(x × 100 + 1/2). */
export function refHundredths(value: Fraction): bigint {
  return (value.num * 200n + value.den) / (2n * value.den);
}

/** True when the rational n/d (any sign of d handled by the caller's normal form) equals the fraction. */
export function sameValue(numerator: bigint, denominator: bigint, value: Fraction): boolean {
  return numerator * value.den === value.num * denominator;
}
