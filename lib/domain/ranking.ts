import { compare, roundHalfUpScaled, toDecimalString, type Rational } from "./rational";

export interface RankInput<T> {
  key: T;
  index: Rational;
}

export interface RankedItem<T> {
  key: T;
  index: Rational;
  /** The published index, half-up rounded to 2 decimals ("4.50"). */
  published: string;
  /** Standard competition rank (1, 1, 3) over the published values. */
  rank: number;
  /** True when another item has the same published value (and therefore the same rank). */
  tied: boolean;
}

/**
 * Ranks items by index, highest first (docs/domain.md §5: "rankings order by full precision, and equal
 * published values show as ties").
 *
 * - ORDER uses the exact value: 4.504 is listed before 4.496 although both publish as "4.50".
 *   Items exactly equal in full precision are ordered by `tieBreak` on their keys (e.g. the
 *   institution name), then by input order, so the listing is deterministic.
 * - RANK uses the published value: items whose indices round (half up, 2 decimals) to the same
 *   value share a rank, and the next rank skips accordingly (standard competition ranking 1, 1, 3).
 *   A reader who sees two equal published indices with different ranks would rightly object, and
 *   award rules such as "top N, ties at the boundary included" (§6) need shared ranks.
 * Because rounding is monotone, items sharing a published value are adjacent in that order.
 */
export function rank<T>(items: readonly RankInput<T>[], tieBreak: (a: T, b: T) => number): RankedItem<T>[] {
  const ordered = items
    .map((item, position) => ({ item, position, hundredths: roundHalfUpScaled(item.index, 2) }))
    .sort((a, b) => compare(b.item.index, a.item.index) || tieBreak(a.item.key, b.item.key) || a.position - b.position);
  const result: RankedItem<T>[] = [];
  ordered.forEach((entry, position) => {
    const previous = ordered[position - 1];
    const next = ordered[position + 1];
    const sharesWithPrevious = previous !== undefined && previous.hundredths === entry.hundredths;
    const sharesWithNext = next !== undefined && next.hundredths === entry.hundredths;
    const previousRank = result[position - 1]?.rank ?? 1;
    result.push({
      key: entry.item.key,
      index: entry.item.index,
      published: toDecimalString(entry.item.index, 2),
      rank: sharesWithPrevious ? previousRank : position + 1,
      tied: sharesWithPrevious || sharesWithNext,
    });
  });
  return result;
}
