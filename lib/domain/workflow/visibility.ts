import type { Role } from "../roles";
import { isVerifiedStatus } from "./state-machine";

/**
 * What each role may read of a locus, in one place: the locus export, the locus's history and the
 * follow-up history all apply these rules (the data layer builds them into its queries).
 */

/**
 * The verifier's work on a locus (verified levels and notes): its verifier and admins read it at
 * any time; the unit (its evaluators) and its head only once the locus is verified (VERIFIED or
 * FINAL). Before that it is work in progress, which the unit does not read.
 */
export function maySeeVerifierWork(role: Role, status: string): boolean {
  return role === "ADMIN" || role === "VERIFIER" || isVerifiedStatus(status);
}

/** Audit actions (by prefix) whose records carry the verifier's work: verified levels and notes, saved or refused. */
export const VERIFIER_WORK_ACTIONS = ["verifiedAnswer."] as const;

/** What a viewer may read of a locus's audit history. */
export interface HistoryVisibility {
  /** Records whose action starts with one of these are left out. */
  hiddenActionPrefixes: readonly string[];
  /** Whose address and user agent the viewer reads: everyone's (admins) or only its own records'. */
  origins: "all" | "own";
}

/**
 * The audit history of a locus as a role may read it, given the locus's status now: the verifier's
 * work only when maySeeVerifierWork, and other people's address and user agent only for admins
 * (who search the whole trail anyway).
 */
export function historyVisibility(role: Role, status: string): HistoryVisibility {
  return {
    hiddenActionPrefixes: maySeeVerifierWork(role, status) ? [] : VERIFIER_WORK_ACTIONS,
    origins: role === "ADMIN" ? "all" : "own",
  };
}

/**
 * One audit record as the viewer may read it: null when the viewer may not read it at all,
 * otherwise the record, without its address and user agent when they are someone else's.
 */
export function visibleHistoryEvent<E extends { action: string; actorId: string | null; ipAddress: string | null; userAgent: string | null }>(
  visibility: HistoryVisibility,
  viewerId: string,
  event: E,
): E | null {
  if (visibility.hiddenActionPrefixes.some((prefix) => event.action.startsWith(prefix))) return null;
  if (visibility.origins === "all" || event.actorId === viewerId) return event;
  return { ...event, ipAddress: null, userAgent: null };
}
