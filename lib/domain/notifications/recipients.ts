import type { Role } from "../roles";
import type { NotificationEvent, NotificationKind, ReminderStage } from "./events";

/**
 * Who hears of an event (issue 14), in terms of the policy scopes (lib/auth/policies.ts): the
 * institution's evaluators and heads ("own"), the verifiers assigned to it in the cycle
 * ("assigned"), admins ("any"). The data layer turns these audiences into users.
 */
export type Audience =
  | { scope: "assigned-verifiers" }
  | { scope: "institution"; roles: readonly Extract<Role, "EVALUATOR" | "HEAD">[] }
  | { scope: "every-head" }
  | { scope: "admins" }
  | { scope: "thread" };

export const AUDIENCE: Record<NotificationEvent["kind"], Audience> = {
  "assessment.submitted": { scope: "assigned-verifiers" },
  "assessment.returned": { scope: "institution", roles: ["EVALUATOR", "HEAD"] },
  "assessment.approved": { scope: "institution", roles: ["EVALUATOR", "HEAD"] },
  "assessment.finalised": { scope: "institution", roles: ["EVALUATOR", "HEAD"] },
  // "The other side" of a verifier's recommendation or review: the unit that reports follow-up.
  "recommendation.written": { scope: "institution", roles: ["EVALUATOR"] },
  "followUp.accepted": { scope: "institution", roles: ["EVALUATOR"] },
  "followUp.moreRequested": { scope: "institution", roles: ["EVALUATOR"] },
  "results.published": { scope: "every-head" },
  "survey.minimumReached": { scope: "institution", roles: ["EVALUATOR"] },
  "comment.posted": { scope: "thread" },
  // Issue 15: the other side of each step that makes results official.
  "appeal.filed": { scope: "admins" },
  "appeal.decided": { scope: "institution", roles: ["EVALUATOR"] },
  "correction.published": { scope: "institution", roles: ["EVALUATOR", "HEAD"] },
  "signOff.awaitingHead": { scope: "institution", roles: ["HEAD"] },
};

/** Who still has something to do before a stage closes (the reminder's audience). */
export const REMINDER_AUDIENCE: Record<ReminderStage, { role: Role; task: string }> = {
  SELF_ASSESSMENT: { role: "EVALUATOR", task: "unsubmitted loci" },
  VERIFICATION: { role: "VERIFIER", task: "submitted loci not yet decided" },
  FOLLOW_UP: { role: "EVALUATOR", task: "overdue recommendations" },
};

/**
 * A comment's recipients: each participant and mentioned user once, never the author; a mention
 * wins over plain participation. `inScope` drops anyone who may not read the thread (a user of
 * another institution, a verifier no longer assigned).
 */
export function commentRecipients(
  event: { authorId: string; participantIds: readonly string[]; mentionedUserIds: readonly string[] },
  inScope: (userId: string) => boolean,
): Map<string, Extract<NotificationKind, "comment.posted" | "comment.mentioned">> {
  const out = new Map<string, Extract<NotificationKind, "comment.posted" | "comment.mentioned">>();
  for (const id of event.participantIds) if (id !== event.authorId && inScope(id)) out.set(id, "comment.posted");
  for (const id of event.mentionedUserIds) if (id !== event.authorId && inScope(id)) out.set(id, "comment.mentioned");
  return out;
}

/** The references a deep link may point at. */
export interface LinkRefs {
  assessmentId?: string | null;
  indicatorCode?: string | null;
  recommendationId?: string | null;
  cycleId?: string | null;
  stage?: ReminderStage;
}

/** The indicator's anchor on the workspace and the review page (`indikator-<code>`). */
const indicatorAnchor = (code: string | null | undefined) => (code ? `#indikator-${encodeURIComponent(code)}` : "");

/**
 * The exact place a notification leads its recipient to: the page their role works on (a
 * verifier's review page, the unit's workspace), at the indicator when there is one.
 */
export function notificationLink(kind: NotificationKind, role: Role, refs: LinkRefs): string {
  const assessment = refs.assessmentId ? `/assessments/${refs.assessmentId}` : null;
  switch (kind) {
    case "assessment.submitted":
      return assessment ? `${assessment}/review` : "/verification";
    case "assessment.returned":
    case "assessment.approved":
    case "survey.minimumReached":
      return assessment ? `${assessment}${indicatorAnchor(refs.indicatorCode)}` : "/notifications";
    case "assessment.finalised":
      return role === "HEAD" ? "/dashboard" : "/loci";
    case "recommendation.written":
    case "followUp.accepted":
    case "followUp.moreRequested":
      return refs.recommendationId ? `/follow-up/recommendations/${refs.recommendationId}` : "/follow-up";
    case "results.published":
      return "/dashboard";
    case "comment.posted":
    case "comment.mentioned":
      if (!assessment) return "/notifications";
      return `${assessment}${role === "VERIFIER" ? "/review" : ""}${indicatorAnchor(refs.indicatorCode)}`;
    case "appeal.filed":
      return refs.cycleId ? `/admin/cycles/${refs.cycleId}/appeals` : "/notifications";
    case "appeal.decided":
    case "correction.published":
      return assessment ?? "/notifications";
    case "signOff.awaitingHead":
      return assessment ? `${assessment}/berita-acara` : "/notifications";
    case "reminder.deadline":
      return refs.stage === "VERIFICATION" ? "/verification" : refs.stage === "FOLLOW_UP" ? "/follow-up" : "/loci";
  }
}
