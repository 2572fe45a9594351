import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { CycleHeader } from "@/components/admin/cycles/cycle-header";
import { CycleTabs } from "@/components/admin/cycles/cycle-tabs";
import { DataTable } from "@/components/ui/table";
import { EmptyState } from "@/components/empty-state";
import { Pagination } from "@/components/pagination";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { StatusBadge } from "@/components/status-badge";
import { ASSESSMENT_STATUSES } from "@/lib/domain/workflow";
import { ZCycleLociQuery } from "@/lib/schemas/cycles";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { CYCLE_LOCI_PAGE_SIZE, listCycleLoci } from "@/lib/server/cycle/overview";
import { findCycleForAdmin } from "@/lib/server/cycle/cycles";
import { DAY } from "@/lib/i18n/formats";

export async function generateMetadata() {
  return { title: (await getTranslations("cycleAdmin.tabs"))("loci") };
}

export default async function CycleLociPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePolicy("cycles.view");
  const cycle = await findCycleForAdmin(actor, (await params).id);
  if (!cycle) notFound();
  const query = ZCycleLociQuery.parse(await searchParams);
  const [t, format, result] = await Promise.all([getTranslations(), getFormatter(), listCycleLoci(actor, cycle.id, query)]);
  return (
    <section aria-labelledby="page-title">
      <CycleHeader cycle={cycle} />
      <CycleTabs cycleId={cycle.id} current="loci" />
      <form role="search" method="get" className="mt-6 flex flex-wrap items-end gap-3">
        <Field id="q" label={t("cycleAdmin.loci.search")}>
          <Input name="q" defaultValue={query.q} inline />
        </Field>
        <Field id="status" label={t("common.status")}>
          <Select name="status" defaultValue={query.status ?? ""} inline>
            <option value="">{t("cycleAdmin.loci.allStatuses")}</option>
            {ASSESSMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </Select>
        </Field>
        <div className="flex items-center gap-2 pb-2">
          <input id="overdue" name="overdue" type="checkbox" value="1" defaultChecked={query.overdue} className="h-4 w-4" />
          <label htmlFor="overdue" className="text-sm font-medium">
            {t("cycleAdmin.loci.overdueOnly")}
          </label>
        </div>
        <Button type="submit" variant="secondary">
          {t("cycleAdmin.loci.filter")}
        </Button>
      </form>
      <p className="mt-4 text-sm text-slate-600" aria-live="polite">
        {t("cycleAdmin.loci.count", { count: result.total, overdue: result.overdueTotal })}
      </p>
      {result.rows.length === 0 ? (
        <div className="mt-3">
          <EmptyState>{t("cycleAdmin.loci.empty")}</EmptyState>
        </div>
      ) : (
        <div className="mt-3">
          <DataTable
            caption={t("cycleAdmin.tabs.loci")}
            headers={[
              t("common.institution"),
              t("common.locus"),
              t("common.serviceType"),
              t("common.status"),
              t("cycleAdmin.loci.submittedAt"),
              t("cycleAdmin.loci.deadline"),
            ]}
          >
            {result.rows.map((row) => (
              <tr key={row.id} data-testid="cycle-locus-row">
                <td className="px-4 py-2">
                  {row.institutionName}
                  <span className="block text-xs text-slate-600">{t(`institutionType.${row.institutionType}`)}</span>
                </td>
                <td className="px-4 py-2">
                  <Link href={`/assessments/${row.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                    {row.locusName}
                  </Link>
                </td>
                <td className="px-4 py-2">{t(`serviceType.${row.serviceType}`)}</td>
                <td className="px-4 py-2">
                  <StatusBadge status={row.status} />
                  {row.status === "FINAL" || row.status === "IN_CORRECTION" ? (
                    <Link
                      href={`/admin/corrections/${row.id}`}
                      className="ml-2 text-sm text-brand-700 underline"
                      aria-label={`${t("correction.link")}: ${row.locusName}`}
                    >
                      {t("correction.link")}
                    </Link>
                  ) : null}
                </td>
                <td className="px-4 py-2">{row.submittedAt ? format.dateTime(row.submittedAt, DAY) : t("common.none")}</td>
                <td className="px-4 py-2">
                  {row.overdue ? (
                    <span className="font-medium text-red-800">{t("cycleAdmin.loci.overdue")}</span>
                  ) : row.reopenedUntil && row.reopenedUntil > new Date() ? (
                    t("cycleAdmin.loci.reopenedUntil", { date: row.reopenedUntil })
                  ) : (
                    t("common.none")
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
      <Pagination
        page={result.page}
        pageSize={CYCLE_LOCI_PAGE_SIZE}
        total={result.total}
        params={{ q: query.q, status: query.status, overdue: query.overdue ? "1" : undefined }}
      />
    </section>
  );
}
