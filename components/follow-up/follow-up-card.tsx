import { getFormatter, getTranslations } from "next-intl/server";
import { dateOf } from "@/lib/domain/cycle/dates";
import type { FollowUpView } from "@/lib/server/follow-up/views";
import { FollowUpEvidence } from "./follow-up-evidence";
import { FollowUpForm } from "./follow-up-form";
import { ActionBadges } from "./progress-badge";
import { FollowUpReviewForm } from "./review-form";
import { DAY } from "@/lib/i18n/formats";

/** One follow-up action: what was done, when, its status, the verifier's decision, its evidence and controls. */
export async function FollowUpCard({
  followUp,
  recommendationId,
  canReview,
  maxBytes,
}: {
  followUp: FollowUpView;
  recommendationId: string;
  canReview: boolean;
  maxBytes: number;
}) {
  const [t, format] = await Promise.all([getTranslations("followUp"), getFormatter()]);
  return (
    <article
      aria-labelledby={`follow-up-${followUp.id}`}
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
      data-testid="follow-up-action"
      data-id={followUp.id}
    >
      <header className="flex flex-wrap items-start justify-between gap-2">
        <h3 id={`follow-up-${followUp.id}`} className="font-medium">
          {t("actionOn", { date: format.dateTime(dateOf(followUp.actionDate), { ...DAY, timeZone: "UTC" }) })}
        </h3>
        <ActionBadges status={followUp.status} review={followUp.review} />
      </header>
      <p className="text-sm whitespace-pre-wrap" data-testid="follow-up-description">
        {followUp.description}
      </p>
      <p className="text-xs text-slate-600">{t("recordedBy", { name: followUp.createdBy ?? "—", date: format.dateTime(new Date(followUp.createdAt), DAY) })}</p>
      {followUp.reviewedAt ? (
        <div
          className={`rounded-md border px-3 py-2 text-sm ${followUp.review === "MORE_REQUESTED" ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-slate-50"}`}
          data-testid="review-note"
        >
          <p className="font-medium">
            {t(followUp.review === "PENDING" ? "lastDecision" : "decision", {
              name: followUp.reviewedBy ?? "—",
              date: format.dateTime(new Date(followUp.reviewedAt), DAY),
            })}
          </p>
          {followUp.reviewNote ? <p className="mt-1 whitespace-pre-wrap">{followUp.reviewNote}</p> : null}
        </div>
      ) : null}
      <FollowUpEvidence followUpId={followUp.id} items={followUp.evidence} editable={followUp.editable} maxBytes={maxBytes} />
      {followUp.editable ? (
        <details className="rounded-md border border-slate-200 p-3">
          <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("edit")}</summary>
          <div className="mt-3">
            <FollowUpForm recommendationId={recommendationId} existing={followUp} />
          </div>
        </details>
      ) : null}
      {canReview && followUp.review === "PENDING" ? (
        <FollowUpReviewForm followUpId={followUp.id} version={followUp.version} closesOnAccept={followUp.status === "DONE"} />
      ) : null}
    </article>
  );
}
