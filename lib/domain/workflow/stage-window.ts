/**
 * Stage dates gate what each role may do (pekppp.md §3: "no self-assessment edits after its
 * deadline unless the admin reopens the locus"). Both ends of a window are inclusive instants.
 */
export interface StageWindow {
  startsAt: Date;
  endsAt: Date;
}

export type WindowDecision =
  | { open: true; until: Date }
  | { open: false; reason: "NO_STAGE" | "NOT_STARTED" | "ENDED"; window: StageWindow | null };

export function selfAssessmentWindow(stage: StageWindow | null | undefined, reopenedUntil: Date | null, now: Date): WindowDecision {
  if (reopenedUntil && now.getTime() <= reopenedUntil.getTime() && (!stage || now.getTime() >= stage.startsAt.getTime())) {
    return { open: true, until: stage && stage.endsAt > reopenedUntil ? stage.endsAt : reopenedUntil };
  }
  if (!stage) return { open: false, reason: "NO_STAGE", window: null };
  if (now.getTime() < stage.startsAt.getTime()) return { open: false, reason: "NOT_STARTED", window: stage };
  if (now.getTime() > stage.endsAt.getTime()) return { open: false, reason: "ENDED", window: stage };
  return { open: true, until: stage.endsAt };
}
