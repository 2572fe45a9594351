"use server";

import { revalidatePath } from "next/cache";
import { ZCreateUser, ZUpdateUser, ZUserId, ZVerifierAssignments } from "@/lib/schemas/users";
import { authorizedActionClient } from "@/lib/server/action-client/client";
import { createUser, issueTemporaryPassword, setVerifierAssignments, updateUser } from "@/lib/server/users/users";

export const createUserAction = authorizedActionClient
  .metadata({ action: "users.create", policy: "users.manage" })
  .inputSchema(ZCreateUser)
  .action(async ({ parsedInput, ctx }) => {
    const { user, temporaryPassword } = await createUser(ctx.actor, parsedInput);
    revalidatePath("/admin/users");
    return { userId: user.id, temporaryPassword };
  });

export const updateUserAction = authorizedActionClient
  .metadata({ action: "users.update", policy: "users.manage" })
  .inputSchema(ZUpdateUser)
  .action(async ({ parsedInput, ctx }) => {
    const user = await updateUser(ctx.actor, parsedInput);
    revalidatePath("/admin/users");
    return { updatedAt: user.updatedAt.toISOString() };
  });

export const issueTemporaryPasswordAction = authorizedActionClient
  .metadata({ action: "users.temporaryPassword", policy: "users.manage" })
  .inputSchema(ZUserId)
  .action(async ({ parsedInput, ctx }) => issueTemporaryPassword(ctx.actor, parsedInput.userId));

export const setVerifierAssignmentsAction = authorizedActionClient
  .metadata({ action: "users.assignments", policy: "users.manage" })
  .inputSchema(ZVerifierAssignments)
  .action(async ({ parsedInput, ctx }) => {
    const result = await setVerifierAssignments(ctx.actor, parsedInput);
    revalidatePath(`/admin/users/${parsedInput.userId}`);
    return result;
  });
