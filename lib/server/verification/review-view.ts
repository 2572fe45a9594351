import "server-only";
import { can, type Actor } from "@/lib/auth/policies";
import { db } from "../db/client";
import { toSaved, verifiedView } from "./review";
import { loadWorkspace } from "../assessment/workspace";

/**
 * What the verifier's review page shows: the unit's answers and evidence (the workspace) plus the
 * verified levels and notes. Null (not found) for anyone not assigned to the locus in its cycle.
 */
export async function loadReview(actor: Actor, assessmentId: string) {
  const workspace = await loadWorkspace(actor, assessmentId);
  if (!workspace) return null;
  if (!can(actor, "verification.review", workspace.target)) return null;
  const verified = await db.verifiedAnswer.findMany({
    where: { assessmentId },
    select: { ...verifiedView, indicator: { select: { code: true } } },
  });
  return {
    ...workspace,
    verified: Object.fromEntries(verified.map((v) => [v.indicator.code, toSaved(v)])),
    canDecide: can(actor, "verification.decide", workspace.target),
  };
}
