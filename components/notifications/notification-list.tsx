import { getFormatter, getTranslations } from "next-intl/server";
import { asFormAction } from "@/components/form-action";
import { Button } from "@/components/ui/button";
import { markNotificationsReadAction, openNotificationAction } from "@/lib/server/notifications/actions";
import type { NotificationView } from "@/lib/server/notifications/notifications";
import { MOMENT } from "@/lib/i18n/formats";

/**
 * The list of one's notifications: each opens its exact place (and is marked read on the way).
 * `showCycle`: the reader takes part in several cycles, so each names its own (issue 16).
 */
export async function NotificationList({ items, showCycle = false }: { items: NotificationView[]; showCycle?: boolean }) {
  const [t, format] = await Promise.all([getTranslations("notifications"), getFormatter()]);
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="notification-list">
      {items.map((item) => (
        <li
          key={item.id}
          className={`flex flex-wrap items-start justify-between gap-3 px-4 py-3 ${item.read ? "" : "bg-brand-50"}`}
          data-testid="notification-item"
        >
          <div className="min-w-0 flex-1">
            <p className="font-medium">
              {item.read ? null : <span className="mr-2 rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white">{t("unreadBadge")}</span>}
              {item.title}
            </p>
            <p className="mt-0.5 text-sm text-slate-700">{item.text}</p>
            {showCycle && item.cycleName ? (
              <p className="mt-0.5 text-xs text-slate-600" data-testid="notification-cycle">
                {t("cycle", { name: item.cycleName })}
              </p>
            ) : null}
            <p className="mt-0.5 text-xs text-slate-500">
              {t("receivedAt")}: <time dateTime={item.createdAt}>{format.dateTime(new Date(item.createdAt), MOMENT)}</time>
            </p>
          </div>
          <div className="flex gap-2">
            <form action={asFormAction(openNotificationAction)}>
              <input type="hidden" name="id" value={item.id} />
              <Button type="submit" size="sm">
                {t("open")}
              </Button>
            </form>
            {item.read ? null : (
              <form action={asFormAction(markNotificationsReadAction)}>
                <input type="hidden" name="ids" value={item.id} />
                <Button type="submit" size="sm" variant="secondary">
                  {t("markRead")}
                </Button>
              </form>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
