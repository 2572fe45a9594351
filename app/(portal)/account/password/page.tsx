import { getTranslations } from "next-intl/server";
import { ChangePasswordForm } from "@/components/change-password-form";
import { ROLE_HOME } from "@/lib/auth/roles";
import { requirePolicy } from "@/lib/server/auth/current-user";

export async function generateMetadata() {
  return { title: (await getTranslations("account"))("title") };
}

export default async function ChangePasswordPage() {
  const user = await requirePolicy("account.changePassword");
  const t = await getTranslations("account");
  return (
    <section aria-labelledby="page-title" className="max-w-lg space-y-4">
      <h1 id="page-title" className="text-2xl font-semibold">{t("title")}</h1>
      {user.mustChangePassword ? (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm">{t("mustChange")}</p>
      ) : null}
      <ChangePasswordForm home={ROLE_HOME[user.role]} />
    </section>
  );
}
