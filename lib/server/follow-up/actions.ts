"use server";

import { revalidatePath } from "next/cache";
import { ZCreateFollowUp, ZRemoveFollowUpEvidence, ZReviewFollowUp, ZUpdateFollowUp } from "@/lib/schemas/follow-up";
import { authorizedActionClient } from "@/lib/server/action-client/client";
import { createFollowUp, reviewFollowUp, updateFollowUp } from "@/lib/server/follow-up/follow-ups";
import { removeFollowUpEvidence } from "@/lib/server/follow-up/evidence";

const detailPath = (recommendationId: string) => `/follow-up/recommendations/${recommendationId}`;

/** The evaluator records a follow-up action on a recommendation of its own loci. */
export const createFollowUpAction = authorizedActionClient
  .metadata({ action: "followUp.create", policy: "followUp.report" })
  .inputSchema(ZCreateFollowUp)
  .action(async ({ parsedInput, ctx }) => {
    const created = await createFollowUp(ctx.actor, parsedInput);
    revalidatePath(detailPath(parsedInput.recommendationId));
    return created;
  });

/** The evaluator changes a follow-up action, on the version it saw. */
export const updateFollowUpAction = authorizedActionClient
  .metadata({ action: "followUp.update", policy: "followUp.report" })
  .inputSchema(ZUpdateFollowUp)
  .action(async ({ parsedInput, ctx }) => {
    const updated = await updateFollowUp(ctx.actor, parsedInput);
    revalidatePath(detailPath(updated.recommendationId));
    return updated;
  });

/** The verifier accepts a follow-up action or asks for more with a reason. */
export const reviewFollowUpAction = authorizedActionClient
  .metadata({ action: "followUp.review", policy: "followUp.review" })
  .inputSchema(ZReviewFollowUp)
  .action(async ({ parsedInput, ctx }) => {
    const reviewed = await reviewFollowUp(ctx.actor, parsedInput);
    revalidatePath(detailPath(reviewed.recommendationId));
    return { review: reviewed.review, version: reviewed.version, recommendationClosed: reviewed.recommendationClosed };
  });

/** Removes one evidence item of a follow-up action (recorded as removed, never erased; audited). */
export const removeFollowUpEvidenceAction = authorizedActionClient
  .metadata({ action: "followUp.evidenceRemove", policy: "followUp.report" })
  .inputSchema(ZRemoveFollowUpEvidence)
  .action(async ({ parsedInput, ctx }) => {
    const removed = await removeFollowUpEvidence(ctx.actor, parsedInput.evidenceId);
    revalidatePath(detailPath(removed.recommendationId));
    return { evidenceId: removed.id };
  });
