"use server";

import { revalidatePath } from "next/cache";
import { ZSendBack, ZValidateAssessment } from "@/lib/schemas/validation";
import { authorizedActionClient } from "@/lib/server/action-client/client";
import { sendBackAssessment, validateAssessment } from "./second-tier";

/** The ministry's validator accepts a first-tier approval (second tier, docs/domain.md §3.9). */
export const validateAssessmentAction = authorizedActionClient
  .metadata({ action: "validation.validate", policy: "validation.decide" })
  .inputSchema(ZValidateAssessment)
  .action(async ({ parsedInput, ctx }) => {
    const result = await validateAssessment(ctx.actor, parsedInput.assessmentId);
    revalidatePath("/validation");
    return result;
  });

/** The validator sends a locus back to the first tier with reasons. */
export const sendBackAssessmentAction = authorizedActionClient
  .metadata({ action: "validation.sendBack", policy: "validation.decide" })
  .inputSchema(ZSendBack)
  .action(async ({ parsedInput, ctx }) => {
    const result = await sendBackAssessment(ctx.actor, parsedInput);
    revalidatePath("/validation");
    return result;
  });
