import { z } from "zod";
import { ZIndicatorCode, ZLevel } from "@/lib/domain/instrument/fields";
import { INSTITUTION_TYPES, SERVICE_TYPES } from "@/lib/domain/registry/fields";
import { ASSESSMENT_STATUSES } from "@/lib/domain/workflow";
import { ZFlag } from "./conversation";
import { fromFormData } from "./form-data";
import { searchText, text } from "./text";

/** Filters of the verifier's queue, from the URL; a malformed filter is ignored, not an error. */
/** The queue's views besides a single status (see ZQueueFilter.status). */
export const QUEUE_VIEWS = ["TODO", "ALL"] as const;
/** What a verifier still has to do: the statuses of the TODO view. */
export const QUEUE_TODO_STATUSES = ["SUBMITTED", "IN_REVIEW"] as const;

export const ZQueueFilter = z.object({
  /**
   * One status, or a view: TODO (submitted or in review: the work to do, the default without a
   * search) or ALL. Absent: TODO, unless the verifier searches (a search looks in every status).
   */
  status: z
    .enum([...ASSESSMENT_STATUSES, ...QUEUE_VIEWS])
    .optional()
    .catch(undefined),
  type: z.enum(INSTITUTION_TYPES).optional().catch(undefined),
  province: z.uuid().optional().catch(undefined),
  service: z.enum(SERVICE_TYPES).optional().catch(undefined),
  q: searchText(100).catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  /** The cycle shown (issue 16: the cycle switcher); absent or not the verifier's: its most relevant cycle. */
  cycle: z.uuid().optional().catch(undefined),
});
export type TQueueFilter = z.infer<typeof ZQueueFilter>;

/** One autosaved verified answer: the verified level (null clears it) and the verifier's note. */
export const ZSaveVerifiedAnswer = z.object({
  indicatorCode: ZIndicatorCode,
  level: ZLevel.nullable(),
  note: text().max(5_000, { error: "validation.justificationTooLong" }),
  baseVersion: z.int().min(0),
});
export type TSaveVerifiedAnswer = z.infer<typeof ZSaveVerifiedAnswer>;

export const ZAssessmentRef = fromFormData(z.object({ assessmentId: z.uuid() }));

/**
 * The verifier's approval. While questions of the locus's conversation are open, the approval
 * must say so with `confirmOpenQuestions: true` (docs/domain.md §3.8); otherwise it is refused.
 */
export const ZApproveAssessment = fromFormData(z.object({ assessmentId: z.uuid(), confirmOpenQuestions: ZFlag }));
export type TApproveAssessment = z.infer<typeof ZApproveAssessment>;

export const ZReturnForRevision = z.object({
  assessmentId: z.uuid(),
  summary: text().trim().max(2_000, { error: "validation.tooLong" }),
  reasons: z
    .array(z.object({ indicatorCode: ZIndicatorCode, reason: text().trim().min(3, { error: "verification.reasonTooShort" }).max(2_000) }))
    .min(1, { error: "verification.reasonRequired" })
    .max(100),
});
export type TReturnForRevision = z.infer<typeof ZReturnForRevision>;
