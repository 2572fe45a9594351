import Link from "next/link";
import { redirect } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/language-switcher";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { SkipLink } from "@/components/skip-link";
import { SignOutButton } from "@/components/sign-out-button";
import { navigationFor } from "@/lib/auth/navigation";
import { getCurrentUser } from "@/lib/server/auth/current-user";
import { unreadNotificationCount } from "@/lib/server/notifications/notifications";

/** The signed-in frame; each page checks its own policy (requirePolicy), the layout only who is here. */
export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  const [t, unread] = await Promise.all([getTranslations(), user.mustChangePassword ? 0 : unreadNotificationCount(user)]);
  // No messages here: each section's layout sends what its pages' client components translate
  // (components/section-messages.tsx, issue 17); the header has no client component that translates.
  return (
    <NextIntlClientProvider messages={{}}>
      <SkipLink />
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
          <div>
            <Link href="/" className="font-semibold text-brand-900">
              {t("app.name")}
            </Link>
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
            {user.mustChangePassword ? null : <NotificationBell unread={unread} />}
            <LanguageSwitcher />
            <SignOutButton />
          </div>
        </div>
        {user.mustChangePassword ? null : (
          <nav aria-label={t("nav.label")} className="mx-auto flex max-w-6xl flex-wrap gap-x-5 gap-y-1 px-4 pb-2">
            {navigationFor(user).map((item) => (
              <Link key={item.href} href={item.href} className="text-sm font-medium text-brand-700 underline-offset-4 hover:underline">
                {t(item.labelKey)}
              </Link>
            ))}
          </nav>
        )}
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </NextIntlClientProvider>
  );
}
