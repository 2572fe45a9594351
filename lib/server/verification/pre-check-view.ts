import "server-only";
import type { Actor } from "@/lib/auth/policies";
import { assessmentScope } from "../assessment/queries";
import { loadPreCheckFlags } from "../pre-check/flags";

/** The pre-check flags of a locus the verifier may review (none for a locus outside its scope). */
export function loadReviewPreCheck(actor: Actor, assessmentId: string) {
  return loadPreCheckFlags(assessmentScope(actor, "verification.review"), assessmentId);
}
