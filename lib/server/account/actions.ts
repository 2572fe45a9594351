"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { ZSignIn } from "@/lib/schemas/auth";
import { fromFormData } from "@/lib/schemas/form-data";
import { ZChangePassword } from "@/lib/schemas/users";
import { authorizedActionClient, publicActionClient } from "@/lib/server/action-client/client";
import { signIn, signOut } from "@/lib/server/auth/config";
import { oidcSettings } from "@/lib/server/auth/oidc";
import { endUserSession } from "@/lib/server/auth/sessions";
import { changeOwnPassword, endOwnSessions } from "@/lib/server/users/users";

export type SignInOutcome = { error: "invalid" } | { error: "throttled"; minutes: number } | { error: "unavailable" };

/** Parses the form, then lets the credentials provider decide; the message never says which part was wrong. */
export const signInAction = publicActionClient
  .metadata({ action: "auth.signIn", policy: "auth.signIn" })
  .inputSchema(ZSignIn)
  .action(async ({ parsedInput }): Promise<SignInOutcome | undefined> => {
    try {
      await signIn("credentials", { ...parsedInput, redirectTo: "/" });
    } catch (error) {
      if (error instanceof CredentialsSignin && error.code.startsWith("throttled:")) {
        return { error: "throttled", minutes: Number(error.code.split(":")[1]) || 1 };
      }
      if (error instanceof AuthError) return { error: error.type === "CredentialsSignin" ? "invalid" : "unavailable" };
      throw error; // the redirect after a successful sign-in travels as an exception
    }
  });

/** Starts the OpenID Connect sign-in; refused when the provider is not configured. */
export const signInWithOidcAction = publicActionClient
  .metadata({ action: "auth.signInOidc", policy: "auth.signIn" })
  .inputSchema(z.object({}).optional())
  .action(async () => {
    if (!oidcSettings()) return { error: "unavailable" as const };
    await signIn("oidc", { redirectTo: "/" });
  });

/** Ends this session server-side (audited), so a copy of its cookie stops working too; then clears the cookie. */
export const signOutAction = authorizedActionClient
  .metadata({ action: "auth.signOut", policy: "auth.signOut" })
  .inputSchema(fromFormData(z.object({})))
  .action(async ({ ctx }) => {
    await endUserSession(ctx.actor, ctx.actor.sessionId);
    await signOut({ redirectTo: "/login" });
  });

export const changePasswordAction = authorizedActionClient
  .metadata({ action: "account.changePassword", policy: "account.changePassword" })
  .inputSchema(ZChangePassword)
  .action(async ({ parsedInput, ctx }) => {
    await changeOwnPassword(ctx.actor, parsedInput.currentPassword, parsedInput.newPassword);
    return { changed: true };
  });

export const endAllSessionsAction = authorizedActionClient
  .metadata({ action: "account.endSessions", policy: "account.endSessions" })
  .inputSchema(fromFormData(z.object({})))
  .action(async ({ ctx }) => {
    await endOwnSessions(ctx.actor);
    await signOut({ redirectTo: "/login" });
  });
