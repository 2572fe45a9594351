import "server-only";
import { can, type Actor, type PolicyKey } from "@/lib/auth/policies";
import { dateOf, isoDateOf } from "@/lib/domain/cycle/dates";
import { actionDateProblem, calendarDate, followUpEditProblem, reviewOutcome } from "@/lib/domain/follow-up";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TCreateFollowUp, TReviewFollowUp, TUpdateFollowUp } from "@/lib/schemas/follow-up";
import { ActionError } from "../errors";
import { audit } from "../audit/record";
import { db } from "../db/client";
import { assessmentScope, policyTargetFields, policyTargetOf } from "../assessment/queries";
import { emitNotification } from "../notifications/emit";

/** Who acts: the server layer's current user (its e-mail labels the audit record). */
export type FollowUpActor = Actor & { email: string };
type Tx = Prisma.TransactionClient;

const followUpFields = {
  id: true,
  status: true,
  review: true,
  version: true,
  description: true,
  actionDate: true,
  recommendationId: true,
  recommendation: {
    select: {
      id: true,
      status: true,
      assessmentId: true,
      assessment: { select: policyTargetFields },
      indicator: { select: { code: true } },
      aspect: { select: { code: true } },
    },
  },
} satisfies Prisma.FollowUpActionSelect;

/**
 * A follow-up action the actor may act on under `key`: the scope is in the query (the
 * recommendation's assessment), and "assigned" is confirmed for the assessment's own cycle.
 * Outside it, or unknown: "not found", alike.
 */
async function findFollowUpInScope(tx: Tx, actor: Actor, key: PolicyKey, followUpId: string) {
  const row = await tx.followUpAction.findFirst({
    where: { id: followUpId, recommendation: { assessment: assessmentScope(actor, key) } },
    select: followUpFields,
  });
  if (!row || !can(actor, key, policyTargetOf(row.recommendation.assessment))) throw new ActionError("errors.notFound");
  return row;
}

function refuse(problem: string | null) {
  if (problem) throw new ActionError(problem);
}

/**
 * Holds the recommendation's row lock for the rest of the transaction, so its status read next
 * cannot be overtaken by a concurrent close (the verifier's accept updates that row).
 */
async function lockRecommendation(tx: Tx, recommendationId: string) {
  await tx.$executeRaw`SELECT 1 FROM "Recommendation" WHERE id = ${recommendationId}::uuid FOR UPDATE`;
}

/** A follow-up action the evaluator may change now (in scope, recommendation open, not settled). */
export async function loadReportableFollowUp(tx: Tx, actor: Actor, followUpId: string) {
  await tx.$executeRaw`SELECT 1 FROM "Recommendation" WHERE id = (SELECT "recommendationId" FROM "FollowUpAction" WHERE id = ${followUpId}::uuid) FOR UPDATE`;
  const row = await findFollowUpInScope(tx, actor, "followUp.report", followUpId);
  refuse(followUpEditProblem(row.recommendation, row));
  return row;
}

/**
 * Marks a follow-up action as changed by the evaluator (its fields or its evidence): it goes back
 * to the verifier (review PENDING) and its version moves on, in a write conditioned on the version
 * read, so a decision the verifier takes meanwhile is never silently overtaken (and vice versa).
 */
export async function markFollowUpChanged(
  tx: Tx,
  actor: Actor,
  followUpId: string,
  data: Prisma.FollowUpActionUpdateManyMutationInput = {},
  baseVersion?: number,
) {
  const row = await loadReportableFollowUp(tx, actor, followUpId);
  if (baseVersion !== undefined && row.version !== baseVersion) throw new ActionError("followUp.conflict");
  const updated = await tx.followUpAction.updateMany({
    where: { id: row.id, version: row.version },
    data: { ...data, review: "PENDING", version: { increment: 1 } },
  });
  if (updated.count === 0) throw new ActionError("followUp.conflict");
  return { ...row, newVersion: row.version + 1 };
}

