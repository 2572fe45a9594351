import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { conversationSlots } from "@/components/conversation/conversation-slots";
import { OpenQuestions } from "@/components/conversation/open-questions";
import { previousRecommendationSlots } from "@/components/follow-up/previous-recommendation";
import { StartReviewButton } from "@/components/verification/start-review-button";
import { ReviewWorkspace } from "@/components/verification/review-workspace";
import { RecommendationForm } from "@/components/recommendations/recommendation-form";
import { RecommendationList } from "@/components/recommendations/recommendation-list";
import { BeritaAcaraLink } from "@/components/sign-off/berita-acara-link";
import { StatusBadge } from "@/components/status-badge";
import { env } from "@/lib/env";
import { isUuid } from "@/lib/schemas/ids";
import { loadConversation } from "@/lib/server/conversation/comments";
import { listRecommendations, WRITABLE_STATUSES } from "@/lib/server/verification/recommendations";
import { loadPreviousRecommendations } from "@/lib/server/follow-up/previous";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { loadReview } from "@/lib/server/verification/review-view";
import { loadReviewPreCheck } from "@/lib/server/verification/pre-check-view";
import { PreCheckFlags } from "@/components/verification/pre-check-flags";

export async function generateMetadata() {
  return { title: (await getTranslations("verification"))("pageTitle") };
}

/** The verifier's review of one locus; "not found" for anyone not assigned to it in its cycle. */
export default async function ReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePolicy("verification.review");
  const { id } = await params;
  // The indicator open before a reload or in a shared link (`?indicator=17.c.As`); unknown codes open the first.
  const requested = (await searchParams).indicator;
  const initialIndicator = typeof requested === "string" ? requested : undefined;
  const review = isUuid(id) ? await loadReview(actor, id) : null;
  if (!review) notFound();
  const [t, recommendations, previous, conversation, preCheck] = await Promise.all([
    getTranslations(),
    listRecommendations(actor, id),
    loadPreviousRecommendations(actor, id),
    loadConversation(actor, id),
    loadReviewPreCheck(actor, id),
  ]);
  const status = review.assessment.status;
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-600">
          {review.assessment.institutionName} · {review.assessment.cycleName} · {t(`serviceType.${review.assessment.serviceType}`)}
        </p>
        <h1 className="mt-1 text-2xl font-semibold">
          {t("verification.pageTitle")}: {review.assessment.locusName}
        </h1>
        <div className="mt-2 flex items-center gap-3 text-sm">
          <StatusBadge status={status} />
          <span>{t("verification.round", { round: review.assessment.round })}</span>
        </div>
        {conversation ? <OpenQuestions openQuestions={conversation.openQuestions} /> : null}
        <BeritaAcaraLink actor={actor} assessmentId={id} status={status} />
      </div>
      {status === "SUBMITTED" && review.canDecide ? <StartReviewButton assessmentId={id} /> : null}
      {status !== "DRAFT" ? <PreCheckFlags assessmentId={id} flags={preCheck} /> : null}
      {status !== "IN_REVIEW" && status !== "SUBMITTED" ? (
        <p role="status" className="rounded-md border border-slate-300 bg-white px-4 py-3 text-sm">
          {t("verification.notInReview")}
        </p>
      ) : null}
      <ReviewWorkspace
        assessmentId={id}
        instrument={review.instrument}
        selfAnswers={review.answers}
        verified={review.verified}
        evidence={review.evidence}
        surveyResponses={review.surveyResponses}
        settings={review.settings}
        canEdit={status === "IN_REVIEW"}
        canDecide={review.canDecide && (status === "IN_REVIEW" || status === "SUBMITTED")}
        previous={previousRecommendationSlots(previous)}
        conversations={
          conversation
            ? conversationSlots(
                conversation,
                review.instrument.aspects.flatMap((a) => a.indicators.map((i) => i.code)),
                { maxBytes: env.EVIDENCE_MAX_BYTES, collapsible: false },
              )
            : undefined
        }
        openQuestions={conversation?.openQuestions.total ?? 0}
        initialIndicator={initialIndicator}
        approval={{
          status,
          role: actor.role,
          stages: review.stages.filter((s) => s.kind === "VERIFICATION"),
          now: new Date().toISOString(),
        }}
      />
      <RecommendationList items={recommendations} />
      {review.canDecide && WRITABLE_STATUSES.includes(status) ? <RecommendationForm assessmentId={id} instrument={review.instrument} /> : null}
    </div>
  );
}
