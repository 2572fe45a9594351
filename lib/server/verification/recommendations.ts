import "server-only";
import { can, type Actor } from "@/lib/auth/policies";
import { dateOf, isoDateOf } from "@/lib/domain/cycle/dates";
import type { TCreateRecommendation } from "@/lib/schemas/recommendations";
import { ActionError } from "../errors";
import { audit } from "../audit/record";
import { db } from "../db/client";
import { assessmentScope, policyTargetFields, policyTargetOf } from "../assessment/queries";
import { emitNotification } from "../notifications/emit";

/** The assessment statuses in which the verifier may write recommendations. */
export const WRITABLE_STATUSES: readonly string[] = ["IN_REVIEW", "VERIFIED", "FINAL"];

/** The verifier writes a recommendation on an aspect or an indicator of a locus it verifies. Audited. */
export async function createRecommendation(actor: Actor & { email: string }, input: TCreateRecommendation) {
  return db.$transaction(async (tx) => {
    const assessment = await tx.assessment.findFirst({
      where: { AND: [{ id: input.assessmentId }, assessmentScope(actor, "recommendation.write")] },
      select: { id: true, status: true, cycle: { select: { instrumentVersionId: true } }, ...policyTargetFields },
    });
    if (!assessment || !can(actor, "recommendation.write", policyTargetOf(assessment))) throw new ActionError("errors.notFound");
    if (!WRITABLE_STATUSES.includes(assessment.status)) throw new ActionError("verification.wrongStatus", { status: assessment.status });
    const [kind, code] = input.target.split(":") as ["aspect" | "indicator", string];
    const where = { instrumentVersionId_code: { instrumentVersionId: assessment.cycle.instrumentVersionId, code } };
    const aspect = kind === "aspect" ? await tx.instrumentAspect.findUnique({ where, select: { id: true } }) : null;
    const indicator = kind === "indicator" ? await tx.instrumentIndicator.findUnique({ where, select: { id: true } }) : null;
    if (!aspect && !indicator) throw new ActionError("recommendations.targetRequired");
    const created = await tx.recommendation.create({
      data: {
        assessmentId: assessment.id,
        aspectId: aspect?.id,
        indicatorId: indicator?.id,
        text: input.text,
        targetDate: dateOf(input.targetDate),
        createdById: actor.id,
      },
      select: { id: true },
    });
    await audit(tx, actor, {
      action: "recommendation.create",
      entityType: "Recommendation",
      entityId: created.id,
      assessmentId: assessment.id,
      after: { target: input.target, text: input.text, targetDate: input.targetDate },
    });
    // The unit that reports the follow-up hears of it (issue 14).
    await emitNotification(tx, { kind: "recommendation.written", recommendationId: created.id, actorId: actor.id });
    return created;
  });
}

/** A locus's recommendations, for anyone who may see them (its evaluator and head, its verifier, admins). */
export async function listRecommendations(actor: Actor, assessmentId: string) {
  const assessment = await db.assessment.findFirst({
    where: { AND: [{ id: assessmentId }, assessmentScope(actor, "recommendations.view")] },
    select: { id: true, ...policyTargetFields },
  });
  if (!assessment || !can(actor, "recommendations.view", policyTargetOf(assessment))) return [];
  const rows = await db.recommendation.findMany({
    where: { assessmentId },
    select: {
      id: true,
      text: true,
      targetDate: true,
      status: true,
      createdAt: true,
      aspect: { select: { code: true, name: true } },
      indicator: { select: { code: true, name: true } },
      createdBy: { select: { name: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({
    id: r.id,
    text: r.text,
    targetDate: r.targetDate ? isoDateOf(r.targetDate) : null,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    target: r.indicator ? `${r.indicator.code} ${r.indicator.name}` : r.aspect ? `${r.aspect.code}. ${r.aspect.name}` : "",
    createdBy: r.createdBy?.name ?? null,
  }));
}
