/**
 * "The next cycle" of a recommendation: the same locus (Locus id) in the cycle of the following
 * year. Seen from a running cycle, the previous one is the cycle of the latest year before it
 * (a skipped year does not hide the last recommendations); among cycles of that same year, the
 * latest created.
 */
export function previousCycleOf<C extends { id: string; year: number; createdAt: Date }>(
  cycles: readonly C[],
  current: { id: string; year: number },
): C | null {
  let best: C | null = null;
  for (const cycle of cycles) {
    if (cycle.id === current.id || cycle.year >= current.year) continue;
    if (!best || cycle.year > best.year || (cycle.year === best.year && cycle.createdAt > best.createdAt)) best = cycle;
  }
  return best;
}
