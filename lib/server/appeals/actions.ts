"use server";

import { revalidatePath } from "next/cache";
import { ZAssignAppealReviewer, ZDecideAppeal } from "@/lib/schemas/appeals";
import { authorizedActionClient } from "@/lib/server/action-client/client";
import { assignAppealReviewer, decideAppeal } from "./appeals";

/** The admin chooses an appeal's reviewer (filing goes through POST /api/assessments/[id]/appeals, with its evidence). */
export const assignAppealReviewerAction = authorizedActionClient
  .metadata({ action: "appeal.assign", policy: "appeal.assign" })
  .inputSchema(ZAssignAppealReviewer)
  .action(async ({ parsedInput, ctx }) => {
    const result = await assignAppealReviewer(ctx.actor, parsedInput);
    revalidatePath("/admin/cycles", "layout");
    return result;
  });

/** The assigned reviewer accepts (with the new level and a note) or rejects (with a reason). */
export const decideAppealAction = authorizedActionClient
  .metadata({ action: "appeal.decide", policy: "appeal.decide" })
  .inputSchema(ZDecideAppeal)
  .action(async ({ parsedInput, ctx }) => {
    const result = await decideAppeal(ctx.actor, parsedInput);
    revalidatePath("/appeals");
    return result;
  });
