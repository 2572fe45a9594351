import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { StatusBadge } from "@/components/status-badge";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { countScoredIndicators, listLociForEvaluator } from "@/lib/server/assessment/queries";
import { pickCycleForActor } from "@/lib/server/cycle/cycles";
import { CycleSwitcher } from "@/components/cycle-switcher";
import { DAY } from "@/lib/i18n/formats";

export async function generateMetadata() {
  return { title: (await getTranslations("evaluator"))("title") };
}

export default async function EvaluatorLociPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePolicy("loci.list");
  // Every cycle the evaluator's institution takes part in (issue 16): the national one, its own Mandiri cycle …
  const requested = (await searchParams).cycle;
  const [t, format, { cycles, cycle }] = await Promise.all([getTranslations(), getFormatter(), pickCycleForActor(user, requested)]);
  if (!cycle) return <EmptyState>{t("common.noActiveCycle")}</EmptyState>;
  const [loci, total] = await Promise.all([listLociForEvaluator(user, cycle.id), countScoredIndicators(cycle.id)]);
  const deadline = cycle.stages.find((s) => s.kind === "SELF_ASSESSMENT")?.endsAt;
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="text-2xl font-semibold">
        {t("evaluator.title")}
      </h1>
      <p className="mt-1 text-slate-600">{t("evaluator.intro", { cycle: cycle.name })}</p>
      <CycleSwitcher cycles={cycles} current={cycle} />
      {loci.length === 0 ? (
        <div className="mt-6">
          <EmptyState>{t("evaluator.empty")}</EmptyState>
        </div>
      ) : (
        <ul className="mt-6 grid gap-4 md:grid-cols-3">
          {loci.map((assessment) => {
            const answered = assessment._count.selfAnswers;
            return (
              <li key={assessment.id} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-testid="locus-card">
                <p className="text-xs tracking-wide text-slate-500 uppercase">{t(`serviceType.${assessment.locus.serviceType}`)}</p>
                <h2 className="mt-1 font-semibold">
                  <Link href={`/assessments/${assessment.id}`} className="text-brand-900 underline-offset-2 hover:underline">
                    {assessment.locus.name}
                  </Link>
                </h2>
                <div className="mt-3">
                  <StatusBadge status={assessment.status} />
                </div>
                <dl className="mt-4 space-y-1 text-sm">
                  {/* The bar belongs to the progress value (a <dl> holds only dt/dd groups: axe definition-list). */}
                  <div className="grid grid-cols-[auto_1fr] gap-x-2">
                    <dt className="text-slate-600">{t("common.progress")}</dt>
                    <dd className="text-right">{t("common.answeredOf", { answered, total })}</dd>
                    <dd className="col-span-2 mt-1">
                      <div
                        className="h-2 overflow-hidden rounded-full bg-slate-100"
                        role="progressbar"
                        aria-valuemin={0}
                        aria-valuemax={total}
                        aria-valuenow={answered}
                        aria-label={t("common.progress")}
                      >
                        <div className="h-full bg-brand-600" style={{ width: `${total ? Math.round((answered / total) * 100) : 0}%` }} />
                      </div>
                    </dd>
                  </div>
                  <div className="flex justify-between gap-2">
                    <dt className="text-slate-600">{t("common.evidence")}</dt>
                    <dd>{t("evaluator.evidenceCount", { count: assessment._count.evidence })}</dd>
                  </div>
                  <div className="flex justify-between gap-2">
                    <dt className="text-slate-600">{t("common.deadline")}</dt>
                    <dd>{deadline ? format.dateTime(deadline, DAY) : t("common.none")}</dd>
                  </div>
                </dl>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
