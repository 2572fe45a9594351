import "server-only";
import type { WindowDecision } from "@/lib/domain/workflow";
import { ActionError } from "../errors";

/** The message keys of one stage gate: no such stage scheduled, not yet begun, already over. */
export interface StageGateKeys {
  noStage: string;
  notStarted: string;
  ended: string;
}

/**
 * Refuses an action outside its stage (lib/domain/workflow stageWindow / selfAssessmentWindow):
 * "no stage" without dates, otherwise "not started" or "ended" with the stage's dates.
 */
export function assertStageOpen(window: WindowDecision, keys: StageGateKeys): void {
  if (window.open) return;
  if (!window.window) throw new ActionError(keys.noStage);
  throw new ActionError(window.reason === "NOT_STARTED" ? keys.notStarted : keys.ended, {
    from: window.window.startsAt.toISOString(),
    to: window.window.endsAt.toISOString(),
  });
}
