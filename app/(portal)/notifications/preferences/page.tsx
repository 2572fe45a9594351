import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { NotificationPreferencesForm } from "@/components/notifications/preferences-form";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { notificationPreferences } from "@/lib/server/notifications/notifications";

export async function generateMetadata() {
  return { title: (await getTranslations("notifications"))("preferences.title") };
}

export default async function NotificationPreferencesPage() {
  const actor = await requirePolicy("notifications.preferences");
  const [t, preferences] = await Promise.all([getTranslations("notifications"), notificationPreferences(actor)]);
  return (
    <section aria-labelledby="page-title" className="max-w-3xl">
      <p className="text-sm">
        <Link href="/notifications" className="text-brand-700 underline">
          {t("title")}
        </Link>
      </p>
      <h1 id="page-title" className="mt-2 text-2xl font-semibold">
        {t("preferences.title")}
      </h1>
      <p className="mt-1 text-slate-600">{t("preferences.intro")}</p>
      <NotificationPreferencesForm initial={preferences} />
    </section>
  );
}
