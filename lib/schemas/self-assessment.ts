import { z } from "zod";
import { ZIndicatorCode, ZLevel } from "@/lib/domain/instrument/fields";
import { text } from "./text";

export const MAX_JUSTIFICATION = 5_000;

/** One autosaved answer: the level (null clears it), the justification, and the version it edits. */
export const ZSaveAnswer = z.object({
  indicatorCode: ZIndicatorCode,
  level: ZLevel.nullable(),
  justification: text().max(MAX_JUSTIFICATION, { error: "validation.justificationTooLong" }),
  /** The version the browser last saw; 0 when it never saw a saved answer. */
  baseVersion: z.int().min(0),
});
export type TSaveAnswer = z.infer<typeof ZSaveAnswer>;

/** An answer as stored: what the workspace starts from, and what a save or a refused save returns. */
export interface SavedAnswer {
  level: number | null;
  justification: string;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
}

export const ZSubmitSelfAssessment = z.object({ assessmentId: z.uuid() });

export const ZReopenAssessment = z.object({
  assessmentId: z.uuid(),
  /** The last day (inclusive, Asia/Jakarta) the unit may edit again. */
  until: z.iso.date({ error: "validation.dateInvalid" }),
});
