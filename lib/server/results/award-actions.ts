"use server";

import { revalidatePath } from "next/cache";
import { ZResetAwardRules, ZSaveAwardRules } from "@/lib/schemas/award-rules-admin";
import { authorizedActionClient } from "@/lib/server/action-client/client";
import { resetAwardRules, saveAwardRules } from "@/lib/server/results/award-rules";

export const saveAwardRulesAction = authorizedActionClient
  .metadata({ action: "awards.rules.update", policy: "awards.manage" })
  .inputSchema(ZSaveAwardRules)
  .action(async ({ parsedInput, ctx }) => {
    const result = await saveAwardRules(ctx.actor, parsedInput);
    revalidatePath("/admin/awards");
    return result;
  });

export const resetAwardRulesAction = authorizedActionClient
  .metadata({ action: "awards.rules.reset", policy: "awards.manage" })
  .inputSchema(ZResetAwardRules)
  .action(async ({ parsedInput, ctx }) => {
    const result = await resetAwardRules(ctx.actor, parsedInput);
    revalidatePath("/admin/awards");
    return result;
  });