/** The evaluator records a follow-up action on a recommendation of its own loci. Audited. */
export async function createFollowUp(actor: FollowUpActor, input: TCreateFollowUp, now = new Date()) {
  return db.$transaction(async (tx) => {
    await lockRecommendation(tx, input.recommendationId);
    const recommendation = await tx.recommendation.findFirst({
      where: { id: input.recommendationId, assessment: assessmentScope(actor, "followUp.report") },
      select: { id: true, status: true, assessmentId: true, assessment: { select: policyTargetFields } },
    });
    if (!recommendation || !can(actor, "followUp.report", policyTargetOf(recommendation.assessment))) throw new ActionError("errors.notFound");
    refuse(followUpEditProblem(recommendation));
    refuse(actionDateProblem(input.status, input.actionDate, calendarDate(now)));
    const created = await tx.followUpAction.create({
      data: {
        recommendationId: recommendation.id,
        description: input.description,
        actionDate: dateOf(input.actionDate),
        status: input.status,
        createdById: actor.id,
      },
      select: { id: true, version: true },
    });
    await audit(tx, actor, {
      action: "followUp.create",
      entityType: "FollowUpAction",
      entityId: created.id,
      assessmentId: recommendation.assessmentId,
      after: {
        recommendationId: recommendation.id,
        description: input.description,
        actionDate: input.actionDate,
        status: input.status,
        review: "PENDING",
        version: created.version,
      },
    });
    return created;
  });
}

/** The evaluator changes a follow-up action it saw at `baseVersion`; a stale version is refused. Audited. */
export async function updateFollowUp(actor: FollowUpActor, input: TUpdateFollowUp, now = new Date()) {
  return db.$transaction(async (tx) => {
    refuse(actionDateProblem(input.status, input.actionDate, calendarDate(now)));
    const row = await markFollowUpChanged(
      tx,
      actor,
      input.followUpId,
      { description: input.description, actionDate: dateOf(input.actionDate), status: input.status },
      input.baseVersion,
    );
    await audit(tx, actor, {
      action: "followUp.update",
      entityType: "FollowUpAction",
      entityId: row.id,
      assessmentId: row.recommendation.assessmentId,
      before: { description: row.description, actionDate: isoDateOf(row.actionDate), status: row.status, review: row.review, version: row.version },
      after: { description: input.description, actionDate: input.actionDate, status: input.status, review: "PENDING", version: row.newVersion },
    });
    return { id: row.id, version: row.newVersion, recommendationId: row.recommendationId };
  });
}

/**
 * The verifier assigned to the locus in the recommendation's cycle accepts a follow-up action or
 * asks for more with a reason, deciding on the version it saw. Accepting a DONE action closes the
 * recommendation in the same transaction. Every step is audited.
 */
export async function reviewFollowUp(actor: FollowUpActor, input: TReviewFollowUp) {
  return db.$transaction(async (tx) => {
    const row = await findFollowUpInScope(tx, actor, "followUp.review", input.followUpId);
    if (row.version !== input.baseVersion) throw new ActionError("followUp.conflict");
    const outcome = reviewOutcome(row, input.decision);
    if (!outcome.ok) throw new ActionError(outcome.problem);
    const updated = await tx.followUpAction.updateMany({
      where: { id: row.id, version: input.baseVersion, review: "PENDING" },
      data: { review: outcome.review, reviewNote: input.note, reviewedById: actor.id, reviewedAt: new Date(), version: { increment: 1 } },
    });
    if (updated.count === 0) throw new ActionError("followUp.conflict");
    const assessmentId = row.recommendation.assessmentId;
    await audit(tx, actor, {
      action: input.decision === "ACCEPT" ? "followUp.accept" : "followUp.requestMore",
      entityType: "FollowUpAction",
      entityId: row.id,
      assessmentId,
      before: { status: row.status, review: row.review, version: row.version },
      after: { status: row.status, review: outcome.review, note: input.note, version: row.version + 1 },
    });
    let recommendationClosed = false;
    if (outcome.closesRecommendation) {
      const closed = await tx.recommendation.updateMany({ where: { id: row.recommendationId, status: "OPEN" }, data: { status: "CLOSED" } });
      recommendationClosed = closed.count > 0;
      if (recommendationClosed) {
        await audit(tx, actor, {
          action: "recommendation.close",
          entityType: "Recommendation",
          entityId: row.recommendationId,
          assessmentId,
          before: { status: "OPEN" },
          after: { status: "CLOSED", followUpId: row.id },
        });
      }
    }
    // The unit that reported it hears of the decision (issue 14).
    await emitNotification(tx, {
      kind: input.decision === "ACCEPT" ? "followUp.accepted" : "followUp.moreRequested",
      followUpActionId: row.id,
      actorId: actor.id,
    });
    return { id: row.id, review: outcome.review, version: row.version + 1, recommendationClosed, recommendationId: row.recommendationId };
  });
}
