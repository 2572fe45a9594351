import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { DataTable } from "@/components/ui/table";
import { EmptyState } from "@/components/empty-state";
import { Pagination } from "@/components/pagination";
import { StatusBadge } from "@/components/status-badge";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { INSTITUTION_TYPES, SERVICE_TYPES } from "@/lib/domain/registry/fields";
import type { AssessmentStatus } from "@/lib/domain/workflow";
import { ZQueueFilter } from "@/lib/schemas/verification";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { pickCycleForActor } from "@/lib/server/cycle/cycles";
import { CycleSwitcher } from "@/components/cycle-switcher";
import { loadVerifierQueue } from "@/lib/server/verification/queue";
import { DAY } from "@/lib/i18n/formats";

export async function generateMetadata() {
  return { title: (await getTranslations("verifier"))("title") };
}

/** The queue's status tabs, in the verifier's order of work (open work first). */
const STATUSES = ["SUBMITTED", "IN_REVIEW", "AWAITING_VALIDATION", "RETURNED", "VERIFIED", "FINAL", "DRAFT"] as const satisfies readonly AssessmentStatus[];

export default async function VerifierQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePolicy("verification.queue");
  const parsed = ZQueueFilter.parse(await searchParams);
  // The default view is the work to do (submitted, in review); final and other loci are one tab away.
  // A search without a chosen status looks in every status.
  const filter = { ...parsed, status: parsed.status ?? (parsed.q ? ("ALL" as const) : ("TODO" as const)) };
  const [t, format, { cycles, cycle }] = await Promise.all([getTranslations(), getFormatter(), pickCycleForActor(actor, parsed.cycle)]);
  if (!cycle) return <EmptyState>{t("common.noActiveCycle")}</EmptyState>;
  const queue = await loadVerifierQueue(actor, cycle.id, filter);
  const params = { cycle: parsed.cycle, status: filter.status, type: filter.type, province: filter.province, service: filter.service, q: filter.q };
  const statusHref = (status: string | undefined) => {
    const query = new URLSearchParams(Object.entries({ ...params, status }).filter((e): e is [string, string] => Boolean(e[1])));
    return `?${query.toString()}`;
  };
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="text-2xl font-semibold">
        {t("verifier.title")}
      </h1>
      <p className="mt-1 text-slate-600">{t("verifier.intro", { cycle: cycle.name })}</p>
      <CycleSwitcher cycles={cycles} current={cycle} />

      <nav aria-label={t("verification.countsLabel")} className="mt-4 flex flex-wrap gap-2 text-sm">
        <Link
          href={statusHref("TODO")}
          aria-current={filter.status === "TODO" ? "page" : undefined}
          data-testid="count-TODO"
          className={`rounded-full border px-3 py-1 ${filter.status === "TODO" ? "border-brand-700 bg-brand-50 font-medium" : "border-slate-300 bg-white"}`}
        >
          {t("verification.toDo")} ({queue.todo})
        </Link>
        {STATUSES.map((status) => (
          <Link
            key={status}
            href={statusHref(status)}
            aria-current={filter.status === status ? "page" : undefined}
            data-testid={`count-${status}`}
            className={`rounded-full border px-3 py-1 ${filter.status === status ? "border-brand-700 bg-brand-50 font-medium" : "border-slate-300 bg-white"}`}
          >
            {t(`status.${status}`)} ({queue.countsByStatus[status] ?? 0})
          </Link>
        ))}
        <Link
          href={statusHref("ALL")}
          aria-current={filter.status === "ALL" ? "page" : undefined}
          data-testid="count-ALL"
          className={`rounded-full border px-3 py-1 ${filter.status === "ALL" ? "border-brand-700 bg-brand-50 font-medium" : "border-slate-300 bg-white"}`}
        >
          {t("verification.allStatuses")} ({queue.all})
        </Link>
      </nav>

      <form role="search" method="get" className="mt-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        {parsed.cycle ? <input type="hidden" name="cycle" value={parsed.cycle} /> : null}
        {parsed.status ? <input type="hidden" name="status" value={parsed.status} /> : null}
        <Field id="q" label={t("verification.search")} className="lg:col-span-2">
          <Input name="q" defaultValue={filter.q} />
        </Field>
        <Field id="type" label={t("verification.institutionType")}>
          <Select name="type" defaultValue={filter.type ?? ""}>
            <option value="">{t("verification.all")}</option>
            {INSTITUTION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`institutionType.${type}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="province" label={t("verification.province")}>
          <Select name="province" defaultValue={filter.province ?? ""}>
            <option value="">{t("verification.all")}</option>
            {queue.provinces.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="service" label={t("common.serviceType")}>
          <Select name="service" defaultValue={filter.service ?? ""}>
            <option value="">{t("verification.all")}</option>
            {SERVICE_TYPES.map((service) => (
              <option key={service} value={service}>
                {t(`serviceType.${service}`)}
              </option>
            ))}
          </Select>
        </Field>
        <div className="lg:col-span-5">
          <Button type="submit" variant="secondary">
            {t("verification.apply")}
          </Button>
        </div>
      </form>

      <p className="mt-4 text-sm text-slate-600" aria-live="polite">
        {t("verification.resultCount", { count: queue.total })}
      </p>
      {queue.rows.length === 0 ? (
        <div className="mt-3">
          <EmptyState>{t("verifier.empty")}</EmptyState>
        </div>
      ) : (
        <div className="mt-3">
          <DataTable
            caption={t("verifier.title")}
            headers={[
              t("common.institution"),
              t("common.locus"),
              t("common.serviceType"),
              t("common.status"),
              t("verification.verifiedColumn"),
              t("verifier.submittedAt"),
              t("preCheck.queueColumn"),
            ]}
          >
            {queue.rows.map((a) => (
              <tr key={a.id} data-testid="queue-row">
                <td className="px-4 py-2">
                  {a.institutionName}
                  {a.provinceName ? <span className="block text-xs text-slate-500">{a.provinceName}</span> : null}
                </td>
                <td className="px-4 py-2">
                  <Link href={`/assessments/${a.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                    {a.locusName}
                  </Link>
                  {["SUBMITTED", "IN_REVIEW"].includes(a.status) ? (
                    <Link href={`/assessments/${a.id}/review`} className="ml-2 rounded border border-brand-600 px-2 py-0.5 text-xs text-brand-700">
                      {t("verification.review")}
                    </Link>
                  ) : null}
                </td>
                <td className="px-4 py-2">{t(`serviceType.${a.serviceType}`)}</td>
                <td className="px-4 py-2">
                  <StatusBadge status={a.status} />
                </td>
                <td className="px-4 py-2">{t("common.answeredOf", { answered: a.verifiedAnswers, total: queue.scoredIndicators })}</td>
                <td className="px-4 py-2">{a.submittedAt ? format.dateTime(a.submittedAt, DAY) : t("common.none")}</td>
                <td className="px-4 py-2" data-testid="pre-check-count">
                  {a.preCheckCurrent ? t("preCheck.count", { count: a.preCheckFlags }) : t("preCheck.notChecked")}
                </td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
      <Pagination page={queue.page} pageSize={queue.pageSize} total={queue.total} params={params} />
    </section>
  );
}
