import { isCompleted, isOverdue, type IsoDate, type RecommendationFacts } from "./rules";

/** How many recommendations a group has, how many are completed, and how many are overdue. */
export interface CompletionCount {
  total: number;
  completed: number;
  overdue: number;
}

const EMPTY_COUNT: CompletionCount = { total: 0, completed: 0, overdue: 0 };

function addToCount(count: CompletionCount, recommendation: RecommendationFacts, today: IsoDate): CompletionCount {
  return {
    total: count.total + 1,
    completed: count.completed + (isCompleted(recommendation) ? 1 : 0),
    overdue: count.overdue + (isOverdue(recommendation, today) ? 1 : 0),
  };
}

export function countCompletion(recommendations: readonly RecommendationFacts[], today: IsoDate): CompletionCount {
  return recommendations.reduce((count, r) => addToCount(count, r, today), EMPTY_COUNT);
}

/**
 * Counts per group (institution, province, aspect …), in the order groups first appear. A row
 * with no group (null key, e.g. an agency without a province) is left out of the grouping.
 */
export function groupCompletion<R extends RecommendationFacts, K>(rows: readonly R[], keyOf: (row: R) => K | null, today: IsoDate): Map<K, CompletionCount> {
  const groups = new Map<K, CompletionCount>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === null) continue;
    groups.set(key, addToCount(groups.get(key) ?? EMPTY_COUNT, row, today));
  }
  return groups;
}

/**
 * The completion rate in percent with one decimal, rounded half up with integers only
 * (2 of 3 → "66.7", 1 of 8 → "12.5"); null when there is nothing to complete.
 */
export function completionPercent(count: Pick<CompletionCount, "total" | "completed">): string | null {
  if (count.total === 0) return null;
  const tenths = Math.floor((count.completed * 2000 + count.total) / (2 * count.total));
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}
