"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/locales";

const ZSetLocale = z.object({ locale: z.enum(LOCALES) });

/** Anyone, signed in or not, may choose the language of the pages they read. */
export async function setLocaleAction(formData: FormData) {
  const parsed = ZSetLocale.safeParse({ locale: formData.get("locale") });
  if (!parsed.success) return;
  (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, { path: "/", sameSite: "lax", maxAge: 60 * 60 * 24 * 365, httpOnly: true });
  revalidatePath("/", "layout");
}
