import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/language-switcher";
import { signOutAction } from "@/app/sign-out-action";
import { ROLE_HOME } from "@/lib/auth/roles";
import { requireUser } from "@/lib/server/auth/current-user";

const NAV_KEY = { ADMIN: "cycles", EVALUATOR: "myLoci", VERIFIER: "verification", HEAD: "dashboard" } as const;

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const t = await getTranslations();
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2">
        {t("app.skipToContent")}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
          <div>
            <Link href="/" className="font-semibold text-brand-900">{t("app.name")}</Link>
            <p className="text-xs text-slate-500">{t("app.tagline")}</p>
          </div>
          <div className="flex flex-wrap items-center gap-4 text-sm">
            <div className="text-right" data-testid="current-user">
              <p className="font-medium">{user.name}</p>
              <p className="text-slate-600">
                {t(`roles.${user.role}`)}
                {user.institutionName ? ` · ${user.institutionName}` : null}
              </p>
            </div>
            <LanguageSwitcher />
            <form action={signOutAction}>
              <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100">
                {t("nav.signOut")}
              </button>
            </form>
          </div>
        </div>
        <nav aria-label={t("nav.label")} className="mx-auto max-w-6xl px-4 pb-2">
          <Link href={ROLE_HOME[user.role]} className="text-sm font-medium text-brand-700 underline-offset-4 hover:underline">
            {t(`nav.${NAV_KEY[user.role]}`)}
          </Link>
        </nav>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </>
  );
}
