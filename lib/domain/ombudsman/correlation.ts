/**
 * The Pearson correlation of paired values given as exact integers (hundredths of the PEKPPP index
 * and of the Ombudsman score). r = (nΣxy − ΣxΣy) / √((nΣx² − (Σx)²)(nΣy² − (Σy)²)) is computed
 * without floating point: numerator and the product under the root are exact integers (BigInt),
 * and r is rounded to 2 decimals half away from zero by comparing squares, so the published value
 * is exact, not a float's approximation.
 */
export interface Correlation {
  /** Pairs used. */
  n: number;
  /** r in hundredths (−100…100), rounded half away from zero; null with fewer than 3 pairs or a constant side. */
  hundredths: number | null;
}

export const MIN_PAIRS_FOR_CORRELATION = 3;

export function pearsonCorrelation(pairs: readonly { x: number; y: number }[]): Correlation {
  const n = pairs.length;
  if (n < MIN_PAIRS_FOR_CORRELATION) return { n, hundredths: null };
  let sx = 0n;
  let sy = 0n;
  let sxx = 0n;
  let syy = 0n;
  let sxy = 0n;
  for (const { x, y } of pairs) {
    if (!Number.isSafeInteger(x) || !Number.isSafeInteger(y)) throw new RangeError("pearsonCorrelation takes integers");
    const bx = BigInt(x);
    const by = BigInt(y);
    sx += bx;
    sy += by;
    sxx += bx * bx;
    syy += by * by;
    sxy += bx * by;
  }
  const bn = BigInt(n);
  const numerator = bn * sxy - sx * sy;
  const product = (bn * sxx - sx * sx) * (bn * syy - sy * sy);
  if (product === 0n) return { n, hundredths: null };
  // |r|·100 rounded half up is the largest k in 0…100 with k − ½ ≤ 100|N|/√D, i.e. (2k − 1)²·D ≤ (200N)².
  const target = 200n * (numerator < 0n ? -numerator : numerator);
  const limit = target * target;
  let k = 0;
  while (k < 100 && (2n * BigInt(k + 1) - 1n) ** 2n * product <= limit) k += 1;
  return { n, hundredths: numerator < 0n ? -k : k };
}

/** r in hundredths as text with 2 decimals: −35 → "-0.35", 100 → "1.00". */
export function formatCorrelation(hundredths: number): string {
  const sign = hundredths < 0 ? "-" : "";
  const abs = Math.abs(hundredths);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
