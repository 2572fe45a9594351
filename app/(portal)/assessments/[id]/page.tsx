import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { AuditEventList } from "@/components/audit/audit-event-list";
import { EmptyState } from "@/components/empty-state";
import { StatusBadge } from "@/components/status-badge";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { countScoredIndicators, findAssessment } from "@/lib/server/data/assessments";
import { listAssessmentHistory } from "@/lib/server/data/audit";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One locus's assessment: what its evaluator, verifier, head or an admin may see of it, and its history. */
export default async function AssessmentPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePolicy("assessment.view");
  const { id } = await params;
  const assessment = UUID.test(id) ? await findAssessment(actor, id) : null;
  if (!assessment) notFound();
  const [t, format, total, history] = await Promise.all([
    getTranslations(),
    getFormatter(),
    countScoredIndicators(assessment.cycleId),
    assessment.canSeeHistory ? listAssessmentHistory(assessment.id) : Promise.resolve([]),
  ]);
  const deadline = assessment.cycle.stages.find((s) => s.kind === "SELF_ASSESSMENT")?.endsAt;
  return (
    <section aria-labelledby="page-title" className="space-y-8">
      <div>
        <p className="text-sm text-slate-600">{assessment.locus.institution.name} · {assessment.cycle.name}</p>
        <h1 id="page-title" className="mt-1 text-2xl font-semibold">{assessment.locus.name}</h1>
        <div className="mt-3 flex flex-wrap items-center gap-4 text-sm">
          <StatusBadge status={assessment.status} />
          <span>{t(`serviceType.${assessment.locus.serviceType}`)}</span>
          <span>{t("common.answeredOf", { answered: assessment._count.selfAnswers, total })}</span>
          <span>{t("evaluator.evidenceCount", { count: assessment._count.evidence })}</span>
          {deadline ? <span>{t("common.deadline")}: {format.dateTime(deadline, { dateStyle: "long" })}</span> : null}
        </div>
      </div>
      {assessment.canSeeHistory ? (
        <div>
          <h2 className="text-lg font-semibold">{t("assessment.history")}</h2>
          <div className="mt-3">
            {history.length === 0 ? <EmptyState>{t("assessment.noHistory")}</EmptyState> : <AuditEventList events={history} showEntity={false} />}
          </div>
        </div>
      ) : null}
    </section>
  );
}
