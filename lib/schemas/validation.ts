import { z } from "zod";
import { fromFormData } from "./form-data";
import { text } from "./text";

/** The second tier's decisions (docs/domain.md §3.9): validate, or send back with reasons. */
export const ZValidateAssessment = fromFormData(z.object({ assessmentId: z.uuid() }));

export const ZSendBack = fromFormData(
  z.object({
    assessmentId: z.uuid(),
    reasons: text().trim().min(1, { error: "validation.sendBackReasonRequired" }).max(5_000, { error: "validation.tooLong" }),
  }),
);
export type TSendBack = z.infer<typeof ZSendBack>;
