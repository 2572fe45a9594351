/**
 * The typed events that notify people (issue 14). Each is emitted inside the transaction of the
 * change that causes it (`emitNotification`, lib/server/notifications/emit.ts); its recipients
 * are computed from the same scopes as the policies (./recipients.ts), and each recipient gets
 * one in-app notification plus, by their preference, an e-mail now or in the daily digest.
 */

/** Every kind of notification, in the order the preferences page lists them. */
export const NOTIFICATION_KINDS = [
  "assessment.submitted",
  "assessment.returned",
  "assessment.approved",
  "assessment.finalised",
  "recommendation.written",
  "followUp.accepted",
  "followUp.moreRequested",
  "results.published",
  "survey.minimumReached",
  "comment.posted",
  "comment.mentioned",
  "reminder.deadline",
  "appeal.filed",
  "appeal.decided",
  "correction.published",
  "signOff.awaitingHead",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The stages that send deadline reminders, and to whom (docs/domain.md §3.2). */
export const REMINDER_STAGES = ["SELF_ASSESSMENT", "VERIFICATION", "FOLLOW_UP"] as const;
export type ReminderStage = (typeof REMINDER_STAGES)[number];

/** A locus was submitted: its institution's verifiers in that cycle. */
export interface AssessmentSubmittedEvent {
  kind: "assessment.submitted";
  assessmentId: string;
  actorId: string;
}

/** A verifier returned a locus with reasons: the institution's evaluators and heads. */
export interface AssessmentReturnedEvent {
  kind: "assessment.returned";
  assessmentId: string;
  actorId: string;
  /** The indicators the reasons are about (the first one is the deep link's target). */
  indicatorCodes: string[];
}

/** A verifier approved a locus: the institution's evaluators and heads. */
export interface AssessmentApprovedEvent {
  kind: "assessment.approved";
  assessmentId: string;
  actorId: string;
}

/**
 * An admin finalised a cycle's verified loci: per institution, its evaluators and heads, once for
 * all of its loci that became final.
 */
export interface AssessmentsFinalisedEvent {
  kind: "assessment.finalised";
  cycleId: string;
  assessmentIds: string[];
  actorId: string;
}

/** A verifier wrote a recommendation: the unit (the institution's evaluators). */
export interface RecommendationWrittenEvent {
  kind: "recommendation.written";
  recommendationId: string;
  actorId: string;
}

/** A verifier accepted a follow-up action or asked for more: the unit. */
export interface FollowUpReviewedEvent {
  kind: "followUp.accepted" | "followUp.moreRequested";
  followUpActionId: string;
  actorId: string;
}

/** An admin published a cycle's results: every head, with their own index and grade. */
export interface ResultsPublishedEvent {
  kind: "results.published";
  cycleId: string;
  actorId: string;
}

/** A locus reached the cycle's F-03 minimum of respondents: its evaluators. */
export interface SurveyMinimumReachedEvent {
  kind: "survey.minimumReached";
  assessmentId: string;
  respondents: number;
}

/**
 * A comment in an indicator's thread (emitted by the conversation feature): the participants get
 * "comment.posted", the mentioned users "comment.mentioned" instead; the author gets nothing.
 * Recipients outside the locus's scope are dropped (an evaluator of the institution, its assigned
 * verifiers, admins).
 */
export interface CommentPostedEvent {
  kind: "comment.posted";
  assessmentId: string;
  indicatorCode: string;
  commentId: string;
  authorId: string;
  participantIds: string[];
  mentionedUserIds: string[];
}

/** A unit's evaluator filed an appeal (sanggah) of a verified level: the admins, who assign its reviewer. */
export interface AppealFiledEvent {
  kind: "appeal.filed";
  appealId: string;
  actorId: string;
}

/** The reviewer accepted or rejected an appeal: the unit's evaluators. */
export interface AppealDecidedEvent {
  kind: "appeal.decided";
  appealId: string;
  actorId: string;
}

/** An admin published a correction of a final locus (docs/domain.md §6.4): the institution's heads and evaluators. */
export interface CorrectionPublishedEvent {
  kind: "correction.published";
  assessmentId: string;
  actorId: string;
}

/** The verifier signed a locus's Berita Acara: the institution's heads, whose signature it now awaits. */
export interface SignOffAwaitingHeadEvent {
  kind: "signOff.awaitingHead";
  assessmentId: string;
  actorId: string;
  code: string;
}

export type NotificationEvent =
  | AssessmentSubmittedEvent
  | AssessmentReturnedEvent
  | AssessmentApprovedEvent
  | AssessmentsFinalisedEvent
  | RecommendationWrittenEvent
  | FollowUpReviewedEvent
  | ResultsPublishedEvent
  | SurveyMinimumReachedEvent
  | CommentPostedEvent
  | AppealFiledEvent
  | AppealDecidedEvent
  | CorrectionPublishedEvent
  | SignOffAwaitingHeadEvent;
