"use server";

import { z } from "zod";
import { fromFormData } from "@/lib/schemas/form-data";
import { authorizedActionClient } from "@/lib/server/action-client/client";
import { signOut } from "@/lib/server/auth/config";
import { endOwnSessions } from "@/lib/server/users/users";

export const endAllSessionsAction = authorizedActionClient
  .metadata({ action: "account.endSessions", policy: "account.endSessions" })
  .inputSchema(fromFormData(z.object({})))
  .action(async ({ ctx }) => {
    await endOwnSessions(ctx.actor);
    await signOut({ redirectTo: "/login" });
  });
