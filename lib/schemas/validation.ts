import { z } from "zod";
import { INSTITUTION_TYPES } from "@/lib/domain/registry/fields";
import { fromFormData } from "./form-data";
import { text } from "./text";

/** The second tier's decisions (docs/domain.md §3.10): validate, or send back with reasons. */
export const ZValidateAssessment = fromFormData(z.object({ assessmentId: z.uuid() }));

export const ZSendBack = fromFormData(
  z.object({
    assessmentId: z.uuid(),
    reasons: text().trim().min(1, { error: "validation.sendBackReasonRequired" }).max(5_000, { error: "validation.tooLong" }),
  }),
);
export type TSendBack = z.infer<typeof ZSendBack>;

/** The cycle's second-tier setting: on or off, and the institution types it applies to. */
export const ZUpdateSecondTier = z.object({
  cycleId: z.uuid(),
  enabled: z.boolean(),
  institutionTypes: z
    .array(z.enum(INSTITUTION_TYPES))
    .max(INSTITUTION_TYPES.length)
    .transform((types) => [...new Set(types)]),
});
export type TUpdateSecondTier = z.infer<typeof ZUpdateSecondTier>;

/** A verifier made validator of an institution in a cycle. */
export const ZAssignValidator = fromFormData(z.object({ cycleId: z.uuid(), validatorId: z.uuid(), institutionId: z.uuid() }));
export type TAssignValidator = z.infer<typeof ZAssignValidator>;
