/**
 * Stage dates gate what each role may do (docs/domain.md §3: "no self-assessment edits after its
 * deadline unless the admin reopens the locus"). Both ends of a window are inclusive instants.
 */
export interface StageWindow {
  startsAt: Date;
  endsAt: Date;
}

/** The stages of a cycle in their order (docs/domain.md §3), as stored in CycleStage.kind. */
export const STAGE_KINDS = ["SELF_ASSESSMENT", "SURVEY", "VERIFICATION", "APPEAL", "FINALISATION", "PUBLICATION", "FOLLOW_UP"] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export interface CycleStageDates extends StageWindow {
  kind: StageKind;
}

export type WindowDecision = { open: true; until: Date } | { open: false; reason: "NO_STAGE" | "NOT_STARTED" | "ENDED"; window: StageWindow | null };

/**
 * The one rule behind every date check of the portal: is the cycle's stage of this kind open at
 * `now`? Self-assessment edits and submission use SELF_ASSESSMENT (and an admin's reopening of
 * one locus), the F-03 survey SURVEY, verifier decisions VERIFICATION; closing a cycle and
 * publishing need FINALISATION and PUBLICATION to have started (`stageHasStarted`).
 */
export function stageWindow(
  stages: readonly { kind: string; startsAt: Date; endsAt: Date }[],
  kind: StageKind,
  now: Date,
  reopenedUntil: Date | null = null,
): WindowDecision {
  const stage = stages.find((s) => s.kind === kind);
  return windowAt(stage ? { startsAt: stage.startsAt, endsAt: stage.endsAt } : null, reopenedUntil, now);
}

/** Whether the stage has begun (open now, or already over): for one-off admin decisions. */
export function stageHasStarted(stages: readonly { kind: string; startsAt: Date; endsAt: Date }[], kind: StageKind, now: Date): boolean {
  const decision = stageWindow(stages, kind, now);
  return decision.open || decision.reason === "ENDED";
}

/** The self-assessment window of one locus: its stage, widened by an admin's reopening. */
export function selfAssessmentWindow(stage: StageWindow | null | undefined, reopenedUntil: Date | null, now: Date): WindowDecision {
  return windowAt(stage ?? null, reopenedUntil, now);
}

function windowAt(stage: StageWindow | null, reopenedUntil: Date | null, now: Date): WindowDecision {
  if (reopenedUntil && now.getTime() <= reopenedUntil.getTime() && (!stage || now.getTime() >= stage.startsAt.getTime())) {
    return { open: true, until: stage && stage.endsAt > reopenedUntil ? stage.endsAt : reopenedUntil };
  }
  if (!stage) return { open: false, reason: "NO_STAGE", window: null };
  if (now.getTime() < stage.startsAt.getTime()) return { open: false, reason: "NOT_STARTED", window: stage };
  if (now.getTime() > stage.endsAt.getTime()) return { open: false, reason: "ENDED", window: stage };
  return { open: true, until: stage.endsAt };
}
