"use server";

import { AuthError } from "next-auth";
import { ZSignIn } from "@/lib/schemas/auth";
import { signIn } from "@/lib/server/auth/config";

export interface SignInState {
  error?: "invalid" | "invalidInput" | "unavailable";
  email?: string;
}

/** Parses the form, then lets the credentials provider decide; the message never says which part was wrong. */
export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = ZSignIn.safeParse({ email: formData.get("email"), password: formData.get("password") });
  if (!parsed.success) return { error: "invalidInput", email: String(formData.get("email") ?? "") };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: "/" });
  } catch (error) {
    if (error instanceof AuthError) {
      return { error: error.type === "CredentialsSignin" ? "invalid" : "unavailable", email: parsed.data.email };
    }
    throw error; // the redirect after a successful sign-in travels as an exception
  }
  return {};
}
