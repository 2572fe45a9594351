import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/language-switcher";
import { SkipLink } from "@/components/skip-link";
import { getCurrentUser } from "@/lib/server/auth/current-user";

/** The public frame of published results: no account needed; a signed-in user gets a way back. */
export default async function PublicResultsLayout({ children }: { children: React.ReactNode }) {
  const [t, user] = await Promise.all([getTranslations(), getCurrentUser()]);
  return (
    <>
      <SkipLink />
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
          <div>
            <Link href="/results" className="font-semibold text-brand-900">
              {t("app.name")}
            </Link>
            <p className="text-xs text-slate-500">{t("app.tagline")}</p>
          </div>
          <div className="flex flex-wrap items-center gap-4 text-sm">
            <nav aria-label={t("publicResults.navLabel")} className="flex gap-4">
              <Link href="/results" className="font-medium text-brand-700 hover:underline">
                {t("publicResults.rankingsLink")}
              </Link>
              <Link href="/results/awards" className="font-medium text-brand-700 hover:underline">
                {t("publicResults.awardsLink")}
              </Link>
              <Link href={user ? "/" : "/login"} className="font-medium text-brand-700 hover:underline">
                {user ? t("publicResults.backToPortal") : t("publicResults.signIn")}
              </Link>
            </nav>
            <LanguageSwitcher />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
