import { z } from "zod";
import { FOLLOW_UP_STATUSES } from "@/lib/domain/follow-up/rules";
import { ZEvidenceRef } from "./ids";
import { text } from "./text";

const description = text({ error: "followUp.descriptionTooShort" })
  .trim()
  .min(10, { error: "followUp.descriptionTooShort" })
  .max(4_000, { error: "validation.tooLong" });
const actionDate = z.iso.date({ error: "validation.dateInvalid" });
const status = z.enum(FOLLOW_UP_STATUSES, { error: "followUp.statusRequired" });

/** A follow-up action the evaluator records on a recommendation of its own loci. */
export const ZCreateFollowUp = z.object({ recommendationId: z.uuid(), description, actionDate, status });
export type TCreateFollowUp = z.infer<typeof ZCreateFollowUp>;

/** A change of a follow-up action, based on the version the evaluator saw (a stale one is refused). */
export const ZUpdateFollowUp = z.object({ followUpId: z.uuid(), description, actionDate, status, baseVersion: z.int().min(1) });
export type TUpdateFollowUp = z.infer<typeof ZUpdateFollowUp>;

/** The verifier's decision on a follow-up action: accept, or ask for more with a reason. */
export const ZReviewFollowUp = z
  .object({
    followUpId: z.uuid(),
    decision: z.enum(["ACCEPT", "REQUEST_MORE"]),
    note: text().trim().max(2_000, { error: "validation.tooLong" }),
    baseVersion: z.int().min(1),
  })
  .refine((input) => input.decision === "ACCEPT" || input.note.length >= 5, { error: "followUp.reasonRequired", path: ["note"] });
export type TReviewFollowUp = z.infer<typeof ZReviewFollowUp>;

export const ZRemoveFollowUpEvidence = ZEvidenceRef;

export const FOLLOW_UP_SHOW = ["all", "open", "overdue", "pending"] as const;

/** Filters of a list of recommendations, from the URL; a malformed filter is ignored, not an error. */
export const ZFollowUpListFilter = z.object({
  cycle: z.uuid().optional().catch(undefined),
  show: z.enum(FOLLOW_UP_SHOW).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type TFollowUpListFilter = z.infer<typeof ZFollowUpListFilter>;

/** The open-recommendations export: a cycle (default: the one the monitoring page shows) and a format. */
export const ZOpenRecommendationsExport = z.object({
  cycle: z.uuid().optional().catch(undefined),
  format: z.enum(["xlsx", "csv"]).catch("xlsx"),
});
