import { z } from "zod";
import { ZIndicatorCode, ZLevel } from "@/lib/domain/instrument/fields";
import { fromFormData } from "./form-data";
import { text } from "./text";

/** Opening a correction of a FINAL locus (docs/domain.md §6.4): why, and under which decree. */
export const ZOpenCorrection = z.object({
  reason: text().trim().min(10, { error: "correction.reasonTooShort" }).max(2_000, { error: "validation.tooLong" }),
  decreeReference: text().trim().min(3, { error: "correction.decreeRequired" }).max(200, { error: "validation.tooLong" }),
});
export type TOpenCorrection = z.infer<typeof ZOpenCorrection>;

/** One verified level changed during an open correction, with the admin's note. */
export const ZCorrectionLevel = fromFormData(
  z.object({
    assessmentId: z.uuid(),
    indicatorCode: ZIndicatorCode,
    level: z.coerce.number().pipe(ZLevel),
    note: text().trim().max(5_000, { error: "validation.tooLong" }),
  }),
);
export type TCorrectionLevel = z.infer<typeof ZCorrectionLevel>;

export const ZCorrectionRef = fromFormData(z.object({ assessmentId: z.uuid() }));
