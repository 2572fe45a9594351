import type { InstrumentDefinition } from "../instrument/types";

/** A cycle as far as the lock of its instrument version is concerned. */
export interface CycleUsingVersion {
  status: "PREPARATION" | "ACTIVE" | "FINALISED" | "ARCHIVED";
  selfAssessmentStartsAt: Date | null;
}

/**
 * A version used by a cycle that has started is read-only (issue 7): answers, verified levels and
 * results refer to its indicators, and its weights make the published indices. A cycle has
 * started when it left preparation or its self-assessment stage has begun. `lockedAt` records
 * that a lock was once seen, and `answered` that some locus already answers on it: either way the
 * lock never lifts again, even if a stage is later moved back.
 */
export function isVersionReadOnly(version: { lockedAt: Date | null; answered?: boolean }, cycles: readonly CycleUsingVersion[], now: Date): boolean {
  if (version.lockedAt || version.answered) return true;
  return cycles.some(
    (cycle) => cycle.status !== "PREPARATION" || (cycle.selfAssessmentStartsAt !== null && cycle.selfAssessmentStartsAt.getTime() <= now.getTime()),
  );
}

export type VersionLabelProblem = "EMPTY" | "TAKEN";

/** The label of a new version of an instrument code: not blank, and not one the code already has. */
export function checkNewVersionLabel(label: string, existing: readonly string[]): VersionLabelProblem | null {
  const trimmed = label.trim();
  if (trimmed === "") return "EMPTY";
  return existing.some((v) => v.trim().toLowerCase() === trimmed.toLowerCase()) ? "TAKEN" : null;
}

/**
 * A suggestion for the next version label: "2025.1" → "2025.2", or the year and ".1" when the
 * labels do not follow that pattern. Always free among `existing`.
 */
export function suggestNextVersionLabel(existing: readonly string[], year: number): string {
  const numbered = existing.map((v) => /^(\d{4})\.(\d+)$/.exec(v.trim())).filter((m) => m !== null && Number(m[1]) === year);
  let next = Math.max(0, ...numbered.map((m) => Number(m![2]))) + 1;
  while (checkNewVersionLabel(`${year}.${next}`, existing) !== null) next += 1;
  return `${year}.${next}`;
}

/** The content of a new version copied from another: everything but the label (and a new name if given). */
export function copyDefinition(source: InstrumentDefinition, version: string, name?: string): InstrumentDefinition {
  const copy = structuredClone(source);
  copy.version = version.trim();
  if (name && name.trim() !== "") copy.name = name.trim();
  return copy;
}

/**
 * An edited definition must keep the version's identity: the code and label are fixed when the
 * version is created, since cycles and files refer to a version by them.
 */
export function keepsIdentity(edited: Pick<InstrumentDefinition, "code" | "version">, stored: Pick<InstrumentDefinition, "code" | "version">): boolean {
  return edited.code === stored.code && edited.version === stored.version;
}
