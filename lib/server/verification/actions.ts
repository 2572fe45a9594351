"use server";

import { revalidatePath } from "next/cache";
import { ZCycleId } from "@/lib/schemas/cycles";
import { ZApproveAssessment, ZAssessmentRef, ZReturnForRevision } from "@/lib/schemas/verification";
import { authorizedActionClient } from "@/lib/server/action-client/client";
import { ZCreateRecommendation } from "@/lib/schemas/recommendations";
import { createRecommendation } from "@/lib/server/verification/recommendations";
import { approveAssessment, finaliseCycle, returnForRevision, startReview } from "@/lib/server/verification/review";

export const startReviewAction = authorizedActionClient
  .metadata({ action: "verification.start", policy: "verification.review" })
  .inputSchema(ZAssessmentRef)
  .action(async ({ parsedInput, ctx }) => {
    const result = await startReview(ctx.actor, parsedInput.assessmentId);
    revalidatePath(`/assessments/${parsedInput.assessmentId}/review`);
    return result;
  });

export const returnForRevisionAction = authorizedActionClient
  .metadata({ action: "verification.return", policy: "verification.decide" })
  .inputSchema(ZReturnForRevision)
  .action(async ({ parsedInput, ctx }) => {
    const result = await returnForRevision(ctx.actor, parsedInput);
    revalidatePath(`/assessments/${parsedInput.assessmentId}`);
    return result;
  });

export const approveAction = authorizedActionClient
  .metadata({ action: "verification.approve", policy: "verification.decide" })
  .inputSchema(ZApproveAssessment)
  .action(async ({ parsedInput, ctx }) => {
    const result = await approveAssessment(ctx.actor, parsedInput.assessmentId, { confirmOpenQuestions: parsedInput.confirmOpenQuestions });
    revalidatePath(`/assessments/${parsedInput.assessmentId}`);
    return result;
  });

export const createRecommendationAction = authorizedActionClient
  .metadata({ action: "recommendation.create", policy: "recommendation.write" })
  .inputSchema(ZCreateRecommendation)
  .action(async ({ parsedInput, ctx }) => {
    const created = await createRecommendation(ctx.actor, parsedInput);
    revalidatePath(`/assessments/${parsedInput.assessmentId}`);
    return created;
  });

/** Finalising ends the verification of a whole cycle (the FINALISE transition of every verified locus). */
export const finaliseCycleAction = authorizedActionClient
  .metadata({ action: "cycle.finalise", policy: "cycle.finalise" })
  .inputSchema(ZCycleId)
  .action(async ({ parsedInput, ctx }) => {
    const result = await finaliseCycle(ctx.actor, parsedInput.cycleId);
    revalidatePath("/admin/cycles", "layout");
    return result;
  });
