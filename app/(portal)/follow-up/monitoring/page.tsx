import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { CompletionSection } from "@/components/follow-up/completion-section";
import { CycleSwitcher } from "@/components/cycle-switcher";
import { RecommendationTable } from "@/components/follow-up/recommendation-table";
import { Pagination } from "@/components/pagination";
import { DownloadButton } from "@/components/download-button";
import { ZFollowUpListFilter } from "@/lib/schemas/follow-up";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { loadFollowUpMonitoring } from "@/lib/server/follow-up/monitoring";
import { chooseFollowUpCycle, listFollowUpCycles, listFollowUpRecommendations } from "@/lib/server/follow-up/views";

export async function generateMetadata() {
  return { title: (await getTranslations("followUp"))("monitoring.title") };
}

/**
 * Follow-up monitoring for heads (their own institution) and admins (every institution): the
 * completion rate per aspect, province and institution, and the open recommendations with exports.
 */
export default async function FollowUpMonitoringPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePolicy("followUp.monitor");
  const filter = ZFollowUpListFilter.parse(await searchParams);
  const [t, cycles] = await Promise.all([getTranslations("followUp"), listFollowUpCycles(actor)]);
  const cycle = chooseFollowUpCycle(cycles, filter.cycle);
  const [monitoring, open] = cycle
    ? await Promise.all([
        loadFollowUpMonitoring(actor, cycle.id),
        listFollowUpRecommendations(actor, "followUp.monitor", cycle.id, { show: "open", page: filter.page }),
      ])
    : [null, null];
  return (
    <div className="space-y-8">
      <section aria-labelledby="page-title">
        <h1 id="page-title" className="text-2xl font-semibold">
          {t("monitoring.title")}
        </h1>
        <p className="mt-1 text-slate-600">
          {actor.role === "HEAD" ? t("monitoring.introHead", { institution: actor.institutionName ?? "" }) : t("monitoring.introAdmin")}
        </p>
        {cycle ? <CycleSwitcher cycles={cycles} current={cycle} /> : null}
      </section>
      {!cycle || !monitoring || !open ? (
        <EmptyState>{t("noCycles")}</EmptyState>
      ) : (
        <>
          <dl className="grid gap-3 sm:grid-cols-4" data-testid="completion-summary">
            {[
              [t("monitoring.total"), String(monitoring.overall.total)],
              [t("monitoring.completed"), String(monitoring.overall.completed)],
              [t("monitoring.rate"), monitoring.overall.percent === null ? "—" : `${monitoring.overall.percent}%`],
              [t("monitoring.overdue"), String(monitoring.overall.overdue)],
            ].map(([label, value]) => (
              <div key={label} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
                <dt className="text-sm text-slate-600">{label}</dt>
                <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
              </div>
            ))}
          </dl>
          <p className="text-xs text-slate-600">{t("monitoring.rule")}</p>
          <CompletionSection id="by-aspect" testId="completion-by-aspect" title={t("monitoring.byAspect")} groups={monitoring.aspects} />
          <CompletionSection
            id="by-province"
            testId="completion-by-province"
            title={t("monitoring.byProvince")}
            groups={monitoring.provinces.map((g) => (g.key === "" ? { ...g, label: t("national") } : g))}
          />
          <CompletionSection
            id="by-institution"
            testId="completion-by-institution"
            title={t("monitoring.byInstitution")}
            groups={monitoring.institutions}
            chart={monitoring.institutions.length <= 40}
          />

          <section aria-labelledby="open-title" className="space-y-3">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="open-title" className="text-lg font-semibold">
                {t("monitoring.openTitle", { count: open.total })}
              </h2>
              <p className="flex flex-wrap gap-3 text-sm">
                <DownloadButton href={`/api/follow-up/open-recommendations?format=xlsx&cycle=${cycle.id}`} label={t("monitoring.exportXlsx")} />
                <DownloadButton href={`/api/follow-up/open-recommendations?format=csv&cycle=${cycle.id}`} label={t("monitoring.exportCsv")} />
              </p>
            </div>
            <RecommendationTable rows={open.rows} caption={t("monitoring.openTitle", { count: open.total })} emptyText={t("monitoring.noOpen")} />
            <Pagination page={open.page} pageSize={open.pageSize} total={open.total} params={{ cycle: cycle.id }} />
          </section>
        </>
      )}
    </div>
  );
}
