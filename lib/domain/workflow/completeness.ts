import type { InstrumentDefinition } from "../instrument/types";

export type MissingReason = "NO_LEVEL" | "NO_JUSTIFICATION" | "NO_EVIDENCE";

export interface MissingItem {
  aspectCode: string;
  indicatorCode: string;
  indicatorName: string;
  reasons: MissingReason[];
}

export interface CompletenessInput {
  instrument: Pick<InstrumentDefinition, "aspects">;
  /** The self level and justification per indicator code; absent or null level = unanswered. */
  answers: ReadonlyMap<string, { level: number | null; justification: string }>;
  /** Evidence items (files and links, not removed) per indicator code. */
  evidenceCount: ReadonlyMap<string, number>;
  /** Cycle setting: every level above 0 needs at least one evidence item. */
  evidenceRequiredAboveZero: boolean;
}

/**
 * What keeps a self-assessment from being submitted: every scored indicator needs a level and a
 * justification, and (by configuration) evidence for any level above 0. Weight-0 items are
 * collected but never required, since they are never scored (docs/domain.md §4).
 */
export function checkCompleteness(input: CompletenessInput): { complete: boolean; missing: MissingItem[] } {
  const missing: MissingItem[] = [];
  for (const aspect of input.instrument.aspects) {
    for (const indicator of aspect.indicators) {
      if (indicator.weight === 0) continue;
      const answer = input.answers.get(indicator.code);
      const reasons: MissingReason[] = [];
      if (answer?.level === null || answer?.level === undefined) reasons.push("NO_LEVEL");
      if (!answer || answer.justification.trim() === "") reasons.push("NO_JUSTIFICATION");
      if (input.evidenceRequiredAboveZero && answer?.level != null && answer.level > 0 && (input.evidenceCount.get(indicator.code) ?? 0) === 0) {
        reasons.push("NO_EVIDENCE");
      }
      if (reasons.length > 0) missing.push({ aspectCode: aspect.code, indicatorCode: indicator.code, indicatorName: indicator.name, reasons });
    }
  }
  return { complete: missing.length === 0, missing };
}
