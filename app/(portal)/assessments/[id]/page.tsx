import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { AppealList } from "@/components/appeals/appeal-list";
import { FileAppealForm } from "@/components/appeals/appeal-forms";
import { AuditEventList } from "@/components/audit/audit-event-list";
import { conversationSlots } from "@/components/conversation/conversation-slots";
import { OpenQuestions } from "@/components/conversation/open-questions";
import { EmptyState } from "@/components/empty-state";
import { previousRecommendationSlots } from "@/components/follow-up/previous-recommendation";
import { LocusExportLinks } from "@/components/results/locus-export-links";
import { RecommendationList } from "@/components/recommendations/recommendation-list";
import { ReopenForm } from "@/components/self-assessment/reopen-form";
import { ReviewRounds } from "@/components/self-assessment/review-rounds";
import { SelfAssessmentWorkspace } from "@/components/self-assessment/workspace";
import { BeritaAcaraLink } from "@/components/sign-off/berita-acara-link";
import { StatusBadge } from "@/components/status-badge";
import { SurveyComments } from "@/components/survey/survey-comments";
import { SurveyLinksPanel } from "@/components/survey/survey-links-panel";
import { buttonClass } from "@/components/ui/button";
import { env } from "@/lib/env";
import { isUuid } from "@/lib/schemas/ids";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { listAssessmentHistory } from "@/lib/server/audit/search";
import { loadPreviousRecommendations } from "@/lib/server/follow-up/previous";
import { listRecommendations } from "@/lib/server/verification/recommendations";
import { listSurveyComments, surveyBaseUrl, surveyStatusForAssessment } from "@/lib/server/survey/survey";
import { loadWorkspace } from "@/lib/server/assessment/workspace";
import { loadConversation } from "@/lib/server/conversation/comments";
import { appealableIndicators, appealsOfAssessment } from "@/lib/server/appeals/appeals";
import { lastSendBack } from "@/lib/server/verification/second-tier";
import { DAY } from "@/lib/i18n/formats";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const t = await getTranslations("workspace");
  return { title: t("pageTitle", { id: (await params).id.slice(0, 8) }) };
}

