import type { Role } from "../roles";
import { isScoredIndicator, type InstrumentDefinition } from "../instrument/types";
import { transition, type AssessmentStatus } from "./state-machine";
import { stageWindow, type StageWindow } from "./stage-window";

/**
 * Why an action cannot succeed now, so that the page disables its button and says why instead of
 * letting the user learn it after a confirmation (issue 19 item 9). Each function is built from the
 * very rules its action checks (`transition`, `stageWindow`, the verified-level rule below); the
 * server still refuses as before.
 */

export interface MissingVerifiedLevel {
  aspectCode: string;
  indicatorCode: string;
  indicatorName: string;
}

/**
 * The scored indicators without a verified level: an approval is refused while any is left
 * (docs/domain.md §3.3: "every indicator has a verified level"). Weight-0 items are never scored.
 */
export function missingVerifiedLevels(
  instrument: Pick<InstrumentDefinition, "aspects">,
  verified: Readonly<Record<string, { level: number | null } | undefined>>,
): MissingVerifiedLevel[] {
  const missing: MissingVerifiedLevel[] = [];
  for (const aspect of instrument.aspects) {
    for (const indicator of aspect.indicators) {
      if (!isScoredIndicator(indicator)) continue;
      if (verified[indicator.code]?.level == null) missing.push({ aspectCode: aspect.code, indicatorCode: indicator.code, indicatorName: indicator.name });
    }
  }
  return missing;
}

type StageClosed = { reason: "NO_STAGE" } | { reason: "NOT_STARTED" | "ENDED"; window: StageWindow };

function closedStage(stages: readonly { kind: string; startsAt: Date; endsAt: Date }[], kind: "VERIFICATION" | "FINALISATION", now: Date): StageClosed | null {
  const decision = stageWindow(stages, kind, now);
  if (decision.open) return null;
  return decision.window ? { reason: decision.reason as "NOT_STARTED" | "ENDED", window: decision.window } : { reason: "NO_STAGE" };
}

export type ApprovalBlocker =
  | { reason: "WRONG_STATUS"; status: AssessmentStatus }
  | StageClosed
  | { reason: "LEVELS_MISSING"; missing: MissingVerifiedLevel[] };

/**
 * Why a verifier's approval of the locus would be refused: the verification stage closed, a status
 * `APPROVE` does not leave (only in review), or scored indicators without a verified level. Null
 * when it can succeed (open questions are confirmed in the dialog, not a refusal).
 */
export function whyNotApprove(input: {
  status: AssessmentStatus;
  role: Role;
  stages: readonly { kind: string; startsAt: Date; endsAt: Date }[];
  now: Date;
  missing: readonly MissingVerifiedLevel[];
}): ApprovalBlocker | null {
  const closed = closedStage(input.stages, "VERIFICATION", input.now);
  if (closed) return closed;
  if (!transition(input.status, "APPROVE", input.role).ok) return { reason: "WRONG_STATUS", status: input.status };
  if (input.missing.length > 0) return { reason: "LEVELS_MISSING", missing: [...input.missing] };
  return null;
}

export type FinalisationBlocker = StageClosed | { reason: "NOTHING_VERIFIED" } | { reason: "APPEALS_OPEN"; count: number };

/**
 * Why the admin's finalisation of a cycle's verified loci would be refused or do nothing: it needs
 * the finalisation stage open (the action's stage gate), no appeal still open (docs/domain.md
 * §3.11), and at least one verified locus to make final.
 */
export function whyNotFinalise(input: {
  stages: readonly { kind: string; startsAt: Date; endsAt: Date }[];
  now: Date;
  verified: number;
  openAppeals: number;
}): FinalisationBlocker | null {
  const closed = closedStage(input.stages, "FINALISATION", input.now);
  if (closed) return closed;
  if (input.verified === 0) return { reason: "NOTHING_VERIFIED" };
  if (input.openAppeals > 0) return { reason: "APPEALS_OPEN", count: input.openAppeals };
  return null;
}
