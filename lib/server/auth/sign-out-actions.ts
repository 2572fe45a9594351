"use server";

import { z } from "zod";
import { fromFormData } from "@/lib/schemas/form-data";
import { authorizedActionClient } from "@/lib/server/action-client/client";
import { signOut } from "@/lib/server/auth/config";

export const signOutAction = authorizedActionClient
  .metadata({ action: "auth.signOut", policy: "auth.signOut" })
  .inputSchema(fromFormData(z.object({})))
  .action(async () => {
    await signOut({ redirectTo: "/login" });
  });
