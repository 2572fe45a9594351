import { stageHasStarted, type CycleStageDates } from "../workflow/stage-window";
import { validateStageDates } from "./stages";

/**
 * The life of a cycle (docs/domain.md §3): in preparation (instrument, loci and teams being fixed),
 * running, finalised (results fixed by decree), archived. Publication is a separate switch on a
 * finalised cycle: published results are public, and can be withdrawn.
 */
export const CYCLE_STATUSES = ["PREPARATION", "ACTIVE", "FINALISED", "ARCHIVED"] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

export const CYCLE_ACTIONS = ["START", "CLOSE", "PUBLISH", "UNPUBLISH", "ARCHIVE"] as const;
export type CycleAction = (typeof CYCLE_ACTIONS)[number];

export interface CycleFacts {
  status: CycleStatus;
  publishedAt: Date | null;
  stages: readonly CycleStageDates[];
  /** Another cycle is running: only one runs at a time, since "the running cycle" is what units work in. */
  otherActiveCycle: boolean;
  /** Loci still in the verifiers' hands or verified but not yet made final. */
  lociInVerification: number;
  /**
   * Months a cycle stays published before it may be archived (the deployment's retention
   * setting, docs/domain.md §3.6), and corrections opened and not yet published. Only ARCHIVE
   * reads them.
   */
  archiveAfterMonths?: number;
  openCorrections?: number;
}

export type CycleRefusal =
  | "WRONG_STATUS"
  | "ANOTHER_ACTIVE"
  | "STAGES_INVALID"
  | "LOCI_IN_VERIFICATION"
  | "FINALISATION_NOT_STARTED"
  | "PUBLICATION_NOT_STARTED"
  | "ALREADY_PUBLISHED"
  | "NOT_PUBLISHED"
  | "RETENTION_NOT_REACHED"
  | "CORRECTION_OPEN";

export type CycleDecision = { ok: true; status: CycleStatus; published: boolean } | { ok: false; reason: CycleRefusal };

/**
 * Whether an admin may take a cycle action now, and what the cycle becomes:
 * - START (preparation → running): a complete, valid schedule, and no other cycle running;
 * - CLOSE (running → finalised): the finalisation stage has begun and no locus is still submitted,
 *   in review or verified but not final (finalise the verified ones first);
 * - PUBLISH (finalised, unpublished): the publication stage has begun;
 * - UNPUBLISH (published): always possible, audited by the caller;
 * - ARCHIVE (finalised and published for at least `archiveAfterMonths`, no correction open):
 *   the cycle becomes read-only for good; its published results stay public.
 */
export function decideCycleAction(action: CycleAction, facts: CycleFacts, now: Date): CycleDecision {
  const published = facts.publishedAt !== null;
  switch (action) {
    case "START":
      if (facts.status !== "PREPARATION") return { ok: false, reason: "WRONG_STATUS" };
      if (facts.otherActiveCycle) return { ok: false, reason: "ANOTHER_ACTIVE" };
      if (!validateStageDates(facts.stages).ok) return { ok: false, reason: "STAGES_INVALID" };
      return { ok: true, status: "ACTIVE", published };
    case "CLOSE":
      if (facts.status !== "ACTIVE") return { ok: false, reason: "WRONG_STATUS" };
      if (!stageHasStarted(facts.stages, "FINALISATION", now)) return { ok: false, reason: "FINALISATION_NOT_STARTED" };
      if (facts.lociInVerification > 0) return { ok: false, reason: "LOCI_IN_VERIFICATION" };
      return { ok: true, status: "FINALISED", published };
    case "PUBLISH":
      if (facts.status !== "FINALISED") return { ok: false, reason: "WRONG_STATUS" };
      if (published) return { ok: false, reason: "ALREADY_PUBLISHED" };
      if (!stageHasStarted(facts.stages, "PUBLICATION", now)) return { ok: false, reason: "PUBLICATION_NOT_STARTED" };
      return { ok: true, status: "FINALISED", published: true };
    case "UNPUBLISH":
      if (facts.status === "ARCHIVED") return { ok: false, reason: "WRONG_STATUS" };
      if (!published) return { ok: false, reason: "NOT_PUBLISHED" };
      return { ok: true, status: facts.status, published: false };
    case "ARCHIVE":
      if (facts.status !== "FINALISED") return { ok: false, reason: "WRONG_STATUS" };
      if (!facts.publishedAt) return { ok: false, reason: "NOT_PUBLISHED" };
      if (now < archivableFrom(facts.publishedAt, facts.archiveAfterMonths ?? DEFAULT_ARCHIVE_AFTER_MONTHS))
        return { ok: false, reason: "RETENTION_NOT_REACHED" };
      if ((facts.openCorrections ?? 0) > 0) return { ok: false, reason: "CORRECTION_OPEN" };
      return { ok: true, status: "ARCHIVED", published: true };
  }
}

/** Months a published cycle stays open to corrections and follow-up before it may be archived, unless the deployment sets another. */
export const DEFAULT_ARCHIVE_AFTER_MONTHS = 12;

/** The instant from which a cycle published at `publishedAt` may be archived: the same day of the month `months` later (clamped to the month's end). */
export function archivableFrom(publishedAt: Date, months: number): Date {
  const target = new Date(publishedAt);
  const day = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}

/** What the public results page shows: finalised (or archived) and published (the lead's page reads the same). */
export function isPubliclyVisible(cycle: { status: CycleStatus; publishedAt: Date | null }): boolean {
  return (cycle.status === "FINALISED" || cycle.status === "ARCHIVED") && cycle.publishedAt !== null;
}

/** Stage dates can be moved until the cycle is finalised (a deadline extended while it runs). */
export function areStagesEditable(status: CycleStatus): boolean {
  return status === "PREPARATION" || status === "ACTIVE";
}

/**
 * The scoring settings (F-02 share, survey minimum, evidence rule) are fixed when the cycle
 * starts: changing them while units work would move every index under their feet.
 */
export function areSettingsEditable(status: CycleStatus): boolean {
  return status === "PREPARATION";
}
