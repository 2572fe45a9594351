import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { asFormAction } from "@/components/form-action";
import { NotificationList } from "@/components/notifications/notification-list";
import { Pagination } from "@/components/pagination";
import { Button } from "@/components/ui/button";
import { NOTIFICATION_SHOW, ZNotificationListFilter } from "@/lib/schemas/notifications";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { markAllNotificationsReadAction } from "@/lib/server/notifications/actions";
import { listNotifications } from "@/lib/server/notifications/notifications";
import { listCyclesForActor } from "@/lib/server/cycle/cycles";

export async function generateMetadata() {
  return { title: (await getTranslations("notifications"))("title") };
}

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePolicy("notifications.view");
  const filter = ZNotificationListFilter.parse(await searchParams);
  const [t, locale] = await Promise.all([getTranslations("notifications"), getLocale()]);
  const [result, cycles] = await Promise.all([listNotifications(actor, filter, locale), listCyclesForActor(actor)]);
  return (
    <section aria-labelledby="page-title">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 id="page-title" className="text-2xl font-semibold">
            {t("title")}
          </h1>
          <p className="mt-1 text-slate-600">{t("intro")}</p>
        </div>
        <Link href="/notifications/preferences" className="text-sm font-medium text-brand-700 underline">
          {t("preferencesLink")}
        </Link>
      </div>
      <div className="mt-4 flex flex-wrap items-center justify-between gap-3">
        <nav aria-label={t("show.label")} className="flex gap-2 text-sm">
          {NOTIFICATION_SHOW.map((show) => (
            <Link
              key={show}
              href={`/notifications?show=${show}`}
              aria-current={filter.show === show ? "page" : undefined}
              className={`rounded-full border px-3 py-1 ${filter.show === show ? "border-brand-700 bg-brand-50 font-medium" : "border-slate-300 bg-white"}`}
            >
              {t(`show.${show}`)}
            </Link>
          ))}
        </nav>
        <form action={asFormAction(markAllNotificationsReadAction)}>
          <Button type="submit" variant="secondary" size="sm">
            {t("markAllRead")}
          </Button>
        </form>
      </div>
      <div className="mt-4">
        {result.items.length === 0 ? (
          <EmptyState>{filter.show === "unread" ? t("emptyUnread") : t("emptyAll")}</EmptyState>
        ) : (
          <NotificationList items={result.items} showCycle={cycles.length > 1} />
        )}
      </div>
      <Pagination page={result.page} pageSize={result.pageSize} total={result.total} params={{ show: filter.show }} />
    </section>
  );
}
