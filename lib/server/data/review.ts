import "server-only";
import { can, type Actor } from "@/lib/auth/policies";
import { db } from "../db";
import type { SavedAnswer } from "./self-assessment";
import { policyTargetFields, policyTargetOf } from "./assessments";
import { loadWorkspace } from "./workspace";

/**
 * What the verifier's review page shows: the unit's answers and evidence (the workspace) plus the
 * verified levels and notes. Null (not found) for anyone not assigned to the locus in its cycle.
 */
export async function loadReview(actor: Actor, assessmentId: string) {
  const workspace = await loadWorkspace(actor, assessmentId);
  if (!workspace) return null;
  const assignment = await db.assessment.findFirst({ where: { id: assessmentId }, select: policyTargetFields });
  if (!assignment) return null;
  const target = policyTargetOf(assignment);
  if (!can(actor, "verification.review", target)) return null;
  const verified = await db.verifiedAnswer.findMany({
    where: { assessmentId },
    select: { level: true, note: true, version: true, updatedAt: true, updatedBy: { select: { name: true } }, indicator: { select: { code: true } } },
  });
  return {
    ...workspace,
    verified: Object.fromEntries(
      verified.map((v) => [v.indicator.code, { level: v.level, justification: v.note, version: v.version, updatedAt: v.updatedAt.toISOString(), updatedBy: v.updatedBy?.name ?? null } satisfies SavedAnswer]),
    ),
    canDecide: can(actor, "verification.decide", target),
  };
}
