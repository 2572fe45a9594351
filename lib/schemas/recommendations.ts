import { z } from "zod";
import { text } from "./text";

/** A recommendation on one aspect or one indicator of a locus, with a target date. */
export const ZCreateRecommendation = z.object({
  assessmentId: z.uuid(),
  target: z.string().regex(/^(aspect|indicator):[\w.]{1,40}$/, { error: "recommendations.targetRequired" }),
  text: text().trim().min(10, { error: "recommendations.textTooShort" }).max(4_000, { error: "validation.tooLong" }),
  targetDate: z.iso.date({ error: "validation.dateInvalid" }),
});
export type TCreateRecommendation = z.infer<typeof ZCreateRecommendation>;
