import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { GradeBadge } from "@/components/grade-badge";
import { publish } from "@/lib/domain/scoring";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { loadHeadInstitutionResult } from "@/lib/server/data/institution-results";

export async function generateMetadata() {
  return { title: (await getTranslations("head"))("title") };
}

export default async function HeadDashboardPage() {
  const user = await requirePolicy("results.institution");
  const [t, view] = [await getTranslations(), await loadHeadInstitutionResult(user)];
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="text-2xl font-semibold">{t("head.title")}</h1>
      <p className="mt-1 text-slate-600">{user.institutionName}</p>
      {!view || !view.index ? (
        <div className="mt-6"><EmptyState>{t("head.noResult")}</EmptyState></div>
      ) : (
        <>
          <div className="mt-6 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
            <p className="text-sm text-slate-600">{t("head.resultOf", { cycle: view.cycle.name })}</p>
            <h2 className="mt-2 text-sm font-medium text-slate-700">{t("head.institutionIndex")}</h2>
            <p className="mt-1 flex flex-wrap items-baseline gap-4">
              <span className="text-5xl font-bold tabular-nums" data-testid="institution-index">{view.index.published}</span>
              <span data-testid="institution-grade"><GradeBadge grade={view.index.grade} label={view.index.label} /></span>
            </p>
          </div>
          <h2 className="mt-8 text-lg font-semibold">{t("head.perLocus")}</h2>
          <ul className="mt-3 grid gap-4 md:grid-cols-3">
            {view.loci.map((locus) => {
              const f02 = publish(locus.result.f02.total).published;
              const f03 = locus.result.f03.score ? publish(locus.result.f03.score).published : null;
              return (
                <li key={locus.assessmentId} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
                  <p className="text-xs tracking-wide text-slate-500 uppercase">{t(`serviceType.${locus.serviceType}`)}</p>
                  <h3 className="mt-1 font-semibold">{locus.name}</h3>
                  <p className="mt-3 flex items-baseline gap-3">
                    <span className="text-3xl font-bold tabular-nums">{locus.result.classification.published}</span>
                    <GradeBadge grade={locus.result.classification.grade} label={locus.result.classification.label} />
                  </p>
                  <p className="mt-2 text-xs text-slate-600">
                    {locus.result.index.f03Included && f03
                      ? t("head.f03Included", { f02, f03, share: view.cycle.f02SharePercent, rest: 100 - view.cycle.f02SharePercent })
                      : t("head.f02Only", { count: locus.result.f03.respondents, min: view.cycle.minSurveyRespondents })}
                  </p>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
