import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { DataTable } from "@/components/ui/table";
import { EmptyState } from "@/components/empty-state";
import { ProgressBadge } from "@/components/follow-up/progress-badge";
import { InstitutionResultCard } from "@/components/institution-result-card";
import { awardLines, standingLines } from "@/components/results/standing-text";
import { DownloadButton } from "@/components/download-button";
import { DeferredAspectComparisonChart, DeferredTrendChart } from "@/components/results/deferred-charts";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { loadHeadDashboard } from "@/lib/server/results/head-dashboard";
import { pickCycleForActor } from "@/lib/server/cycle/cycles";
import { CycleSwitcher } from "@/components/cycle-switcher";
import { headOmbudsman } from "@/lib/server/ombudsman/comparison";
import { OmbudsmanBeside } from "@/components/ombudsman/ombudsman-beside";
import { DAY } from "@/lib/i18n/formats";

export async function generateMetadata() {
  return { title: (await getTranslations("head"))("title") };
}

/**
 * The head's dashboard: its own institution only (the loader's scope is the head's institution),
 * in one of the cycles it takes part in (`?cycle=`, issue 16; by default the ministry's running one).
 */
export default async function HeadDashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePolicy("results.institution");
  const { cycles, cycle } = await pickCycleForActor(user, (await searchParams).cycle);
  const [t, format, locale, dashboard] = await Promise.all([getTranslations(), getFormatter(), getLocale(), cycle ? loadHeadDashboard(user, cycle.id) : null]);
  const results = dashboard?.results;
  const focus = results?.finalised ?? results?.current ?? null;
  const ranks = dashboard ? standingLines(t, dashboard) : null;
  // The Ombudsman's compliance result of the same year as the cycle shown (docs/domain.md §7).
  const ombudsman = dashboard && focus ? await headOmbudsman(user, dashboard.institutionId, focus.cycle.year) : null;
  return (
    <section aria-labelledby="page-title" className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        {/* min-w-0: a long cycle name in the switcher wraps instead of widening the page on a phone. */}
        <div className="min-w-0">
          <h1 id="page-title" className="text-2xl font-semibold">
            {t("head.title")}
          </h1>
          <p className="mt-1 text-slate-600">{user.institutionName}</p>
          {cycle ? <CycleSwitcher cycles={cycles} current={cycle} /> : null}
        </div>
        {dashboard && results?.finalised ? (
          <DownloadButton
            href={`/api/institutions/${dashboard.institutionId}/report-card?cycle=${results.finalised.cycle.id}`}
            label={t("dashboard.reportCard", { cycle: results.finalised.cycle.name })}
            testId="report-card"
          />
        ) : null}
      </div>
      {!dashboard || !results || (!results.current && !results.finalised) ? <EmptyState>{t("head.noResult")}</EmptyState> : null}
      {results?.finalised ? <InstitutionResultCard view={results.finalised} testId="finalised-cycle" /> : null}
      {dashboard && focus ? (
        <section aria-label={t("ombudsman.besideTitle", { year: String(focus.cycle.year) })} className="rounded-xl border border-slate-200 bg-white p-5">
          <OmbudsmanBeside result={ombudsman} year={focus.cycle.year} />
        </section>
      ) : null}

      {dashboard ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <section aria-labelledby="standing-title" className="rounded-xl border border-slate-200 bg-white p-5" data-testid="standing">
            <h2 id="standing-title" className="font-semibold">
              {t("dashboard.standingTitle")}
            </h2>
            {ranks && dashboard ? (
              <ul className="mt-3 space-y-2 text-sm">
                <li data-testid="national-rank">{ranks.national}</li>
                {dashboard.publishedCycle?.version?.correctedAt ? (
                  <li data-testid="standing-corrected" className="font-medium text-amber-900">
                    {t("correction.correctedOn", { date: format.dateTime(dashboard.publishedCycle.version.correctedAt, DAY) })}
                  </li>
                ) : null}
                {ranks.province ? <li data-testid="province-rank">{ranks.province}</li> : null}
              </ul>
            ) : (
              <p className="mt-3 text-sm text-slate-600">{t("dashboard.noStanding")}</p>
            )}
          </section>

          <section aria-labelledby="awards-title" className="rounded-xl border border-slate-200 bg-white p-5" data-testid="award-eligibility">
            <h2 id="awards-title" className="font-semibold">
              {t("dashboard.awardsTitle")}
            </h2>
            {dashboard.awards.length > 0 ? (
              <ul className="mt-3 space-y-3 text-sm">
                {dashboard.awards.map((award) => {
                  const lines = awardLines(t, locale, award);
                  return (
                    <li key={`${award.ruleId}-${award.locus?.id ?? ""}`} data-testid="award-line">
                      <p className="font-medium">{lines.title}</p>
                      <p className="text-slate-600">{lines.reason}</p>
                    </li>
                  );
                })}
              </ul>
            ) : (
              <p className="mt-3 text-sm text-slate-600">
                {dashboard.publishedCycle ? t("dashboard.noAwards", { cycle: dashboard.publishedCycle.name }) : t("dashboard.noStanding")}
              </p>
            )}
          </section>
        </div>
      ) : null}

      {focus && focus.aspects.length > 0 ? (
        <section aria-labelledby="aspects-title" className="rounded-xl border border-slate-200 bg-white p-5" data-testid="aspect-comparison">
          <h2 id="aspects-title" className="font-semibold">
            {t("dashboard.aspectsTitle", { cycle: focus.cycle.name })}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("dashboard.aspectsIntro")}</p>
          <div className="mt-4 rounded-lg bg-amber-50 p-4" data-testid="biggest-losses">
            <h3 className="text-sm font-semibold">{t("dashboard.biggestLossTitle")}</h3>
            <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm">
              {focus.aspects.slice(0, 3).map((a) => (
                <li key={a.code}>{t("dashboard.lossItem", { aspect: `${a.code}. ${a.name}`, loss: a.loss, verified: a.verified, weight: a.weight })}</li>
              ))}
            </ol>
            <p className="mt-2 text-xs text-slate-700">{t("dashboard.lossIntro")}</p>
          </div>
          <DeferredAspectComparisonChart data={focus.aspects} selfLabel={t("dashboard.self")} verifiedLabel={t("dashboard.verified")} />
          <DataTable
            caption={t("dashboard.aspectsTitle", { cycle: focus.cycle.name })}
            headers={[t("dashboard.aspect"), t("dashboard.weight"), t("dashboard.self"), t("dashboard.verified"), t("dashboard.gap"), t("dashboard.loss")]}
          >
            {focus.aspects.map((a) => (
              <tr key={a.code} data-testid="aspect-row">
                <th scope="row" className="px-4 py-2 text-left font-normal">
                  {a.code}. {a.name}
                </th>
                <td className="px-4 py-2 tabular-nums">{a.weight}%</td>
                <td className="px-4 py-2 tabular-nums">{a.self}</td>
                <td className="px-4 py-2 font-semibold tabular-nums">{a.verified}</td>
                <td className="px-4 py-2 tabular-nums">{a.gap}</td>
                <td className="px-4 py-2 tabular-nums" data-testid="aspect-loss">
                  {a.loss}
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}

      {cycle ? (
        // The planner is a page of its own (issue 17): each visit here would otherwise read and send every locus's levels.
        <section aria-labelledby="what-if-title" className="rounded-xl border border-slate-200 bg-white p-5" data-testid="what-if-entry">
          <h2 id="what-if-title" className="font-semibold">
            {t("whatIf.title")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("whatIf.dashboardIntro")}</p>
          <Link href={`/dashboard/what-if?cycle=${cycle.id}`} className="mt-3 inline-block text-sm text-brand-700 underline" data-testid="what-if-link">
            {t("whatIf.link")}
          </Link>
        </section>
      ) : null}

      {dashboard && dashboard.trend.length > 0 ? (
        <section aria-labelledby="trend-title" className="rounded-xl border border-slate-200 bg-white p-5" data-testid="institution-trend">
          <h2 id="trend-title" className="font-semibold">
            {t("dashboard.trendTitle")}
          </h2>
          <DeferredTrendChart points={dashboard.trend.map((p) => ({ label: String(p.year), value: p.published }))} seriesLabel={t("dashboard.trendSeries")} />
          <DataTable
            caption={t("dashboard.trendTitle")}
            headers={[t("publicResults.cycle"), t("publicResults.colIndex"), t("publicResults.colGrade"), t("dashboard.trendStatus")]}
          >
            {dashboard.trend.map((p) => (
              <tr key={p.cycleId} data-testid="trend-row">
                <th scope="row" className="px-4 py-2 text-left font-normal">
                  {p.cycleName}
                </th>
                <td className="px-4 py-2 tabular-nums">{p.published}</td>
                <td className="px-4 py-2">{p.grade}</td>
                <td className="px-4 py-2 text-slate-600">
                  {p.provisional ? t("dashboard.provisional") : p.publicResult ? t("dashboard.published") : t("dashboard.finalNotPublished")}
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}

      {results?.current ? <InstitutionResultCard view={results.current} testId="current-cycle" /> : null}

      {results?.finalised ? (
        <section aria-labelledby="recommendations-title" className="space-y-3" data-testid="head-recommendations">
          <h2 id="recommendations-title" className="font-semibold">
            {t("dashboard.recommendationsTitle", { cycle: results.finalised.cycle.name })}
          </h2>
          {dashboard && dashboard.recommendations.length > 0 ? (
            <DataTable
              caption={t("dashboard.recommendationsTitle", { cycle: results.finalised.cycle.name })}
              headers={[t("dashboard.locus"), t("dashboard.target"), t("dashboard.recommendation"), t("dashboard.targetDate"), t("dashboard.status")]}
            >
              {dashboard.recommendations.map((r) => (
                <tr key={r.id} data-testid="head-recommendation">
                  <td className="px-4 py-2">{r.locusName}</td>
                  <td className="px-4 py-2">{r.target}</td>
                  <td className="px-4 py-2">{r.text}</td>
                  <td className="px-4 py-2 tabular-nums">{r.targetDate ?? "—"}</td>
                  <td className="px-4 py-2">
                    <ProgressBadge progress={r.progress} overdue={r.overdue} />
                  </td>
                </tr>
              ))}
            </DataTable>
          ) : (
            <EmptyState>{t("dashboard.noRecommendations")}</EmptyState>
          )}
        </section>
      ) : null}
    </section>
  );
}
