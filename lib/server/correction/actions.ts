"use server";

import { revalidatePath } from "next/cache";
import { ZCorrectionLevel, ZCorrectionRef } from "@/lib/schemas/correction";
import { authorizedActionClient } from "@/lib/server/action-client/client";
import { publishCorrection, saveCorrectionLevel } from "./correction";

export const saveCorrectionLevelAction = authorizedActionClient
  .metadata({ action: "correction.level", policy: "correction.manage" })
  .inputSchema(ZCorrectionLevel)
  .action(async ({ parsedInput, ctx }) => {
    const outcome = await saveCorrectionLevel(ctx.actor, parsedInput);
    revalidatePath(`/admin/corrections/${parsedInput.assessmentId}`);
    return outcome;
  });

export const publishCorrectionAction = authorizedActionClient
  .metadata({ action: "correction.publish", policy: "correction.manage" })
  .inputSchema(ZCorrectionRef)
  .action(async ({ parsedInput, ctx }) => {
    const outcome = await publishCorrection(ctx.actor, parsedInput.assessmentId);
    // Published listings, dashboards and exports read the new current version.
    revalidatePath("/", "layout");
    return outcome;
  });
