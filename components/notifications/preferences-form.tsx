"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionErrorMessage } from "@/components/action-feedback";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import type { NotificationKind } from "@/lib/domain/notifications/events";
import { NOTIFICATION_CHANNELS, type NotificationChannel } from "@/lib/domain/notifications/preferences";
import { saveNotificationPreferencesAction } from "@/lib/server/notifications/actions";

/** One channel per kind of notification: in the portal only, e-mail at once, or the daily digest. */
export function NotificationPreferencesForm({ initial }: { initial: { kind: NotificationKind; channel: NotificationChannel }[] }) {
  const t = useTranslations("notifications");
  const [choices, setChoices] = useState(() => new Map(initial.map((p) => [p.kind, p.channel])));
  const save = useAction(saveNotificationPreferencesAction);
  return (
    <form
      className="mt-4 space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        save.execute({ preferences: [...choices].map(([kind, channel]) => ({ kind, channel })) });
      }}
    >
      <table className="w-full border-collapse text-sm">
        <thead>
          <tr className="border-b border-slate-300 text-left">
            <th scope="col" className="py-2 pr-4">
              {t("preferences.kind")}
            </th>
            <th scope="col" className="py-2">
              {t("preferences.channel")}
            </th>
          </tr>
        </thead>
        <tbody>
          {initial.map(({ kind }) => (
            <tr key={kind} className="border-b border-slate-200">
              <th scope="row" className="py-2 pr-4 text-left font-normal">
                <label htmlFor={`channel-${kind}`}>{t(`kinds.${kind}`)}</label>
              </th>
              <td className="py-2">
                <Select
                  id={`channel-${kind}`}
                  value={choices.get(kind)}
                  onChange={(e) => setChoices((prev) => new Map(prev).set(kind, e.target.value as NotificationChannel))}
                >
                  {NOTIFICATION_CHANNELS.map((channel) => (
                    <option key={channel} value={channel}>
                      {t(`preferences.channels.${channel}`)}
                    </option>
                  ))}
                </Select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ActionErrorMessage error={save.result.serverError} />
      {save.hasSucceeded ? (
        <p role="status" className="text-sm text-emerald-800">
          {t("preferences.saved")}
        </p>
      ) : null}
      <Button type="submit" disabled={save.isPending}>
        {t("preferences.save")}
      </Button>
    </form>
  );
}
