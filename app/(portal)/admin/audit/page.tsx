import { getTranslations } from "next-intl/server";
import { AuditEventList } from "@/components/audit/audit-event-list";
import { EmptyState } from "@/components/empty-state";
import { Pagination } from "@/components/pagination";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { auditActionKey } from "@/lib/domain/audit/readable";
import { ZAuditSearch } from "@/lib/schemas/audit";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { auditFacets, searchAuditEvents } from "@/lib/server/audit/search";

export async function generateMetadata() {
  return { title: (await getTranslations("audit"))("title") };
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePolicy("audit.search");
  const filter = ZAuditSearch.parse(await searchParams);
  const [t, history, result, facets] = await Promise.all([
    getTranslations("audit"),
    getTranslations("history"),
    searchAuditEvents(actor, filter),
    auditFacets(actor),
  ]);
  // The choices in words; the option values stay the stored codes the search filters on.
  const entityLabel = (type: string) => (history.has(`entities.${type}`) ? history(`entities.${type}`) : type);
  const actionLabel = (action: string) => {
    const key = `actions.${auditActionKey(action)}`;
    return history.has(key) ? history(key, { actor: history("someone"), indicator: "none" }) : action;
  };
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="text-2xl font-semibold">
        {t("title")}
      </h1>
      <p className="mt-1 text-slate-600">{t("intro")}</p>
      <form role="search" method="get" className="mt-4 grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <Field id="actor" label={t("actor")}>
          <Input name="actor" defaultValue={filter.actor} />
        </Field>
        <Field id="entityType" label={t("entity")}>
          <Select name="entityType" defaultValue={filter.entityType ?? ""}>
            <option value="">{t("all")}</option>
            {facets.entityTypes.map((e) => (
              <option key={e} value={e}>
                {entityLabel(e)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="action" label={t("action")}>
          <Select name="action" defaultValue={filter.action ?? ""}>
            <option value="">{t("all")}</option>
            {[...facets.actions]
              .sort((a, b) => actionLabel(a).localeCompare(actionLabel(b)))
              .map((a) => (
                <option key={a} value={a}>
                  {actionLabel(a)}
                </option>
              ))}
          </Select>
        </Field>
        <Field id="from" label={t("from")}>
          <Input name="from" type="date" defaultValue={filter.from} />
        </Field>
        <Field id="to" label={t("to")}>
          <Input name="to" type="date" defaultValue={filter.to} />
        </Field>
        <div className="flex items-end">
          <Button type="submit" variant="secondary">
            {t("search")}
          </Button>
        </div>
      </form>
      <p className="mt-4 text-sm text-slate-600" aria-live="polite">
        {t("count", { count: result.total })}
      </p>
      <div className="mt-3">{result.events.length === 0 ? <EmptyState>{t("empty")}</EmptyState> : <AuditEventList events={result.events} technical />}</div>
      <Pagination
        page={result.page}
        pageSize={result.pageSize}
        total={result.total}
        params={{ actor: filter.actor, entityType: filter.entityType, entityId: filter.entityId, action: filter.action, from: filter.from, to: filter.to }}
      />
    </section>
  );
}
