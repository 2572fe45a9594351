import { getFormatter, getTranslations } from "next-intl/server";
import { auditActionKey, indicatorOf, readableChanges, type ReadableChange, type ReadableValue } from "@/lib/domain/audit/readable";
import { TableScroll } from "@/components/ui/table";
import { DAY, MOMENT } from "@/lib/i18n/formats";

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

type Translate = Awaited<ReturnType<typeof getTranslations>>;
type Format = Awaited<ReturnType<typeof getFormatter>>;

function summary(value: unknown) {
  if (value === null || value === undefined) return "—";
  const text = JSON.stringify(value);
  return text.length > 400 ? `${text.slice(0, 397)}…` : text;
}

/** A value of a change in words: codes through the catalogue, dates in the reader's language. */
function valueText(t: Translate, format: Format, value: ReadableValue | null): string {
  if (!value) return t("history.empty");
  switch (value.kind) {
    case "text":
      return value.text;
    case "number":
      return format.number(value.value);
    case "yesNo":
      return t(value.value ? "history.yes" : "history.no");
    case "list":
      return value.items.join("; ");
    case "date":
      return value.iso.length === 10
        ? format.dateTime(new Date(`${value.iso}T00:00:00Z`), { ...DAY, timeZone: "UTC" })
        : format.dateTime(new Date(value.iso), MOMENT);
    case "code":
      if (t.has(`history.values.${value.code}`)) return t(`history.values.${value.code}`);
      if (t.has(`status.${value.code}`)) return t(`status.${value.code}`);
      return t("history.empty");
  }
}

/** Only the changes every part of which can be said in words (a code without a word is left to the technical details). */
function sayable(t: Translate, change: ReadableChange) {
  const known = (v: ReadableValue | null) => v?.kind !== "code" || t.has(`history.values.${v.code}`) || t.has(`status.${v.code}`);
  return known(change.before) && known(change.after);
}

/**
 * Audit records as people read them: when, who, what happened in a sentence ("Budi menyimpan
 * jawaban mandiri indikator 1.a.Ak") and what changed, old value → new value. No action codes,
 * JSON, hashes or ids. With `technical` (the admin's audit search) each row also discloses its
 * action code, record and raw payloads, and the address it came from.
 */
export async function AuditEventList({ events, technical = false }: { events: AuditEventView[]; technical?: boolean }) {
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  return (
    <TableScroll label={t("audit.title")}>
      <table className="min-w-full text-sm">
        <caption className="sr-only">{t("audit.title")}</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              {t("audit.time")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("history.what")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("history.changes")}
            </th>
            {technical ? (
              <th scope="col" className="px-3 py-2">
                {t("audit.address")}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {events.map((event) => {
            const actor = event.actor?.name ?? (event.actorLabel || t("history.system"));
            const key = `history.actions.${auditActionKey(event.action)}`;
            const values = { actor, indicator: indicatorOf(event) ?? "none" };
            const sentence = t.has(key) ? t(key, values) : t("history.unknownAction", values);
            const changes = readableChanges(event.before, event.after).filter((c) => sayable(t, c));
            return (
              <tr key={event.id.toString()} data-testid="audit-row" data-action={event.action}>
                <td className="px-3 py-2 whitespace-nowrap">{format.dateTime(event.occurredAt, MOMENT)}</td>
                <td className="px-3 py-2">
                  <p data-testid="audit-sentence">{sentence}</p>
                  {technical ? (
                    <details className="mt-1 text-xs text-slate-600">
                      <summary className="cursor-pointer">{t("history.technical")}</summary>
                      <dl className="mt-1 space-y-1 font-mono break-all">
                        <div>
                          <dt className="inline font-sans">{t("history.technicalAction")}: </dt>
                          <dd className="inline">{event.action}</dd>
                        </div>
                        <div>
                          <dt className="inline font-sans">{t("history.technicalEntity")}: </dt>
                          <dd className="inline">
                            {event.entityType}
                            {event.entityId ? ` ${event.entityId}` : ""}
                          </dd>
                        </div>
                        <div>
                          <dt className="inline font-sans">{t("audit.before")}: </dt>
                          <dd className="inline">{summary(event.before)}</dd>
                        </div>
                        <div>
                          <dt className="inline font-sans">{t("audit.after")}: </dt>
                          <dd className="inline">{summary(event.after)}</dd>
                        </div>
                      </dl>
                    </details>
                  ) : null}
                </td>
                <td className="max-w-md px-3 py-2">
                  {changes.length > 0 ? (
                    <ul className="space-y-1">
                      {changes.map((change) => (
                        <li key={change.field} data-testid="audit-change">
                          <span className="font-medium">{t(`history.fields.${change.field}`)}: </span>
                          {change.before ? (
                            <>
                              <span className="text-slate-600">{valueText(t, format, change.before)}</span>
                              <span aria-hidden="true"> → </span>
                              <span className="sr-only"> {t("history.becomes")} </span>
                            </>
                          ) : null}
                          <span>{valueText(t, format, change.after)}</span>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <span className="text-slate-500">—</span>
                  )}
                </td>
                {technical ? <td className="px-3 py-2 text-xs">{event.ipAddress ?? "—"}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
