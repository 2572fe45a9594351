import { z } from "zod";
import { ZIndicatorCode, ZLevel } from "@/lib/domain/instrument/fields";
import { ZFlag } from "./conversation";
import { fromFormData } from "./form-data";
import { text } from "./text";

/** The unit's appeal (sanggah) of one verified level: the indicator and the argument (docs/domain.md §3.11). */
export const ZFileAppeal = z.object({
  assessmentId: z.uuid(),
  indicatorCode: ZIndicatorCode,
  argument: text().trim().min(1, { error: "appeals.argumentRequired" }).max(5_000, { error: "validation.tooLong" }),
});
export type TFileAppeal = z.infer<typeof ZFileAppeal>;

/**
 * The admin's choice of reviewer. By default a different verifier than the one who scored the
 * indicator; the scorer only with `allowScorer` (said explicitly).
 */
export const ZAssignAppealReviewer = fromFormData(z.object({ appealId: z.uuid(), reviewerId: z.uuid(), allowScorer: ZFlag }));
export type TAssignAppealReviewer = z.infer<typeof ZAssignAppealReviewer>;

/** The reviewer's decision: accept with the new verified level and a note, or reject with a reason. */
export const ZDecideAppeal = fromFormData(
  z.discriminatedUnion("decision", [
    z.object({
      appealId: z.uuid(),
      decision: z.literal("ACCEPT"),
      level: z.coerce.number().pipe(ZLevel),
      note: text().trim().min(1, { error: "appeals.noteRequired" }).max(5_000, { error: "validation.tooLong" }),
    }),
    z.object({
      appealId: z.uuid(),
      decision: z.literal("REJECT"),
      note: text().trim().min(1, { error: "appeals.reasonRequired" }).max(5_000, { error: "validation.tooLong" }),
    }),
  ]),
);
export type TDecideAppeal = z.infer<typeof ZDecideAppeal>;
