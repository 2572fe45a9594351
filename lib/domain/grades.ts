import { DomainError } from "./errors";
import { formatScaled, roundHalfUpScaled, type Rational } from "./rational";

export type Grade = "A" | "A-" | "B" | "B-" | "C" | "C-" | "D" | "E" | "F";

/** One row of the grade table; bounds are in hundredths of the published index, both inclusive. */
export interface GradeBand {
  grade: Grade;
  label: string;
  minHundredths: number;
  maxHundredths: number;
}

/**
 * The published grade table (docs/domain.md §5), as data. Bounds are on the published index (2
 * decimals, both ends inclusive), so consecutive bands meet without a gap: 4.50 is A-, 4.51 is A.
 */
export const GRADE_BANDS: readonly GradeBand[] = Object.freeze(
  [
    { grade: "A", label: "Pelayanan Prima", minHundredths: 451, maxHundredths: 500 },
    { grade: "A-", label: "Sangat Baik", minHundredths: 401, maxHundredths: 450 },
    { grade: "B", label: "Baik", minHundredths: 351, maxHundredths: 400 },
    { grade: "B-", label: "Baik dengan Catatan", minHundredths: 301, maxHundredths: 350 },
    { grade: "C", label: "Cukup", minHundredths: 251, maxHundredths: 300 },
    { grade: "C-", label: "Cukup dengan Catatan", minHundredths: 201, maxHundredths: 250 },
    { grade: "D", label: "Buruk", minHundredths: 151, maxHundredths: 200 },
    { grade: "E", label: "Sangat Buruk", minHundredths: 101, maxHundredths: 150 },
    { grade: "F", label: "Gagal", minHundredths: 0, maxHundredths: 100 },
  ].map((band) => Object.freeze(band as GradeBand)),
);

export interface Classification {
  /** The published index, half-up rounded to 2 decimals: "4.51". */
  published: string;
  /** The same value in hundredths: 451. */
  hundredths: number;
  grade: Grade;
  label: string;
}

/** "4.51" from 451. */
export function formatHundredths(hundredths: number): string {
  return formatScaled(BigInt(hundredths), 2);
}

/**
 * Grades an index. The value is rounded half up to 2 decimals FIRST and the rounded value is
 * classified (docs/domain.md §5: "Classify the rounded value, so no value falls between bands: 4.505
 * rounds to 4.51 (A); 4.00 is B, not A-"). Classifying the unrounded value would leave values such
 * as 1.005 in no band at all.
 *
 * Throws INDEX_OUT_OF_RANGE when the rounded value is in no band (with the published table: below
 * 0.00 or above 5.00, which valid scores never reach).
 */
export function classify(index: Rational, bands: readonly GradeBand[] = GRADE_BANDS): Classification {
  // A custom table (it is configurable data) must be sound before it can grade anything.
  if (bands !== GRADE_BANDS) assertValidGradeBands(bands);
  const hundredths = Number(roundHalfUpScaled(index, 2));
  const band = bands.find((row) => row.minHundredths <= hundredths && hundredths <= row.maxHundredths);
  if (band === undefined) {
    throw new DomainError("INDEX_OUT_OF_RANGE", `No grade band contains the index ${formatHundredths(hundredths)}.`);
  }
  return { published: formatHundredths(hundredths), hundredths, grade: band.grade, label: band.label };
}

/**
 * Checks a (configurable) grade table: integer bounds, min <= max, and bands that together cover
 * 0.00–5.00 exactly once each, so that every published value has exactly one grade.
 * Returns the list of problems (empty when the table is sound).
 */
export function gradeBandProblems(bands: readonly GradeBand[]): string[] {
  const problems: string[] = [];
  for (const band of bands) {
    if (!Number.isSafeInteger(band.minHundredths) || !Number.isSafeInteger(band.maxHundredths)) {
      problems.push(`Batas predikat ${band.grade} harus bilangan bulat (perseratus).`);
    } else if (band.minHundredths > band.maxHundredths) {
      problems.push(`Batas bawah predikat ${band.grade} melebihi batas atasnya.`);
    }
    if (band.label.trim() === "") problems.push(`Label predikat ${band.grade} kosong.`);
  }
  if (problems.length > 0) return problems;
  const sorted = [...bands].sort((a, b) => a.minHundredths - b.minHundredths);
  let expectedMin = 0;
  for (const band of sorted) {
    if (band.minHundredths > expectedMin) {
      problems.push(`Nilai ${formatRange(expectedMin, band.minHundredths - 1)} tidak masuk predikat mana pun.`);
    } else if (band.minHundredths < expectedMin) {
      problems.push(`Predikat ${band.grade} tumpang tindih dengan predikat sebelumnya.`);
    }
    expectedMin = Math.max(expectedMin, band.maxHundredths + 1);
  }
  if (expectedMin <= 500) {
    problems.push(`Nilai ${formatRange(expectedMin, 500)} tidak masuk predikat mana pun.`);
  } else if (expectedMin > 501) {
    problems.push("Tabel predikat melampaui 5.00.");
  }
  return problems;
}

function formatRange(from: number, to: number): string {
  return from === to ? formatHundredths(from) : `${formatHundredths(from)}–${formatHundredths(to)}`;
}

/** Throws INVALID_GRADE_BANDS unless the table is sound (see `gradeBandProblems`). */
export function assertValidGradeBands(bands: readonly GradeBand[]): void {
  const problems = gradeBandProblems(bands);
  if (problems.length > 0) throw new DomainError("INVALID_GRADE_BANDS", problems.join(" "));
}
