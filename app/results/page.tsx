import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { Pagination } from "@/components/pagination";
import { DownloadButton } from "@/components/download-button";
import { VersionNotice } from "@/components/correction/version-notice";
import { CyclePicker, NothingPublished, cycleSeries } from "@/components/results/cycle-picker";
import { GradeDistribution } from "@/components/results/grade-distribution";
import { GroupTabs } from "@/components/results/group-tabs";
import { NationalIndexCard } from "@/components/results/national-index-card";
import { TrendChart } from "@/components/results/national-trend-chart";
import { RankingTable } from "@/components/results/ranking-table";
import { Input, Select } from "@/components/ui/input";
import { GRADE_BANDS } from "@/lib/domain/grades";
import { gradeDistribution } from "@/lib/domain/results/national-figures";
import { ZRankingQuery, firstValues, type ResultGroup } from "@/lib/schemas/results";
import { listPublishedCycles, loadNationalTrend, loadPublishedResults, sameSeries } from "@/lib/server/results/published";
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
  const [t, cycles] = await Promise.all([getTranslations(), listPublishedCycles()]);
  if (cycles.length === 0) return <NothingPublished title={t("publicResults.title")} />;
  const [locale, results] = await Promise.all([getLocale(), loadPublishedResults(query.cycle ?? cycles[0]!.id, query.version)]);
  if (!results) notFound();
  // The trend follows the cycles of the same programme and owner only (issue 16).
  const trend = await loadNationalTrend(cycles.filter((c) => sameSeries(c, results.cycle)));
  const { province, all, rows } = selectRanking(results, query);
  const page = Math.min(query.page, Math.max(1, Math.ceil(rows.length / PAGE_SIZE)));
  const units = results.units !== null;
  const groupName = units
    ? t("publicResults.unitsGroup", { owner: results.cycle.ownerName ?? "" })
    : query.group === "PROVINCE"
      ? t("publicResults.groupProvince", { province: province?.name ?? "" })
      : t(`institutionType.${query.group}`);
  // An earlier result version stays in the links (`version`); the current one needs none.
  const shownVersion = results.cycle.version && !results.cycle.version.current ? String(results.cycle.version.number) : undefined;
  const params = { cycle: results.cycle.id, version: shownVersion, group: query.group, province: province?.id, q: query.q, grade: query.grade };
  const versionHref = (number: number | null) =>
    `/results?${new URLSearchParams({ cycle: results.cycle.id, group: query.group, ...(number ? { version: String(number) } : {}) }).toString()}`;
  const exportHref = (format: string) =>
    `/api/results/rankings?${new URLSearchParams(Object.entries({ ...params, format }).filter((e): e is [string, string] => Boolean(e[1]))).toString()}`;
  const groupHref = (group: ResultGroup) =>
    `/results?${new URLSearchParams({ cycle: results.cycle.id, group, ...(shownVersion ? { version: shownVersion } : {}) }).toString()}`;

  return (
    <section aria-labelledby="page-title" className="space-y-8">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 id="page-title" className="text-2xl font-semibold">
            {t("publicResults.title")}
          </h1>
          <p className="mt-1 text-slate-600">{t("publicResults.subtitle", { cycle: results.cycle.name })}</p>
          <p className="text-sm text-slate-600" data-testid="cycle-owner">
            {t("publicResults.ownerLine", cycleSeries(results.cycle, locale, t("publicResults.ministry")))}
          </p>
        </div>
        <CyclePicker cycles={cycles} current={results.cycle.id} />
      </header>

      <VersionNotice version={results.cycle.version} href={versionHref} />

      <div className="grid gap-4 md:grid-cols-3">
        <NationalIndexCard cycleName={results.cycle.name} national={results.national} institutions={results.institutions.length} testId="national-index" />
        <figure className="rounded-xl border border-slate-200 bg-white p-4 md:col-span-2" data-testid="national-trend">
          <figcaption className="text-sm font-medium text-slate-700">{t("publicResults.trendTitle")}</figcaption>
          <TrendChart
            points={trend.map((p) => ({ label: String(p.cycle.year), value: p.national?.published ?? null }))}
            seriesLabel={t("publicResults.nationalIndexShort")}
          />
          <table className="sr-only">
            <caption>{t("publicResults.trendTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("publicResults.cycle")}</th>
                <th scope="col">{t("publicResults.nationalIndexShort")}</th>
              </tr>
            </thead>
            <tbody>
              {trend.map((p) => (
                <tr key={p.cycle.id}>
                  <th scope="row">{p.cycle.name}</th>
                  <td>{p.national ? `${p.national.published} (${p.national.grade})` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </figure>
      </div>

      {units ? null : <GroupTabs current={query.group} href={groupHref} />}

      <form method="get" className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4" aria-label={t("publicResults.filters")}>
        <input type="hidden" name="cycle" value={results.cycle.id} />
        <input type="hidden" name="group" value={query.group} />
        {shownVersion ? <input type="hidden" name="version" value={shownVersion} /> : null}
        {query.group === "PROVINCE" && !units ? (
          <label className="text-sm">
            <span className="block text-slate-600">{t("publicResults.province")}</span>
            <Select name="province" defaultValue={province?.id} compact>
              {results.provinces.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </label>
        ) : null}
        <label className="text-sm">
          <span className="block text-slate-600">{t("publicResults.search")}</span>
          <Input type="search" name="q" defaultValue={query.q ?? ""} compact />
        </label>
        <label className="text-sm">
          <span className="block text-slate-600">{t("publicResults.grade")}</span>
          <Select name="grade" defaultValue={query.grade ?? ""} compact>
            <option value="">{t("publicResults.allGrades")}</option>
            {GRADE_BANDS.map((b) => (
              <option key={b.grade} value={b.grade}>
                {b.grade} · {b.label}
              </option>
            ))}
          </Select>
        </label>
        <button type="submit" className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-medium text-white">
          {t("publicResults.apply")}
        </button>
      </form>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-3 lg:col-span-2">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 className="text-lg font-semibold" data-testid="group-title">
              {groupName}
            </h2>
            <div className="flex flex-wrap gap-2">
              <DownloadButton href={exportHref("xlsx")} label={t("publicResults.exportXlsx")} testId="export-xlsx" />
              <DownloadButton href={exportHref("csv")} label={t("publicResults.exportCsv")} testId="export-csv" />
            </div>
          </div>
          <p className="text-sm text-slate-600" role="status">
            {t("publicResults.count", { shown: rows.length, total: all.length })}
          </p>
          {rows.length === 0 ? (
            <EmptyState>{t("publicResults.noMatch")}</EmptyState>
          ) : (
            <RankingTable
              rows={rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)}
              caption={t("publicResults.tableCaption", { group: groupName, cycle: results.cycle.name })}
              institutionHref={units ? undefined : (id) => `/results/institutions/${id}`}
            />
          )}
          <Pagination page={page} pageSize={PAGE_SIZE} total={rows.length} params={params} />
        </div>
        <GradeDistribution data={gradeDistribution(all.map((r) => r.grade))} title={t("publicResults.distributionTitle", { group: groupName })} />
      </div>
    </section>
  );
}
