import { getTranslations } from "next-intl/server";
import { ChangePasswordForm } from "@/components/change-password-form";
import { ROLE_HOME } from "@/lib/auth/roles";
import { asFormAction } from "@/components/form-action";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { endAllSessionsAction } from "@/lib/server/account/actions";

export async function generateMetadata() {
  return { title: (await getTranslations("account"))("title") };
}

export default async function ChangePasswordPage() {
  const user = await requirePolicy("account.changePassword");
  const t = await getTranslations("account");
  return (
    <section aria-labelledby="page-title" className="max-w-lg space-y-4">
      <h1 id="page-title" className="text-2xl font-semibold">
        {t("title")}
      </h1>
      {user.mustChangePassword ? (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
          {t("mustChange")}
        </p>
      ) : null}
      <ChangePasswordForm home={ROLE_HOME[user.role]} />
      {user.mustChangePassword ? null : (
        <section aria-labelledby="end-sessions-title" className="mt-8 rounded-xl border border-slate-200 bg-white p-5">
          <h2 id="end-sessions-title" className="font-semibold">
            {t("endSessionsTitle")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("endSessionsIntro")}</p>
          <form action={asFormAction(endAllSessionsAction)} className="mt-3">
            <button type="submit" className="rounded-md border border-red-300 px-3 py-1.5 text-sm text-red-800 hover:bg-red-50">
              {t("endSessions")}
            </button>
          </form>
        </section>
      )}
    </section>
  );
}
