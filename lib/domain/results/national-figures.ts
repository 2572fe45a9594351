import { GRADE_BANDS, classify, type Classification, type Grade } from "../grades";
import { mean, type Rational } from "../rational";

/**
 * The national index of a cycle: the mean of the institution indices of every institution with a
 * final result (the published national IPP, e.g. 3.88 in 2023, is such an average; docs/domain.md §5).
 * Null when no institution has a result.
 */
export function nationalIndex(institutionIndices: readonly Rational[]): Classification | null {
  const value = mean(institutionIndices);
  return value ? classify(value) : null;
}

/** How many results fall in each grade, in the order of the grade table (A first), zeros included. */
export function gradeDistribution(grades: readonly Grade[]): { grade: Grade; label: string; count: number }[] {
  const counts = new Map<Grade, number>();
  for (const grade of grades) counts.set(grade, (counts.get(grade) ?? 0) + 1);
  return GRADE_BANDS.map((band) => ({ grade: band.grade, label: band.label, count: counts.get(band.grade) ?? 0 }));
}