/** One locus's self-assessment: editable by its evaluator while open, read-only for everyone else in scope. */
export default async function AssessmentPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePolicy("assessment.view");
  const { id } = await params;
  const workspace = isUuid(id) ? await loadWorkspace(actor, id) : null;
  if (!workspace) notFound();
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  const [history, recommendations, survey, previous, conversation, appeals, appealable, sentBack, surveyComments] = await Promise.all([
    // As the viewer's role may read it: no verifier's work in progress for the unit, nobody else's address.
    workspace.assessment.canSeeHistory ? listAssessmentHistory(actor, id) : Promise.resolve([]),
    listRecommendations(actor, id),
    // Null unless the viewer manages this locus's F-03 survey (its verifier, an admin).
    surveyStatusForAssessment(actor, id),
    // The previous cycle's recommendations of this locus and their follow-up, beside each indicator.
    loadPreviousRecommendations(actor, id),
    // Each indicator's thread between the unit and its verifiers (admins and the head read it).
    loadConversation(actor, id),
    // Appeals (sanggah) of its verified levels, and what the unit's evaluator may still appeal (issue 15).
    appealsOfAssessment(actor, id),
    appealableIndicators(actor, id),
    // The second tier's latest send-back, shown to the first-tier verifier while it is in review again.
    actor.role === "VERIFIER" && workspace.assessment.status === "IN_REVIEW" ? lastSendBack(id) : Promise.resolve(null),
    // The F-03 comments: never public, read by the institution's head and admins only (empty for anyone else).
    listSurveyComments(actor, id),
  ]);
  const latestReturn = workspace.assessment.status === "RETURNED" ? workspace.rounds.find((r) => r.decision === "RETURNED") : undefined;
  const returnReasons: Record<string, string[]> = {};
  for (const reason of latestReturn?.reasons ?? []) (returnReasons[reason.indicatorCode] ??= []).push(reason.reason);
  const block = workspace.editBlock;

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-600">
          {workspace.assessment.institutionName} · {workspace.assessment.cycleName} · {t(`serviceType.${workspace.assessment.serviceType}`)}
        </p>
        <h1 className="mt-1 text-2xl font-semibold">{workspace.assessment.locusName}</h1>
        <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
          <StatusBadge status={workspace.assessment.status} />
          {workspace.window ? <span>{t("workspace.window", { from: new Date(workspace.window.startsAt), to: new Date(workspace.window.endsAt) })}</span> : null}
          {workspace.assessment.reopenedUntil ? <span>{t("workspace.reopenedUntil", { until: new Date(workspace.assessment.reopenedUntil) })}</span> : null}
        </div>
        {conversation ? <OpenQuestions openQuestions={conversation.openQuestions} /> : null}
        <LocusExportLinks assessmentId={workspace.assessment.id} />
        <BeritaAcaraLink actor={actor} assessmentId={workspace.assessment.id} status={workspace.assessment.status} />
        <Link href={`/assessments/${workspace.assessment.id}/what-if`} className="text-sm text-brand-700 underline" data-testid="what-if-link">
          {t("whatIf.link")}
        </Link>{" "}
        <Link href={`/assessments/${workspace.assessment.id}/explain`} className="text-sm text-brand-700 underline" data-testid="explain-locus-link">
          {t("explain.link")}
        </Link>
      </div>

      <ReviewRounds rounds={workspace.rounds} status={workspace.assessment.status} />

      {block.kind === "status" && block.status !== "DRAFT" && block.status !== "RETURNED" ? (
        <p role="status" className="rounded-md border border-slate-300 bg-white px-4 py-3 text-sm" data-testid="locked-notice">
          {t(`workspace.lockedBecause.${block.status}`)}
        </p>
      ) : null}
      {block.kind === "window" ? (
        <p role="status" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900" data-testid="window-notice">
          {block.from && block.to
            ? t(block.reason === "NOT_STARTED" ? "selfAssessment.notStarted" : "selfAssessment.ended", { from: new Date(block.from), to: new Date(block.to) })
            : t("selfAssessment.noStage")}
        </p>
      ) : null}
      {sentBack ? (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm" data-testid="sent-back-notice">
          {t("secondTier.sentBackNotice", { name: sentBack.decidedBy.name, date: sentBack.decidedAt, reasons: sentBack.reasons })}
        </p>
      ) : null}
      {workspace.canReopen ? <ReopenForm assessmentId={workspace.assessment.id} /> : null}
      {actor.role === "VERIFIER" && ["SUBMITTED", "IN_REVIEW"].includes(workspace.assessment.status) ? (
        <Link href={`/assessments/${workspace.assessment.id}/review`} className={buttonClass({ className: "inline-block" })}>
          {t("verification.review")}
        </Link>
      ) : null}

      {/* The survey's links and count first: the verifier opens them early, before working through the indicators. */}
      {survey ? <SurveyLinksPanel status={survey} baseUrl={await surveyBaseUrl()} /> : null}
      {surveyComments.length > 0 ? <SurveyComments comments={surveyComments} /> : null}

      <SelfAssessmentWorkspace
        assessmentId={workspace.assessment.id}
        instrument={workspace.instrument}
        initialAnswers={workspace.answers}
        evidence={workspace.evidence}
        returnReasons={returnReasons}
        surveyResponses={workspace.surveyResponses}
        settings={workspace.settings}
        evidenceRequiredAboveZero={workspace.evidenceRequiredAboveZero}
        canEdit={workspace.canEdit}
        canSubmit={workspace.canSubmit}
        evidenceMaxBytes={env.EVIDENCE_MAX_BYTES}
        previousRecommendations={previousRecommendationSlots(previous)}
        conversations={
          conversation
            ? conversationSlots(
                conversation,
                workspace.instrument.aspects.flatMap((a) => a.indicators.map((i) => i.code)),
                { maxBytes: env.EVIDENCE_MAX_BYTES, collapsible: true },
              )
            : undefined
        }
      />

      {appeals.length > 0 || appealable.length > 0 ? (
        <section aria-labelledby="appeals-title" className="space-y-3">
          <h2 id="appeals-title" className="text-lg font-semibold">
            {t("appeals.title")}
          </h2>
          {appealable.length > 0 ? (
            <>
              <p className="text-sm text-slate-600">{t("appeals.intro")}</p>
              <FileAppealForm assessmentId={workspace.assessment.id} indicators={appealable} />
            </>
          ) : null}
          <AppealList appeals={appeals} />
        </section>
      ) : null}

      <RecommendationList items={recommendations} />

      {workspace.assessment.canSeeHistory ? (
        <section aria-labelledby="history-title">
          <h2 id="history-title" className="text-lg font-semibold">
            {t("assessment.history")}
          </h2>
          <p className="text-xs text-slate-500">{t("workspace.historyNote", { count: history.length, date: format.dateTime(new Date(), DAY) })}</p>
          <div className="mt-3">
            {history.length === 0 ? (
              <EmptyState>{t("assessment.noHistory")}</EmptyState>
            ) : (
              <AuditEventList events={history} technical={actor.role === "ADMIN"} />
            )}
          </div>
        </section>
      ) : null}
    </div>
  );
}
