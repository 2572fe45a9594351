"use server";

import { revalidatePath } from "next/cache";
import { ZAssignInstitutions, ZBulkAssign, ZUnassign } from "@/lib/schemas/assignments";
import { authorizedActionClient } from "@/lib/server/action-client/client";
import { assignByFilter, assignInstitutions, unassignInstitution } from "@/lib/server/users/assignments";

export const assignInstitutionsAction = authorizedActionClient
  .metadata({ action: "assignments.assign", policy: "assignments.manage" })
  .inputSchema(ZAssignInstitutions)
  .action(async ({ parsedInput, ctx }) => {
    const result = await assignInstitutions(ctx.actor, parsedInput);
    revalidatePath("/admin/assignments");
    return result;
  });

export const bulkAssignAction = authorizedActionClient
  .metadata({ action: "assignments.bulk", policy: "assignments.manage" })
  .inputSchema(ZBulkAssign)
  .action(async ({ parsedInput, ctx }) => {
    const result = await assignByFilter(ctx.actor, parsedInput);
    revalidatePath("/admin/assignments");
    return result;
  });

export const unassignAction = authorizedActionClient
  .metadata({ action: "assignments.remove", policy: "assignments.manage" })
  .inputSchema(ZUnassign)
  .action(async ({ parsedInput, ctx }) => {
    const result = await unassignInstitution(ctx.actor, parsedInput);
    revalidatePath("/admin/assignments");
    return result;
  });
