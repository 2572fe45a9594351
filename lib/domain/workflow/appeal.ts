import type { Role } from "../roles";
import type { AssessmentStatus } from "./state-machine";

/**
 * The appeal (sanggah) of one verified level (docs/domain.md §3.11): the unit's evaluator files it
 * with an argument and evidence, the admin assigns a reviewer, the reviewer accepts it (changing
 * the verified level, with a note) or rejects it (with a reason). A pure state machine beside the
 * assessment's: every step of an appeal goes through `appealTransition`.
 */
export const APPEAL_STATUSES = ["FILED", "ASSIGNED", "ACCEPTED", "REJECTED"] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];

/** An appeal still waiting for a decision: finalisation of its cycle waits for it. */
export const OPEN_APPEAL_STATUSES = ["FILED", "ASSIGNED"] as const satisfies readonly AppealStatus[];

export function isAppealOpen(status: string): boolean {
  return (OPEN_APPEAL_STATUSES as readonly string[]).includes(status);
}

export const APPEAL_ACTIONS = ["FILE", "ASSIGN", "ACCEPT", "REJECT"] as const;
export type AppealAction = (typeof APPEAL_ACTIONS)[number];

interface AppealRule {
  /** The appeal's status before (null: no appeal yet). */
  from: readonly (AppealStatus | null)[];
  to: AppealStatus;
  roles: readonly Role[];
  /** The locus statuses in which the step may be taken: only a verified (not yet final) locus. */
  locus: readonly AssessmentStatus[];
}

export const APPEAL_TRANSITIONS: Readonly<Record<AppealAction, AppealRule>> = {
  /** The unit's evaluator contests one verified level of a verified locus. */
  FILE: { from: [null], to: "FILED", roles: ["EVALUATOR"], locus: ["VERIFIED"] },
  /** The admin chooses the reviewer (again, while undecided: a reassignment). */
  ASSIGN: { from: ["FILED", "ASSIGNED"], to: "ASSIGNED", roles: ["ADMIN"], locus: ["VERIFIED"] },
  /** The reviewer accepts: the verified level changes, with a note. */
  ACCEPT: { from: ["ASSIGNED"], to: "ACCEPTED", roles: ["VERIFIER"], locus: ["VERIFIED"] },
  /** The reviewer rejects, with a reason. */
  REJECT: { from: ["ASSIGNED"], to: "REJECTED", roles: ["VERIFIER"], locus: ["VERIFIED"] },
};

export type AppealTransitionResult =
  | { ok: true; from: AppealStatus | null; to: AppealStatus }
  | { ok: false; reason: "ROLE_NOT_ALLOWED" | "NOT_FROM_THIS_STATUS" | "LOCUS_NOT_VERIFIED" };

export function appealTransition(status: AppealStatus | null, action: AppealAction, role: Role, locusStatus: AssessmentStatus): AppealTransitionResult {
  const rule = APPEAL_TRANSITIONS[action];
  if (!rule.roles.includes(role)) return { ok: false, reason: "ROLE_NOT_ALLOWED" };
  if (!rule.from.includes(status)) return { ok: false, reason: "NOT_FROM_THIS_STATUS" };
  if (!rule.locus.includes(locusStatus)) return { ok: false, reason: "LOCUS_NOT_VERIFIED" };
  return { ok: true, from: status, to: rule.to };
}

/** Whether the step changes a verified level (ACCEPT): an edit of the locus's results. */
export function appealEditsLevels(action: AppealAction): boolean {
  return action === "ACCEPT";
}

/**
 * The reviewer rule: by default a different verifier than the one who scored the indicator; the
 * scorer only when the admin says so explicitly (e.g. no other verifier is available).
 */
export function reviewerDecision(
  reviewerId: string,
  scorerId: string | null,
  allowScorer: boolean,
): { ok: true; isScorer: boolean } | { ok: false; reason: "SAME_AS_SCORER" } {
  const isScorer = scorerId !== null && reviewerId === scorerId;
  if (isScorer && !allowScorer) return { ok: false, reason: "SAME_AS_SCORER" };
  return { ok: true, isScorer };
}

/** The default reviewer: the first candidate who did not score the indicator, or null. */
export function defaultReviewer<T extends { id: string }>(candidates: readonly T[], scorerId: string | null): T | null {
  return candidates.find((c) => c.id !== scorerId) ?? null;
}
