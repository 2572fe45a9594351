import { getTranslations } from "next-intl/server";
import type { FollowUpReview, FollowUpStatus, ProgressState } from "@/lib/domain/follow-up";

const PROGRESS_STYLE: Record<ProgressState, string> = {
  COMPLETED: "bg-emerald-100 text-emerald-900",
  AWAITING_REVIEW: "bg-blue-100 text-blue-900",
  MORE_REQUESTED: "bg-amber-100 text-amber-900",
  IN_PROGRESS: "bg-indigo-100 text-indigo-900",
  PLANNED: "bg-slate-100 text-slate-800",
  NONE: "bg-white text-slate-700 ring-1 ring-slate-300",
};

const REVIEW_STYLE: Record<FollowUpReview, string> = {
  PENDING: "bg-blue-100 text-blue-900",
  ACCEPTED: "bg-emerald-100 text-emerald-900",
  MORE_REQUESTED: "bg-amber-100 text-amber-900",
};

const pill = "inline-block rounded-full px-2.5 py-0.5 text-xs font-medium";

/** Where a recommendation stands, and a red flag when it is overdue (lib/domain/follow-up). */
export async function ProgressBadge({ progress, overdue }: { progress: ProgressState; overdue: boolean }) {
  const t = await getTranslations("followUp");
  return (
    <span className="inline-flex flex-wrap gap-1" data-testid="follow-up-progress" data-progress={progress}>
      <span className={`${pill} ${PROGRESS_STYLE[progress]}`}>{t(`progress.${progress}`)}</span>
      {overdue ? (
        <span className={`${pill} bg-red-700 text-white`} data-testid="overdue-badge">
          {t("overdue")}
        </span>
      ) : null}
    </span>
  );
}

/** A follow-up action's own status (planned, in progress, done) and the verifier's review of it. */
export async function ActionBadges({ status, review }: { status: FollowUpStatus; review: FollowUpReview }) {
  const t = await getTranslations("followUp");
  return (
    // Polite live region: after a decision or a change the page refreshes and the new state is read out.
    <span className="inline-flex flex-wrap gap-1" aria-live="polite">
      <span className={`${pill} bg-slate-100 text-slate-800`} data-testid="action-status">
        {t(`status.${status}`)}
      </span>
      <span className={`${pill} ${REVIEW_STYLE[review]}`} data-testid="action-review">
        {t(`review.${review}`)}
      </span>
    </span>
  );
}
