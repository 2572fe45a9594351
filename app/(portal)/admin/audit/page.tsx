import { getTranslations } from "next-intl/server";
import { AuditEventList } from "@/components/audit/audit-event-list";
import { EmptyState } from "@/components/empty-state";
import { Pagination } from "@/components/pagination";
import { ZAuditSearch } from "@/lib/schemas/audit";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { auditFacets, searchAuditEvents } from "@/lib/server/audit/search";

export async function generateMetadata() {
  return { title: (await getTranslations("audit"))("title") };
}

const field = "mt-1 block rounded-md border border-slate-300 px-3 py-2";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePolicy("audit.search");
  const filter = ZAuditSearch.parse(await searchParams);
  const [t, result, facets] = await Promise.all([getTranslations("audit"), searchAuditEvents(actor, filter), auditFacets(actor)]);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 text-slate-600">{t("intro")}</p>
      <form role="search" method="get" className="mt-4 grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <div>
          <label htmlFor="actor" className="block text-sm font-medium">{t("actor")}</label>
          <input id="actor" name="actor" defaultValue={filter.actor} className={`${field} w-full`} />
        </div>
        <div>
          <label htmlFor="entityType" className="block text-sm font-medium">{t("entity")}</label>
          <select id="entityType" name="entityType" defaultValue={filter.entityType ?? ""} className={`${field} w-full`}>
            <option value="">{t("all")}</option>
            {facets.entityTypes.map((e) => <option key={e} value={e}>{e}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="action" className="block text-sm font-medium">{t("action")}</label>
          <select id="action" name="action" defaultValue={filter.action ?? ""} className={`${field} w-full`}>
            <option value="">{t("all")}</option>
            {facets.actions.map((a) => <option key={a} value={a}>{a}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="from" className="block text-sm font-medium">{t("from")}</label>
          <input id="from" name="from" type="date" defaultValue={filter.from} className={`${field} w-full`} />
        </div>
        <div>
          <label htmlFor="to" className="block text-sm font-medium">{t("to")}</label>
          <input id="to" name="to" type="date" defaultValue={filter.to} className={`${field} w-full`} />
        </div>
        <div className="flex items-end">
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-100">{t("search")}</button>
        </div>
      </form>
      <p className="mt-4 text-sm text-slate-600" aria-live="polite">{t("count", { count: result.total })}</p>
      <div className="mt-3">
        {result.events.length === 0 ? <EmptyState>{t("empty")}</EmptyState> : <AuditEventList events={result.events} />}
      </div>
      <Pagination page={result.page} pageSize={result.pageSize} total={result.total}
        params={{ actor: filter.actor, entityType: filter.entityType, entityId: filter.entityId, action: filter.action, from: filter.from, to: filter.to }} />
    </section>
  );
}
