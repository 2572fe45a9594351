import { z } from "zod";
import { DomainError } from "../errors";

/**
 * The configurable parts of scoring (docs/domain.md §5 and §3, each marked "configurable" there):
 * - f02SharePercent: weight of the evaluator score F-02 in the locus index, in whole per cents;
 *   F-03 gets the rest (published practice: 75 / 25).
 * - minSurveyRespondents: F-03 counts only from this many respondents on (§3: "at least 10").
 * - institutionAggregation: how locus indices make the institution index (§5: "mean of its loci's
 *   indices (configurable)"); only the mean is defined so far.
 */
export interface ScoringSettings {
  f02SharePercent: number;
  minSurveyRespondents: number;
  institutionAggregation: "MEAN";
}

export const DEFAULT_SCORING_SETTINGS: Readonly<ScoringSettings> = Object.freeze({
  f02SharePercent: 75,
  minSurveyRespondents: 10,
  institutionAggregation: "MEAN",
});

/** The scoring settings a cycle carries as data (its own F-02 share and F-03 minimum; the mean). */
export function scoringSettingsOf(cycle: { f02SharePercent: number; minSurveyRespondents: number }): ScoringSettings {
  return { f02SharePercent: cycle.f02SharePercent, minSurveyRespondents: cycle.minSurveyRespondents, institutionAggregation: "MEAN" };
}

export const ZScoringSettings = z.object({
  f02SharePercent: z
    .number({ error: "Porsi F-02 harus berupa angka." })
    .int({ error: "Porsi F-02 harus bilangan bulat (persen)." })
    .min(0, { error: "Porsi F-02 tidak boleh kurang dari 0 persen." })
    .max(100, { error: "Porsi F-02 tidak boleh lebih dari 100 persen." }),
  minSurveyRespondents: z
    .number({ error: "Jumlah minimum responden F-03 harus berupa angka." })
    .int({ error: "Jumlah minimum responden F-03 harus bilangan bulat." })
    .min(0, { error: "Jumlah minimum responden F-03 tidak boleh negatif." }),
  institutionAggregation: z.literal("MEAN", { error: "Agregasi indeks instansi yang dikenal hanya MEAN (rata-rata)." }),
});

export type ScoringSettingsValidation = { ok: true; settings: ScoringSettings } | { ok: false; problems: string[] };

/** Validates settings coming from the database or an admin form; all problems at once. */
export function validateScoringSettings(input: unknown): ScoringSettingsValidation {
  const parsed = ZScoringSettings.safeParse(input);
  if (parsed.success) return { ok: true, settings: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => issue.message) };
}

/** Throws INVALID_SETTINGS unless the settings are valid; used by every function that reads them. */
export function assertValidScoringSettings(settings: ScoringSettings): void {
  const result = validateScoringSettings(settings);
  if (!result.ok) throw new DomainError("INVALID_SETTINGS", result.problems.join(" "));
}
