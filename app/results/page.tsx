import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { GradeBadge } from "@/components/grade-badge";
import { Pagination } from "@/components/pagination";
import { DownloadButton } from "@/components/download-button";
import { GradeDistribution } from "@/components/results/grade-distribution";
import { TrendChart } from "@/components/results/national-trend-chart";
import { RankingTable } from "@/components/results/ranking-table";
import { GRADE_BANDS } from "@/lib/domain/grades";
import { gradeDistribution } from "@/lib/domain/results/national-figures";
import { RESULT_GROUPS, ZRankingQuery, firstValues } from "@/lib/schemas/results";
import { listPublishedCycles, loadNationalTrend, loadPublishedResults } from "@/lib/server/data/published-results";
import { selectRanking } from "@/lib/server/results/ranking-view";

const PAGE_SIZE = 50;

export async function generateMetadata() {
  return { title: (await getTranslations("publicResults"))("title") };
}

/**
 * Published results, for everyone without an account (in PUBLIC_PAGES). Only cycles the admin has
 * published are listed or reachable: any other cycle id is "not found".
 */
export default async function PublicResultsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = ZRankingQuery.parse(firstValues(await searchParams));
  const t = await getTranslations();
  const cycles = await listPublishedCycles();
  if (cycles.length === 0) {
    return (
      <section aria-labelledby="page-title" className="space-y-6">
        <h1 id="page-title" className="text-2xl font-semibold">{t("publicResults.title")}</h1>
        <EmptyState>{t("publicResults.nothingPublished")}</EmptyState>
      </section>
    );
  }
  const results = await loadPublishedResults(query.cycle ?? cycles[0]!.id);
  if (!results) notFound();
  const [trend, { province, all, rows }] = [await loadNationalTrend(), selectRanking(results, query)];
  const page = Math.min(query.page, Math.max(1, Math.ceil(rows.length / PAGE_SIZE)));
  const groupName = query.group === "PROVINCE" ? t("publicResults.groupProvince", { province: province?.name ?? "" }) : t(`institutionType.${query.group}`);
  const params = { cycle: results.cycle.id, group: query.group, province: province?.id, q: query.q, grade: query.grade };
  const exportHref = (format: string) => `/api/results/rankings?${new URLSearchParams(Object.entries({ ...params, format }).filter((e): e is [string, string] => Boolean(e[1]))).toString()}`;
  const groupHref = (group: string) => `/results?${new URLSearchParams({ cycle: results.cycle.id, group }).toString()}`;

  return (
    <section aria-labelledby="page-title" className="space-y-8">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 id="page-title" className="text-2xl font-semibold">{t("publicResults.title")}</h1>
          <p className="mt-1 text-slate-600">{t("publicResults.subtitle", { cycle: results.cycle.name })}</p>
        </div>
        <form method="get" className="flex items-end gap-2">
          <label className="text-sm">
            <span className="block text-slate-600">{t("publicResults.cycle")}</span>
            <select name="cycle" defaultValue={results.cycle.id} className="rounded-md border border-slate-300 px-2 py-1.5">
              {cycles.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
            </select>
          </label>
          <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white">{t("publicResults.show")}</button>
        </form>
      </header>

      <div className="grid gap-4 md:grid-cols-3">
        <div className="rounded-xl border border-slate-200 bg-white p-5" data-testid="national-index">
          <p className="text-sm text-slate-600">{t("publicResults.nationalIndex", { cycle: results.cycle.name })}</p>
          {results.national ? (
            <p className="mt-2 flex items-baseline gap-3">
              <span className="text-4xl font-bold tabular-nums" data-testid="national-index-value">{results.national.published}</span>
              <GradeBadge grade={results.national.grade} label={results.national.label} />
            </p>
          ) : <p className="mt-2 text-slate-600">—</p>}
          <p className="mt-2 text-xs text-slate-600">{t("publicResults.nationalBasis", { count: results.institutions.length })}</p>
        </div>
        <figure className="rounded-xl border border-slate-200 bg-white p-4 md:col-span-2" data-testid="national-trend">
          <figcaption className="text-sm font-medium text-slate-700">{t("publicResults.trendTitle")}</figcaption>
          <TrendChart points={trend.map((p) => ({ label: String(p.cycle.year), value: p.national?.published ?? null }))} seriesLabel={t("publicResults.nationalIndexShort")} />
          <table className="sr-only">
            <caption>{t("publicResults.trendTitle")}</caption>
            <thead><tr><th scope="col">{t("publicResults.cycle")}</th><th scope="col">{t("publicResults.nationalIndexShort")}</th></tr></thead>
            <tbody>{trend.map((p) => <tr key={p.cycle.id}><th scope="row">{p.cycle.name}</th><td>{p.national ? `${p.national.published} (${p.national.grade})` : "—"}</td></tr>)}</tbody>
          </table>
        </figure>
      </div>

      <nav aria-label={t("publicResults.groups")} className="flex flex-wrap gap-2" data-testid="group-tabs">
        {RESULT_GROUPS.map((group) => (
          <Link key={group} href={groupHref(group)} aria-current={group === query.group ? "page" : undefined}
            className={`rounded-full border px-3 py-1 text-sm ${group === query.group ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white text-slate-700 hover:border-brand-700"}`}>
            {group === "PROVINCE" ? t("publicResults.groupPerProvince") : t(`institutionType.${group}`)}
          </Link>
        ))}
      </nav>

      <form method="get" className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4" aria-label={t("publicResults.filters")}>
        <input type="hidden" name="cycle" value={results.cycle.id} />
        <input type="hidden" name="group" value={query.group} />
        {query.group === "PROVINCE" ? (
          <label className="text-sm">
            <span className="block text-slate-600">{t("publicResults.province")}</span>
            <select name="province" defaultValue={province?.id} className="rounded-md border border-slate-300 px-2 py-1.5">
              {results.provinces.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </label>
        ) : null}
        <label className="text-sm">
          <span className="block text-slate-600">{t("publicResults.search")}</span>
          <input type="search" name="q" defaultValue={query.q ?? ""} className="rounded-md border border-slate-300 px-2 py-1.5" />
        </label>
        <label className="text-sm">
          <span className="block text-slate-600">{t("publicResults.grade")}</span>
          <select name="grade" defaultValue={query.grade ?? ""} className="rounded-md border border-slate-300 px-2 py-1.5">
            <option value="">{t("publicResults.allGrades")}</option>
            {GRADE_BANDS.map((b) => <option key={b.grade} value={b.grade}>{b.grade} · {b.label}</option>)}
          </select>
        </label>
        <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white">{t("publicResults.apply")}</button>
      </form>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-3 lg:col-span-2">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 className="text-lg font-semibold" data-testid="group-title">{groupName}</h2>
            <div className="flex flex-wrap gap-2">
              <DownloadButton href={exportHref("xlsx")} label={t("publicResults.exportXlsx")} testId="export-xlsx" />
              <DownloadButton href={exportHref("csv")} label={t("publicResults.exportCsv")} testId="export-csv" />
            </div>
          </div>
          <p className="text-sm text-slate-600" role="status">{t("publicResults.count", { shown: rows.length, total: all.length })}</p>
          {rows.length === 0 ? <EmptyState>{t("publicResults.noMatch")}</EmptyState> : (
            <RankingTable rows={rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)} caption={t("publicResults.tableCaption", { group: groupName, cycle: results.cycle.name })} />
          )}
          <Pagination page={page} pageSize={PAGE_SIZE} total={rows.length} params={params} />
        </div>
        <GradeDistribution data={gradeDistribution(all.map((r) => r.grade))} title={t("publicResults.distributionTitle", { group: groupName })} />
      </div>
    </section>
  );
}
