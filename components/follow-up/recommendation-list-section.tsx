import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { Pagination } from "@/components/pagination";
import type { TFollowUpListFilter } from "@/lib/schemas/follow-up";
import type { CycleChoice } from "@/lib/server/cycle/cycles";
import type { FollowUpListRow } from "@/lib/server/follow-up/views";
import { CycleSwitcher } from "@/components/cycle-switcher";
import { FollowUpFilters } from "./list-filters";
import { RecommendationTable } from "./recommendation-table";

/**
 * A page of recommendations of one cycle in the actor's scope under a policy (the evaluator's own
 * loci, the verifier's assigned institutions), with the cycle switcher, the "show" filter and pagination.
 * The page loads them (listFollowUpCycles, chooseFollowUpCycle, listFollowUpRecommendations);
 * `cycle` and `list` are null when no cycle has recommendations.
 */
export async function RecommendationListSection({
  cycles,
  cycle,
  list,
  show,
  title,
  intro,
}: {
  cycles: readonly CycleChoice[];
  cycle: CycleChoice | null;
  list: { rows: FollowUpListRow[]; total: number; page: number; pageSize: number } | null;
  show: TFollowUpListFilter["show"];
  title: string;
  intro: string;
}) {
  const t = await getTranslations("followUp");
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="text-2xl font-semibold">
        {title}
      </h1>
      <p className="mt-1 text-slate-600">{intro}</p>
      {cycle && list ? (
        <>
          <CycleSwitcher cycles={cycles} current={cycle} />
          <FollowUpFilters cycleId={cycle.id} show={show} />
          <p className="mt-4 text-sm text-slate-600" aria-live="polite">
            {t("resultCount", { count: list.total })}
          </p>
          <div className="mt-3">
            <RecommendationTable rows={list.rows} caption={title} emptyText={t("emptyList")} />
          </div>
          <Pagination page={list.page} pageSize={list.pageSize} total={list.total} params={{ cycle: cycle.id, show }} />
        </>
      ) : (
        <div className="mt-6">
          <EmptyState>{t("noCycles")}</EmptyState>
        </div>
      )}
    </section>
  );
}
