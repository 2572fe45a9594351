import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { GradeBadge } from "@/components/grade-badge";
import { StatusBadge } from "@/components/status-badge";
import type { StoredInstitutionView } from "@/lib/server/results/institution-stored";

/** An institution's verified result in one cycle: its index when complete, and each locus (stored results). */
export async function InstitutionResultCard({ view, testId }: { view: StoredInstitutionView; testId: string }) {
  const t = await getTranslations();
  return (
    <section aria-labelledby={`${testId}-title`} className="space-y-4" data-testid={testId}>
      <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id={`${testId}-title`} className="text-sm text-slate-600">
          {t("head.resultOf", { cycle: view.cycle.name })}
        </h2>
        <p className="mt-2 text-sm font-medium text-slate-700">{t("head.institutionIndex")}</p>
        {view.index ? (
          <p className="mt-1 flex flex-wrap items-baseline gap-4">
            <span className="text-5xl font-bold tabular-nums" data-testid="institution-index">
              {view.index.published}
            </span>
            <span data-testid="institution-grade">
              <GradeBadge grade={view.index.grade} label={view.index.label} />
            </span>
          </p>
        ) : (
          <p className="mt-1 text-sm text-slate-600">
            {t("head.notYetComplete", { verified: view.loci.filter((l) => l.result).length, total: view.loci.length })}
          </p>
        )}
        {/* Explain my score (issue 18): every index shown here leads to its formulas. */}
        <Link href={`/dashboard/explain?cycle=${view.cycle.id}`} className="mt-3 inline-block text-sm text-brand-700 underline" data-testid="explain-link">
          {t("explain.link")}
        </Link>
      </div>
      <ul className="grid gap-4 md:grid-cols-3">
        {view.loci.map((locus) => {
          const result = locus.result;
          return (
            <li key={locus.assessmentId} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-testid="locus-result">
              <p className="text-xs tracking-wide text-slate-500 uppercase">{t(`serviceType.${locus.serviceType}`)}</p>
              <h3 className="mt-1 font-semibold">{locus.name}</h3>
              <div className="mt-2">
                <StatusBadge status={locus.status} />
              </div>
              {result ? (
                <>
                  <p className="mt-3 flex items-baseline gap-3">
                    <span className="text-3xl font-bold tabular-nums" data-testid="locus-index">
                      {result.classification.published}
                    </span>
                    <GradeBadge grade={result.classification.grade} label={result.classification.label} />
                  </p>
                  <p className="mt-2 text-xs text-slate-600" data-testid="locus-index-basis">
                    {result.f03Included && result.f03
                      ? t("head.f03Included", {
                          f02: result.f02,
                          f03: result.f03,
                          share: view.cycle.f02SharePercent,
                          rest: 100 - view.cycle.f02SharePercent,
                        })
                      : t("head.f02Only", { count: result.respondents, min: view.cycle.minSurveyRespondents })}
                  </p>
                  <Link href={`/assessments/${locus.assessmentId}/explain`} className="mt-2 inline-block text-xs text-brand-700 underline">
                    {t("explain.link")}
                  </Link>
                </>
              ) : (
                <p className="mt-3 text-sm text-slate-600">{t("head.notVerifiedYet")}</p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
