"use server";

import { revalidatePath } from "next/cache";
import { ZCopyInstrumentVersion, ZSaveInstrumentVersion } from "@/lib/schemas/instruments";
import { authorizedActionClient } from "@/lib/server/action-client/client";
import { copyInstrumentVersion, saveInstrumentVersion } from "@/lib/server/instrument/versions";

export const copyInstrumentVersionAction = authorizedActionClient
  .metadata({ action: "instrumentVersion.copy", policy: "instruments.manage" })
  .inputSchema(ZCopyInstrumentVersion)
  .action(async ({ parsedInput, ctx }) => {
    const created = await copyInstrumentVersion(ctx.actor, parsedInput);
    revalidatePath("/admin/instruments");
    return created;
  });

export const saveInstrumentVersionAction = authorizedActionClient
  .metadata({ action: "instrumentVersion.save", policy: "instruments.manage" })
  .inputSchema(ZSaveInstrumentVersion)
  .action(async ({ parsedInput, ctx }) => {
    const outcome = await saveInstrumentVersion(ctx.actor, parsedInput);
    if (outcome.saved) revalidatePath("/admin/instruments", "layout");
    return outcome;
  });
