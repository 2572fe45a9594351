/**
 * Follow-up of recommendations (docs/domain.md §1 "rekomendasi, tindak lanjut", §3 stage 9): the unit
 * reports what it did about each recommendation, the verifier accepts it or asks for more, and the
 * next cycle shows what was and was not done. Pure rules: no framework, no database.
 */
import { wibDate } from "../cycle/dates";

export const FOLLOW_UP_STATUSES = ["PLANNED", "IN_PROGRESS", "DONE"] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

export const FOLLOW_UP_REVIEWS = ["PENDING", "ACCEPTED", "MORE_REQUESTED"] as const;
export type FollowUpReview = (typeof FOLLOW_UP_REVIEWS)[number];

export type RecommendationStatus = "OPEN" | "CLOSED";

/** A calendar date as ISO text, "YYYY-MM-DD": compared as text, it orders like the dates. */
export type IsoDate = string;

export interface FollowUpFacts {
  status: FollowUpStatus;
  review: FollowUpReview;
}

export interface RecommendationFacts {
  status: RecommendationStatus;
  /** The last day by which the recommendation should be done; null when none was set. */
  targetDate: IsoDate | null;
  followUps: readonly FollowUpFacts[];
}

/**
 * Where a recommendation stands, from its follow-up actions, in this order of precedence:
 * - COMPLETED: the recommendation is closed, or some action is DONE and ACCEPTED by the verifier;
 * - AWAITING_REVIEW: some action is DONE and waits for the verifier;
 * - MORE_REQUESTED: the verifier asked for more on some action;
 * - IN_PROGRESS / PLANNED: the most advanced status among the actions;
 * - NONE: nothing reported yet.
 */
export const PROGRESS_STATES = ["COMPLETED", "AWAITING_REVIEW", "MORE_REQUESTED", "IN_PROGRESS", "PLANNED", "NONE"] as const;
export type ProgressState = (typeof PROGRESS_STATES)[number];

/** Done and accepted: only the verifier's acceptance of a DONE action completes a recommendation. */
export function isAcceptedDone(followUp: FollowUpFacts) {
  return followUp.status === "DONE" && followUp.review === "ACCEPTED";
}

export function isCompleted(recommendation: Pick<RecommendationFacts, "status" | "followUps">) {
  return recommendation.status === "CLOSED" || recommendation.followUps.some(isAcceptedDone);
}

export function progressOf(recommendation: Pick<RecommendationFacts, "status" | "followUps">): ProgressState {
  const actions = recommendation.followUps;
  if (isCompleted(recommendation)) return "COMPLETED";
  if (actions.some((f) => f.status === "DONE" && f.review === "PENDING")) return "AWAITING_REVIEW";
  if (actions.some((f) => f.review === "MORE_REQUESTED")) return "MORE_REQUESTED";
  if (actions.some((f) => f.status === "IN_PROGRESS")) return "IN_PROGRESS";
  if (actions.length > 0) return "PLANNED";
  return "NONE";
}

/**
 * Overdue: the recommendation has a target date, that date is before today (the target date
 * itself is still in time), and it is not completed (not closed, no action DONE and ACCEPTED).
 * A DONE action still waiting for the verifier does not stop the clock: only acceptance does.
 * "Today" is the calendar date in the portal's time zone (see calendarDate).
 */
export function isOverdue(recommendation: RecommendationFacts, today: IsoDate) {
  return recommendation.targetDate !== null && recommendation.targetDate < today && !isCompleted(recommendation);
}

/** The calendar date of an instant in the portal's time zone (WIB, where KemenPANRB sits), as "YYYY-MM-DD". */
export const calendarDate: (instant: Date) => IsoDate = wibDate;

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Why the evaluator may not add or change a follow-up action now, or null when it may:
 * a closed recommendation takes no more actions, and an action DONE and ACCEPTED is settled.
 * Any other action may change; the change sends it back to the verifier (review PENDING).
 */
export function followUpEditProblem(recommendation: Pick<RecommendationFacts, "status">, followUp?: FollowUpFacts | null) {
  if (recommendation.status === "CLOSED") return "followUp.recommendationClosed" as const;
  if (followUp && isAcceptedDone(followUp)) return "followUp.settled" as const;
  return null;
}

/** A DONE action happened: its date cannot be later than today. A planned one may lie ahead. */
export function actionDateProblem(status: FollowUpStatus, actionDate: IsoDate, today: IsoDate) {
  return status === "DONE" && actionDate > today ? ("followUp.doneInFuture" as const) : null;
}

export type ReviewDecision = "ACCEPT" | "REQUEST_MORE";

/**
 * The verifier decides on an action that waits for a decision (PENDING) only: a decided action
 * comes back to the verifier when the evaluator changes it. Accepting a DONE action closes the
 * recommendation; accepting a PLANNED or IN_PROGRESS one acknowledges the progress only.
 */
export function reviewOutcome(followUp: FollowUpFacts, decision: ReviewDecision) {
  if (followUp.review !== "PENDING") return { ok: false as const, problem: "followUp.notPending" as const };
  const review: FollowUpReview = decision === "ACCEPT" ? "ACCEPTED" : "MORE_REQUESTED";
  return { ok: true as const, review, closesRecommendation: decision === "ACCEPT" && followUp.status === "DONE" };
}
