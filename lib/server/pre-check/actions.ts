"use server";

import { revalidatePath } from "next/cache";
import { ZUpdatePreCheckRules } from "@/lib/schemas/pre-check";
import { authorizedActionClient } from "@/lib/server/action-client/client";
import { updatePreCheckRules } from "./settings";

/** The admin switches evidence pre-check rules on or off for a cycle (docs/domain.md §8.1). */
export const updatePreCheckRulesAction = authorizedActionClient
  .metadata({ action: "cycle.preCheckRules", policy: "cycles.manage" })
  .inputSchema(ZUpdatePreCheckRules)
  .action(async ({ parsedInput, ctx }) => {
    const result = await updatePreCheckRules(ctx.actor, parsedInput);
    revalidatePath("/admin/cycles", "layout");
    return result;
  });
