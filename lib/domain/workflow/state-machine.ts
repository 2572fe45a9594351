import type { Role } from "../roles";

/**
 * The life of a locus's assessment (docs/domain.md §3): draft → submitted → in review →
 * (returned → submitted …) → verified → final. One table of transitions, each with the roles that
 * may take it; every status change in the portal goes through `transition`.
 */
export const ASSESSMENT_STATUSES = ["DRAFT", "SUBMITTED", "IN_REVIEW", "RETURNED", "VERIFIED", "FINAL", "IN_CORRECTION", "AWAITING_VALIDATION"] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/**
 * The statuses whose levels are verified: approved by the verifier (VERIFIED), then fixed by the
 * admin (FINAL). Only these loci have verified results, are scored and ranked, and show their
 * verified levels to the unit.
 */
export const VERIFIED_STATUSES = ["VERIFIED", "FINAL"] as const satisfies readonly AssessmentStatus[];

export function isVerifiedStatus(status: string): boolean {
  return (VERIFIED_STATUSES as readonly string[]).includes(status);
}

export const WORKFLOW_ACTIONS = [
  "SUBMIT",
  "START_REVIEW",
  "RETURN",
  "APPROVE",
  "FINALISE",
  "REOPEN",
  "OPEN_CORRECTION",
  "PUBLISH_CORRECTION",
  "APPROVE_FOR_VALIDATION",
  "VALIDATE",
  "SEND_BACK",
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

interface TransitionRule {
  from: readonly AssessmentStatus[];
  to: AssessmentStatus;
  roles: readonly Role[];
}

export const TRANSITIONS: Readonly<Record<WorkflowAction, TransitionRule>> = {
  /** The internal evaluator submits its self-assessment, first time or after a return. */
  SUBMIT: { from: ["DRAFT", "RETURNED"], to: "SUBMITTED", roles: ["EVALUATOR"] },
  /** The verifier opens a submitted locus for desk review. */
  START_REVIEW: { from: ["SUBMITTED"], to: "IN_REVIEW", roles: ["VERIFIER"] },
  /** The verifier sends it back for revision, with reasons. */
  RETURN: { from: ["SUBMITTED", "IN_REVIEW"], to: "RETURNED", roles: ["VERIFIER"] },
  /** The verifier approves: every indicator has a verified level. */
  APPROVE: { from: ["IN_REVIEW"], to: "VERIFIED", roles: ["VERIFIER"] },
  /** The admin fixes the results of a cycle (ministerial decree). */
  // The cycle's manager: the national admin for the ministry's cycles, an institution admin for its own (issue 16).
  FINALISE: { from: ["VERIFIED"], to: "FINAL", roles: ["ADMIN", "INSTITUTION_ADMIN"] },
  /** The admin reopens a submitted locus for editing (e.g. after its deadline). */
  REOPEN: { from: ["SUBMITTED"], to: "DRAFT", roles: ["ADMIN"] },
  /** The admin opens an audited correction of a final locus (reason and decree; docs/domain.md §6.4). */
  OPEN_CORRECTION: { from: ["FINAL"], to: "IN_CORRECTION", roles: ["ADMIN"] },
  /** The admin publishes the correction: the locus is final again and its cycle gains a result version. */
  PUBLISH_CORRECTION: { from: ["IN_CORRECTION"], to: "FINAL", roles: ["ADMIN"] },
  /**
   * Second tier (docs/domain.md §3.10): where the cycle has it on for the institution's type, the
   * first-tier (province) verifier's approval awaits the ministry's validation instead of verifying.
   * Which verifier is first tier and which validates is data (VerifierAssignment, ValidatorAssignment).
   */
  APPROVE_FOR_VALIDATION: { from: ["IN_REVIEW"], to: "AWAITING_VALIDATION", roles: ["VERIFIER"] },
  /** The ministry's validator accepts the first tier's approval: the locus is verified. */
  VALIDATE: { from: ["AWAITING_VALIDATION"], to: "VERIFIED", roles: ["VERIFIER"] },
  /** The validator sends it back to the first tier with reasons: it is in review again. */
  SEND_BACK: { from: ["AWAITING_VALIDATION"], to: "IN_REVIEW", roles: ["VERIFIER"] },
};

export type TransitionResult = { ok: true; from: AssessmentStatus; to: AssessmentStatus } | { ok: false; reason: "ROLE_NOT_ALLOWED" | "NOT_FROM_THIS_STATUS" };

export function transition(status: AssessmentStatus, action: WorkflowAction, role: Role): TransitionResult {
  const rule = TRANSITIONS[action];
  if (!rule.roles.includes(role)) return { ok: false, reason: "ROLE_NOT_ALLOWED" };
  if (!rule.from.includes(status)) return { ok: false, reason: "NOT_FROM_THIS_STATUS" };
  return { ok: true, from: status, to: rule.to };
}

/** The self-assessment can be edited only while it is with the unit: drafted or returned. */
export function isSelfAssessmentEditable(status: AssessmentStatus): boolean {
  return status === "DRAFT" || status === "RETURNED";
}

/**
 * Whether an admin may reopen a locus for editing: a submitted one goes back to draft (REOPEN),
 * a draft or returned one only gets a later editing date.
 */
export function isReopenable(status: AssessmentStatus): boolean {
  return status === "SUBMITTED" || isSelfAssessmentEditable(status);
}
