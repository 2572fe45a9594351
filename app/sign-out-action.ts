"use server";

import { signOut } from "@/lib/server/auth/config";

export async function signOutAction() {
  await signOut({ redirectTo: "/login" });
}
