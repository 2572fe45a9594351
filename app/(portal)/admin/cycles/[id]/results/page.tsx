import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { CycleHeader } from "@/components/admin/cycles/cycle-header";
import { CycleTabs } from "@/components/admin/cycles/cycle-tabs";
import { DownloadButton } from "@/components/download-button";
import { EmptyState } from "@/components/empty-state";
import { Pagination } from "@/components/pagination";
import { AwardReason } from "@/components/results/award-reason";
import { GroupTabs } from "@/components/results/group-tabs";
import { NationalIndexCard } from "@/components/results/national-index-card";
import { RankingTable } from "@/components/results/ranking-table";
import { ZRankingQuery, firstValues } from "@/lib/schemas/results";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { findCycleForAdmin } from "@/lib/server/cycle/cycles";
import { loadAwardsFor, loadResultsPreview } from "@/lib/server/results/published";
import { selectRanking } from "@/lib/server/results/ranking-view";

const PAGE_SIZE = 50;

export async function generateMetadata() {
  return { title: (await getTranslations("resultsPreview"))("title") };
}

/**
 * A finalised cycle's rankings and award eligibility exactly as publishing would show them, for
 * the admin who decides on publication. The public pages never read this loader.
 */
export default async function CycleResultsPreviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePolicy("cycle.publish");
  const cycle = await findCycleForAdmin(actor, (await params).id);
  if (!cycle) notFound();
  const query = ZRankingQuery.parse(firstValues(await searchParams));
  const [t, locale, results] = await Promise.all([getTranslations(), getLocale(), loadResultsPreview(actor, cycle.id)]);
  const awards = results ? await loadAwardsFor(results) : null;
  const base = `/admin/cycles/${cycle.id}/results`;
  return (
    <section aria-labelledby="page-title">
      <CycleHeader cycle={cycle} />
      <CycleTabs cycleId={cycle.id} current="results" />
      {!results || !awards ? (
        <div className="mt-6">
          <EmptyState>{t("resultsPreview.notFinalised")}</EmptyState>
        </div>
      ) : (
        (() => {
          const { province, all, rows } = selectRanking(results, query);
          const page = Math.min(query.page, Math.max(1, Math.ceil(rows.length / PAGE_SIZE)));
          const groupName =
            query.group === "PROVINCE" ? t("publicResults.groupProvince", { province: province?.name ?? "" }) : t(`institutionType.${query.group}`);
          return (
            <div className="mt-6 space-y-6">
              <p
                role="status"
                data-testid="preview-banner"
                className={`rounded-md border px-4 py-3 text-sm ${results.cycle.publishedAt ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-amber-300 bg-amber-50 text-amber-900"}`}
              >
                {results.cycle.publishedAt ? t("resultsPreview.publishedBanner") : t("resultsPreview.previewBanner")}
                {results.cycle.publishedAt ? (
                  <>
                    {" "}
                    <Link href={`/results?cycle=${cycle.id}`} className="underline">
                      {t("resultsPreview.openPublic")}
                    </Link>
                  </>
                ) : null}
              </p>
              <NationalIndexCard cycleName={cycle.name} national={results.national} institutions={results.institutions.length} testId="preview-national" />
              {results.cycle.publishedAt ? (
                // The cycle's report as a file (an institution admin's own report, issue 16): the published ranking of this group.
                <div className="flex flex-wrap gap-2">
                  <DownloadButton
                    href={`/api/results/rankings?cycle=${cycle.id}&group=${query.group}&format=xlsx`}
                    label={t("publicResults.exportXlsx")}
                    testId="export-xlsx"
                  />
                  <DownloadButton
                    href={`/api/results/rankings?cycle=${cycle.id}&group=${query.group}&format=csv`}
                    label={t("publicResults.exportCsv")}
                    testId="export-csv"
                  />
                </div>
              ) : null}
              <GroupTabs current={query.group} href={(group) => `${base}?group=${group}`} />
              <h2 className="text-lg font-semibold">{groupName}</h2>
              <p className="text-sm text-slate-600">{t("publicResults.count", { shown: rows.length, total: all.length })}</p>
              {rows.length === 0 ? (
                <EmptyState>{t("publicResults.noMatch")}</EmptyState>
              ) : (
                <RankingTable
                  rows={rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)}
                  caption={t("publicResults.tableCaption", { group: groupName, cycle: cycle.name })}
                />
              )}
              <Pagination page={page} pageSize={PAGE_SIZE} total={rows.length} params={{ group: query.group, province: province?.id }} />
              <section aria-labelledby="preview-awards" className="space-y-3" data-testid="preview-awards">
                <h2 id="preview-awards" className="text-lg font-semibold">
                  {t("resultsPreview.awardsTitle")}
                </h2>
                <ul className="space-y-3 text-sm">
                  {awards.rules.map((rule) => {
                    const eligible = awards.eligibility.get(rule.id) ?? [];
                    return (
                      <li key={rule.id} className="rounded-lg border border-slate-200 bg-white p-3">
                        <details>
                          <summary className="cursor-pointer font-medium">
                            {rule.name[locale === "en" ? "en" : "id"]}: {t("resultsPreview.eligibleCount", { count: eligible.length })}
                          </summary>
                          <ul className="mt-2 space-y-1">
                            {eligible.map((e) => (
                              <li key={`${e.institutionId}-${e.locus?.id ?? ""}`}>
                                {e.institutionName}
                                {e.locus ? ` · ${e.locus.name}` : ""}:{" "}
                                <span className="text-slate-600">
                                  <AwardReason reason={e.reason} />
                                </span>
                              </li>
                            ))}
                          </ul>
                        </details>
                      </li>
                    );
                  })}
                </ul>
              </section>
            </div>
          );
        })()
      )}
    </section>
  );
}
