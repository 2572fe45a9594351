"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/locales";
import { fromFormData } from "@/lib/schemas/form-data";
import { publicActionClient } from "@/lib/server/action-client/client";

/** Anyone, signed in or not, may choose the language of the pages they read. */
export const setLocaleAction = publicActionClient
  .metadata({ action: "locale.set", policy: "locale.set" })
  .inputSchema(fromFormData(z.object({ locale: z.enum(LOCALES) })))
  .action(async ({ parsedInput }) => {
    (await cookies()).set(LOCALE_COOKIE, parsedInput.locale, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365, httpOnly: true });
    revalidatePath("/", "layout");
  });
