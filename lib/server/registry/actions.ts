"use server";

import { revalidatePath } from "next/cache";
import { ZCreateInstitution, ZCreateLocus, ZUpdateInstitution, ZUpdateLocus } from "@/lib/schemas/registry";
import { authorizedActionClient } from "@/lib/server/action-client/client";
import { createInstitution, createLocus, updateInstitution, updateLocus } from "@/lib/server/registry/institutions";

export const createInstitutionAction = authorizedActionClient
  .metadata({ action: "registry.createInstitution", policy: "registry.manage" })
  .inputSchema(ZCreateInstitution)
  .action(async ({ parsedInput, ctx }) => {
    const { id } = await createInstitution(ctx.actor, parsedInput);
    revalidatePath("/admin/institutions");
    return { institutionId: id };
  });

export const updateInstitutionAction = authorizedActionClient
  .metadata({ action: "registry.updateInstitution", policy: "registry.manage" })
  .inputSchema(ZUpdateInstitution)
  .action(async ({ parsedInput, ctx }) => {
    const { updatedAt } = await updateInstitution(ctx.actor, parsedInput);
    revalidatePath("/admin/institutions");
    return { updatedAt: updatedAt.toISOString() };
  });

export const createLocusAction = authorizedActionClient
  .metadata({ action: "registry.createLocus", policy: "registry.manage" })
  .inputSchema(ZCreateLocus)
  .action(async ({ parsedInput, ctx }) => {
    const { id } = await createLocus(ctx.actor, parsedInput);
    revalidatePath(`/admin/institutions/${parsedInput.institutionId}`);
    return { locusId: id };
  });

export const updateLocusAction = authorizedActionClient
  .metadata({ action: "registry.updateLocus", policy: "registry.manage" })
  .inputSchema(ZUpdateLocus)
  .action(async ({ parsedInput, ctx }) => {
    const { updatedAt } = await updateLocus(ctx.actor, parsedInput);
    revalidatePath("/admin/institutions", "layout");
    return { updatedAt: updatedAt.toISOString() };
  });
