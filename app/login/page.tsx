import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/language-switcher";
import { LoginForm } from "@/components/login-form";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { oidcSettings } from "@/lib/server/auth/oidc";

export async function generateMetadata() {
  const t = await getTranslations("login");
  return { title: t("title") };
}

export default async function LoginPage() {
  if (await getCurrentUser()) redirect("/");
  const t = await getTranslations();
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-sm font-medium tracking-wide text-brand-700 uppercase">{t("app.name")}</p>
          <p className="mt-1 text-xs text-slate-500">{t("app.tagline")}</p>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="text-xl font-semibold">{t("login.title")}</h1>
          <p className="mt-1 mb-5 text-sm text-slate-600">{t("login.intro")}</p>
          <LoginForm oidcName={oidcSettings()?.name ?? null} />
        </div>
        <p className="mt-4 text-center text-sm">
          <Link href="/results" className="font-medium text-brand-700 underline">
            {t("publicResults.seePublished")}
          </Link>
        </p>
        <div className="mt-4 flex justify-center">
          <LanguageSwitcher />
        </div>
      </div>
    </main>
  );
}
