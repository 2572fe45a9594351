"use server";

import { revalidatePath } from "next/cache";
import { ZReopenAssessment, ZSubmitSelfAssessment } from "@/lib/schemas/self-assessment";
import { authorizedActionClient } from "@/lib/server/action-client/client";
import { reopenAssessment, submitSelfAssessment } from "@/lib/server/assessment/self-assessment";

export const submitSelfAssessmentAction = authorizedActionClient
  .metadata({ action: "selfAssessment.submit", policy: "selfAssessment.submit" })
  .inputSchema(ZSubmitSelfAssessment)
  .action(async ({ parsedInput, ctx }) => {
    const result = await submitSelfAssessment(ctx.actor, parsedInput.assessmentId);
    if (result.submitted) {
      revalidatePath(`/assessments/${parsedInput.assessmentId}`);
      revalidatePath("/loci");
    }
    return result;
  });

export const reopenAssessmentAction = authorizedActionClient
  .metadata({ action: "assessment.reopen", policy: "assessment.reopen" })
  .inputSchema(ZReopenAssessment)
  .action(async ({ parsedInput, ctx }) => {
    const result = await reopenAssessment(ctx.actor, parsedInput.assessmentId, parsedInput.until);
    revalidatePath(`/assessments/${parsedInput.assessmentId}`);
    return result;
  });
