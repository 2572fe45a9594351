"use server";

import { revalidatePath } from "next/cache";
import { ZCreateApiToken, ZRevokeApiToken } from "@/lib/schemas/api";
import { fromFormData } from "@/lib/schemas/form-data";
import { authorizedActionClient } from "@/lib/server/action-client/client";
import { createApiToken, revokeApiToken } from "./tokens";

const ACCOUNT_PAGE = "/account/password";

/** Makes a personal access token of the read API; the answer holds the token, shown this once. */
export const createApiTokenAction = authorizedActionClient
  .metadata({ action: "apiTokens.create", policy: "apiTokens.manage" })
  .inputSchema(ZCreateApiToken)
  .action(async ({ parsedInput, ctx }) => {
    const created = await createApiToken(ctx.actor, parsedInput);
    revalidatePath(ACCOUNT_PAGE);
    return { id: created.id, name: created.name, token: created.token };
  });

export const revokeApiTokenAction = authorizedActionClient
  .metadata({ action: "apiTokens.revoke", policy: "apiTokens.manage" })
  .inputSchema(fromFormData(ZRevokeApiToken))
  .action(async ({ parsedInput, ctx }) => {
    await revokeApiToken(ctx.actor, parsedInput.tokenId);
    revalidatePath(ACCOUNT_PAGE);
    return { revoked: true };
  });
