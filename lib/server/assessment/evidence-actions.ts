"use server";

import { revalidatePath } from "next/cache";
import { ZEvidenceRef } from "@/lib/schemas/ids";
import { authorizedActionClient } from "@/lib/server/action-client/client";
import { removeEvidence } from "@/lib/server/assessment/evidence";

/** Removes one evidence item (recorded as removed, never erased; audited). */
export const removeEvidenceAction = authorizedActionClient
  .metadata({ action: "evidence.remove", policy: "selfAssessment.edit" })
  .inputSchema(ZEvidenceRef)
  .action(async ({ parsedInput, ctx }) => {
    const removed = await removeEvidence(ctx.actor, parsedInput.evidenceId);
    revalidatePath(`/assessments/${removed.assessmentId}`);
    return { evidenceId: removed.id };
  });
