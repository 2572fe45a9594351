import "server-only";
import type { Actor } from "@/lib/auth/policies";
import { assessmentScope } from "../assessment/queries";
import { loadPreCheck } from "../pre-check/flags";
import { storePreCheck } from "../pre-check/store";

/**
 * The pre-check flags of a locus the verifier may review (none for a locus outside its scope). A
 * locus submitted before the pre-check existed (or whose run after submission failed) is checked
 * now, once, so the verifier never sees "no findings" for a locus nobody checked.
 */
export async function loadReviewPreCheck(actor: Actor, assessmentId: string) {
  const scope = assessmentScope(actor, "verification.review");
  const loaded = await loadPreCheck(scope, assessmentId);
  if (!loaded) return [];
  if (loaded.current) return loaded.flags;
  await storePreCheck(assessmentId);
  return (await loadPreCheck(scope, assessmentId))?.flags ?? [];
}
