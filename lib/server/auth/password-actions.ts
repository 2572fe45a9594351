"use server";

import { ZChangePassword } from "@/lib/schemas/users";
import { authorizedActionClient } from "@/lib/server/action-client/client";
import { changeOwnPassword } from "@/lib/server/users/users";

export const changePasswordAction = authorizedActionClient
  .metadata({ action: "account.changePassword", policy: "account.changePassword" })
  .inputSchema(ZChangePassword)
  .action(async ({ parsedInput, ctx }) => {
    await changeOwnPassword(ctx.actor, parsedInput.currentPassword, parsedInput.newPassword);
    return { changed: true };
  });
