import { getFormatter, getTranslations } from "next-intl/server";

export interface AuditEventView {
  id: bigint;
  occurredAt: Date;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ipAddress: string | null;
  actor: { name: string; email: string } | null;
}

function summary(value: unknown) {
  if (value === null || value === undefined) return "—";
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/** Audit records as a table: who, when, what, on what, and the value before and after. */
export async function AuditEventList({ events, showEntity = true }: { events: AuditEventView[]; showEntity?: boolean }) {
  const [t, format] = await Promise.all([getTranslations("audit"), getFormatter()]);
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
      <table className="min-w-full text-sm">
        <caption className="sr-only">{t("title")}</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              {t("time")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("actor")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("action")}
            </th>
            {showEntity ? (
              <th scope="col" className="px-3 py-2">
                {t("entity")}
              </th>
            ) : null}
            <th scope="col" className="px-3 py-2">
              {t("before")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("after")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("address")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {events.map((event) => (
            <tr key={event.id.toString()} data-testid="audit-row">
              <td className="px-3 py-2 whitespace-nowrap">{format.dateTime(event.occurredAt, { dateStyle: "medium", timeStyle: "medium" })}</td>
              <td className="px-3 py-2">{event.actor?.name ?? (event.actorLabel || t("system"))}</td>
              <td className="px-3 py-2 font-mono text-xs">{event.action}</td>
              {showEntity ? (
                <td className="px-3 py-2 font-mono text-xs">
                  {event.entityType}
                  {event.entityId ? ` ${event.entityId.slice(0, 12)}` : ""}
                </td>
              ) : null}
              <td className="max-w-xs px-3 py-2 font-mono text-xs break-all">{summary(event.before)}</td>
              <td className="max-w-xs px-3 py-2 font-mono text-xs break-all">{summary(event.after)}</td>
              <td className="px-3 py-2 text-xs">{event.ipAddress ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
