import { getFormatter, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { ResendOutboxButton } from "@/components/notifications/resend-button";
import { Pagination } from "@/components/pagination";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { OUTBOX_STATUSES, ZOutboxFilter } from "@/lib/schemas/notifications";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { smtpConfigured } from "@/lib/server/notifications/delivery";
import { listOutbox } from "@/lib/server/notifications/notifications";
import { MOMENT } from "@/lib/i18n/formats";

export async function generateMetadata() {
  return { title: (await getTranslations("notifications"))("outbox.title") };
}

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePolicy("outbox.view");
  const filter = ZOutboxFilter.parse(await searchParams);
  const [t, format, result] = await Promise.all([getTranslations("notifications.outbox"), getFormatter(), listOutbox(actor, filter)]);
  const when = (iso: string) => format.dateTime(new Date(iso), MOMENT);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="text-2xl font-semibold">
        {t("title")}
      </h1>
      <p className="mt-1 text-slate-600">{t("intro")}</p>
      <p className="mt-1 text-sm text-slate-600">{smtpConfigured() ? t("smtpOn") : t("smtpOff")}</p>
      <form method="get" className="mt-4 flex flex-wrap items-end gap-3">
        <Field id="status" label={t("statusFilter")}>
          <Select name="status" defaultValue={filter.status ?? ""}>
            <option value="">{t("allStatuses")}</option>
            {OUTBOX_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`statuses.${s}`)} ({result.counts[s] ?? 0})
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" variant="secondary">
          {t("filter")}
        </Button>
      </form>
      <div className="mt-4">
        {result.messages.length === 0 ? (
          <EmptyState>{t("empty")}</EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-sm" data-testid="outbox-table">
              <thead>
                <tr className="border-b border-slate-300 text-left">
                  <th scope="col" className="py-2 pr-3">
                    {t("createdAt")}
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    {t("to")}
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    {t("subject")}
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    {t("status")}
                  </th>
                  <th scope="col" className="py-2 pr-3">
                    {t("attempts")}
                  </th>
                  <th scope="col" className="py-2">
                    {t("lastError")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.messages.map((m) => (
                  <tr key={m.id} className="border-b border-slate-200 align-top" data-testid="outbox-row">
                    <td className="py-2 pr-3 whitespace-nowrap">
                      <time dateTime={m.createdAt}>{when(m.createdAt)}</time>
                    </td>
                    <td className="py-2 pr-3">{m.toAddress}</td>
                    <td className="py-2 pr-3">
                      <details>
                        <summary className="cursor-pointer">{m.subject}</summary>
                        <pre className="mt-2 max-w-xl whitespace-pre-wrap rounded bg-slate-50 p-2 text-xs">{m.textBody}</pre>
                      </details>
                    </td>
                    <td className="py-2 pr-3">
                      {t(`statuses.${m.status}`)}
                      {m.sentAt ? (
                        <span className="block text-xs text-slate-500">
                          <time dateTime={m.sentAt}>{when(m.sentAt)}</time>
                        </span>
                      ) : null}
                    </td>
                    <td className="py-2 pr-3">{m.attempts}</td>
                    <td className="py-2">
                      {m.lastError ? <p className="max-w-xs break-words text-xs text-red-800">{m.lastError}</p> : null}
                      {m.status === "FAILED" || m.status === "KEPT" || m.status === "RETRYING" ? <ResendOutboxButton id={m.id} /> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <Pagination page={result.page} pageSize={result.pageSize} total={result.total} params={{ status: filter.status }} />
    </section>
  );
}
