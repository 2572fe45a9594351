"use server";

import { revalidatePath } from "next/cache";
import { ZFinaliseCycle } from "@/lib/schemas/verification";
import { authorizedActionClient } from "@/lib/server/actions/client";
import { finaliseCycle } from "@/lib/server/data/verification";

export const finaliseCycleAction = authorizedActionClient
  .metadata({ action: "cycle.finalise", policy: "cycle.finalise" })
  .inputSchema(ZFinaliseCycle)
  .action(async ({ parsedInput, ctx }) => {
    const result = await finaliseCycle(ctx.actor, parsedInput.cycleId);
    revalidatePath("/admin/cycles");
    return result;
  });
