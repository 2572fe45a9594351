"use server";

import { revalidatePath } from "next/cache";
import { ZCreateCycle, ZCycleArchive, ZCycleId, ZCyclePublication, ZCycleStages, ZCycleStatusChange, ZUpdateCycleSettings } from "@/lib/schemas/cycles";
import { authorizedActionClient } from "@/lib/server/action-client/client";
import { addMissingLoci, createCycle, updateCycleSettings, updateCycleStages } from "@/lib/server/cycle/setup";
import { archiveCycle, changeCycleStatus, setCyclePublication } from "@/lib/server/cycle/status";

export const createCycleAction = authorizedActionClient
  .metadata({ action: "cycle.create", policy: "cycles.manage" })
  .inputSchema(ZCreateCycle)
  .action(async ({ parsedInput, ctx }) => {
    const created = await createCycle(ctx.actor, parsedInput);
    revalidatePath("/admin/cycles");
    return created;
  });

export const updateCycleStagesAction = authorizedActionClient
  .metadata({ action: "cycle.stages", policy: "cycles.manage" })
  .inputSchema(ZCycleStages)
  .action(async ({ parsedInput, ctx }) => {
    const outcome = await updateCycleStages(ctx.actor, parsedInput);
    if (outcome.saved) revalidatePath("/admin/cycles", "layout");
    return outcome;
  });

export const updateCycleSettingsAction = authorizedActionClient
  .metadata({ action: "cycle.settings", policy: "cycles.manage" })
  .inputSchema(ZUpdateCycleSettings)
  .action(async ({ parsedInput, ctx }) => {
    const outcome = await updateCycleSettings(ctx.actor, parsedInput);
    revalidatePath("/admin/cycles", "layout");
    return outcome;
  });

export const addMissingLociAction = authorizedActionClient
  .metadata({ action: "cycle.addLoci", policy: "cycles.manage" })
  .inputSchema(ZCycleId)
  .action(async ({ parsedInput, ctx }) => {
    const outcome = await addMissingLoci(ctx.actor, parsedInput.cycleId);
    revalidatePath("/admin/cycles", "layout");
    return outcome;
  });

export const changeCycleStatusAction = authorizedActionClient
  .metadata({ action: "cycle.status", policy: "cycles.manage" })
  .inputSchema(ZCycleStatusChange)
  .action(async ({ parsedInput, ctx }) => {
    const outcome = await changeCycleStatus(ctx.actor, parsedInput);
    revalidatePath("/", "layout");
    return outcome;
  });

export const setCyclePublicationAction = authorizedActionClient
  .metadata({ action: "cycle.publication", policy: "cycle.publish" })
  .inputSchema(ZCyclePublication)
  .action(async ({ parsedInput, ctx }) => {
    const outcome = await setCyclePublication(ctx.actor, parsedInput);
    // The public results pages read the publication: every cached page may change.
    revalidatePath("/", "layout");
    return outcome;
  });

export const archiveCycleAction = authorizedActionClient
  .metadata({ action: "cycle.archive", policy: "cycles.manage" })
  .inputSchema(ZCycleArchive)
  .action(async ({ parsedInput, ctx }) => {
    const outcome = await archiveCycle(ctx.actor, parsedInput);
    revalidatePath("/", "layout");
    return outcome;
  });
