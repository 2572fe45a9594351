"use server";

import { revalidatePath } from "next/cache";
import { ZAssignValidator, ZSendBack, ZUpdateSecondTier, ZValidateAssessment } from "@/lib/schemas/validation";
import { authorizedActionClient } from "@/lib/server/action-client/client";
import { assignValidator, sendBackAssessment, updateSecondTier, validateAssessment } from "./second-tier";

/** The ministry's validator accepts a first-tier approval (second tier, docs/domain.md §3.10). */
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

/** The admin's second-tier setting of a cycle. */
export const updateSecondTierAction = authorizedActionClient
  .metadata({ action: "cycle.secondTier", policy: "cycles.manage" })
  .inputSchema(ZUpdateSecondTier)
  .action(async ({ parsedInput, ctx }) => {
    const result = await updateSecondTier(ctx.actor, parsedInput);
    revalidatePath("/admin/cycles", "layout");
    return result;
  });

/** The admin makes a verifier a validator of an institution in a cycle. */
export const assignValidatorAction = authorizedActionClient
  .metadata({ action: "validator.assign", policy: "assignments.manage" })
  .inputSchema(ZAssignValidator)
  .action(async ({ parsedInput, ctx }) => {
    const result = await assignValidator(ctx.actor, parsedInput);
    revalidatePath("/admin/cycles", "layout");
    return result;
  });
