import "server-only";
import { can, type Actor } from "@/lib/auth/policies";
import {
  appealTransition,
  defaultReviewer,
  OPEN_APPEAL_STATUSES,
  reviewerDecision,
  stageWindow,
  type AppealAction,
  type AppealStatus,
  type AssessmentStatus,
} from "@/lib/domain/workflow";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TAssignAppealReviewer, TDecideAppeal, TFileAppeal } from "@/lib/schemas/appeals";
import { ActionError } from "../errors";
import { audit } from "../audit/record";
import { emitNotification } from "../notifications/emit";
import { db } from "../db/client";
import { scoredIndicatorWhere } from "../db/scored-indicator";
import { assessmentScope, policyTargetFields, policyTargetOf } from "../assessment/queries";
import { storeEvidenceFile, type StoredEvidenceFile } from "../assessment/evidence";
import { assertStageOpen } from "../cycle/stage-gate";
import { recomputeLocusResults, sqlOfTransaction } from "../results/recompute-locus";

type Tx = Prisma.TransactionClient;
type Person = Actor & { email: string };

/**
 * Appeals (sanggah) of verified levels (docs/domain.md §3.11). Every step goes through the appeal
 * state machine (lib/domain/workflow/appeal.ts) and writes its audit row in its transaction.
 */

function step(status: AppealStatus | null, action: AppealAction, actor: Actor, locusStatus: AssessmentStatus) {
  const result = appealTransition(status, action, actor.role, locusStatus);
  if (!result.ok) {
    if (result.reason === "LOCUS_NOT_VERIFIED") throw new ActionError("appeals.locusNotVerified", { status: locusStatus });
    throw new ActionError("appeals.wrongStatus", { status: status ?? "-" });
  }
  return result;
}

/** Locks the assessment row, so filing, deciding and finalising a cycle are serialised per locus. */
async function lockAssessment(tx: Tx, assessmentId: string) {
  await tx.$executeRaw`SELECT 1 FROM "Assessment" WHERE id = ${assessmentId}::uuid FOR UPDATE`;
}

/**
 * The unit's evaluator files an appeal of one verified level of a VERIFIED locus of its own
 * institution, with an argument and optionally one evidence file (stored by the evidence rules:
 * type, size and name checked, hashed). Only while the cycle's appeal stage is open, and only one
 * open appeal per indicator. Audited.
 */
export async function fileAppeal(actor: Person, input: TFileAppeal, file: { originalName: string; bytes: Uint8Array } | null = null, now = new Date()) {
  const write = (stored: StoredEvidenceFile | null) =>
    db.$transaction(async (tx) => {
      await lockAssessment(tx, input.assessmentId);
      const assessment = await tx.assessment.findFirst({
        where: { AND: [{ id: input.assessmentId }, assessmentScope(actor, "appeal.file")] },
        select: {
          id: true,
          status: true,
          ...policyTargetFields,
          cycle: { select: { instrumentVersionId: true, stages: { where: { kind: "APPEAL" }, select: { kind: true, startsAt: true, endsAt: true } } } },
        },
      });
      if (!assessment || !can(actor, "appeal.file", policyTargetOf(assessment))) throw new ActionError("errors.notFound");
      assertStageOpen(stageWindow(assessment.cycle.stages, "APPEAL", now), {
        noStage: "appeals.noStage",
        notStarted: "appeals.notStarted",
        ended: "appeals.ended",
      });
      const open = await tx.appeal.findFirst({
        where: { assessmentId: assessment.id, indicator: { code: input.indicatorCode }, status: { in: [...OPEN_APPEAL_STATUSES] } },
        select: { status: true },
      });
      const transition = step(open?.status ?? null, "FILE", actor, assessment.status);
      const indicator = await tx.instrumentIndicator.findFirst({
        where: { instrumentVersionId: assessment.cycle.instrumentVersionId, code: input.indicatorCode, ...scoredIndicatorWhere },
        select: { id: true, verifiedAnswers: { where: { assessmentId: assessment.id }, select: { level: true, updatedById: true } } },
      });
      if (!indicator) throw new ActionError("validation.indicatorUnknown");
      const verified = indicator.verifiedAnswers[0];
      const appeal = await tx.appeal.create({
        data: {
          assessmentId: assessment.id,
          indicatorId: indicator.id,
          status: transition.to,
          argument: input.argument,
          filedById: actor.id,
          filedAt: now,
          scorerId: verified?.updatedById ?? null,
          levelBefore: verified?.level ?? null,
        },
        select: { id: true },
      });
      if (stored) await tx.evidenceItem.create({ data: { kind: "FILE", appealId: appeal.id, ...stored, uploadedById: actor.id }, select: { id: true } });
      await audit(tx, actor, {
        action: "appeal.file",
        entityType: "Appeal",
        entityId: appeal.id,
        assessmentId: assessment.id,
        after: {
          status: transition.to,
          indicatorCode: input.indicatorCode,
          argument: input.argument,
          levelBefore: verified?.level ?? null,
          ...(stored ? { evidence: { name: stored.originalName, sha256: stored.sha256, sizeBytes: stored.sizeBytes } } : {}),
        },
      });
      // The admins choose its reviewer: they hear of it in the same transaction.
      await emitNotification(tx, { kind: "appeal.filed", appealId: appeal.id, actorId: actor.id });
      return { appealId: appeal.id, status: transition.to };
    });
  if (!file) return write(null);
  return storeEvidenceFile(`appeals/${input.assessmentId}`, file, (stored) => write(stored));
}

/** The appeal locked for a change, with what its decisions need. */
async function loadAppeal(tx: Tx, appealId: string) {
  const head = await tx.appeal.findUnique({ where: { id: appealId }, select: { assessmentId: true } });
  if (!head) throw new ActionError("errors.notFound");
  await lockAssessment(tx, head.assessmentId);
  await tx.$executeRaw`SELECT 1 FROM "Appeal" WHERE id = ${appealId}::uuid FOR UPDATE`;
  return tx.appeal.findUniqueOrThrow({
    where: { id: appealId },
    select: {
      id: true,
      status: true,
      scorerId: true,
      reviewerId: true,
      indicatorId: true,
      indicator: { select: { code: true } },
      assessment: { select: { id: true, status: true, cycleId: true } },
    },
  });
}

/**
 * The admin chooses the reviewer: a verifier, by default not the one who scored the indicator
 * (refused unless `allowScorer`). Reassigning an undecided appeal is allowed. Audited.
 */
export async function assignAppealReviewer(actor: Person, input: TAssignAppealReviewer) {
  if (!can(actor, "appeal.assign")) throw new ActionError("errors.notFound");
  return db.$transaction(async (tx) => {
    const appeal = await loadAppeal(tx, input.appealId);
    const transition = step(appeal.status, "ASSIGN", actor, appeal.assessment.status);
    const reviewer = await tx.user.findFirst({ where: { id: input.reviewerId, role: "VERIFIER", isActive: true }, select: { id: true, name: true } });
    if (!reviewer) throw new ActionError("appeals.reviewerUnknown");
    const rule = reviewerDecision(reviewer.id, appeal.scorerId, input.allowScorer);
    if (!rule.ok) throw new ActionError("appeals.reviewerIsScorer", { name: reviewer.name });
    const now = new Date();
    await tx.appeal.update({
      where: { id: appeal.id },
      data: { status: transition.to, reviewerId: reviewer.id, assignedById: actor.id, assignedAt: now, reviewerIsScorer: rule.isScorer },
    });
    await audit(tx, actor, {
      action: "appeal.assign",
      entityType: "Appeal",
      entityId: appeal.id,
      assessmentId: appeal.assessment.id,
      before: { status: appeal.status, reviewerId: appeal.reviewerId },
      after: { status: transition.to, reviewerId: reviewer.id, reviewerIsScorer: rule.isScorer },
    });
    return { status: transition.to };
  });
}

/**
 * The assigned reviewer decides. Accepting changes the indicator's verified level (and its note)
 * and the stored results are recomputed with the scoring module in the same transaction; rejecting
 * keeps the level and records the reason. Audited (and the verified answer's change with it).
 */
export async function decideAppeal(actor: Person, input: TDecideAppeal) {
  const outcome = await db.$transaction(async (tx) => {
    const appeal = await loadAppeal(tx, input.appealId);
    // Only the assigned reviewer: for anyone else the appeal does not exist.
    if (!can(actor, "appeal.decide", { verifierIds: appeal.reviewerId ? [appeal.reviewerId] : [] })) throw new ActionError("errors.notFound");
    const transition = step(appeal.status, input.decision, actor, appeal.assessment.status);
    const now = new Date();
    const where = { assessmentId_indicatorId: { assessmentId: appeal.assessment.id, indicatorId: appeal.indicatorId } };
    const before = await tx.verifiedAnswer.findUnique({ where, select: { level: true, note: true, version: true } });
    let levelAfter = before?.level ?? null;
    if (input.decision === "ACCEPT") {
      levelAfter = input.level;
      const saved = await tx.verifiedAnswer.upsert({
        where,
        create: {
          assessmentId: appeal.assessment.id,
          indicatorId: appeal.indicatorId,
          level: input.level,
          note: input.note,
          updatedById: actor.id,
          version: 1,
        },
        update: { level: input.level, note: input.note, updatedById: actor.id, version: { increment: 1 } },
        select: { level: true, note: true, version: true },
      });
      await audit(tx, actor, {
        action: "verifiedAnswer.appealAccepted",
        entityType: "VerifiedAnswer",
        entityId: `${appeal.assessment.id}:${appeal.indicator.code}`,
        assessmentId: appeal.assessment.id,
        before: before ?? undefined,
        after: { ...saved, appealId: appeal.id },
      });
    }
    await tx.appeal.update({
      where: { id: appeal.id },
      data: { status: transition.to, decidedAt: now, decisionNote: input.note, levelBefore: before?.level ?? null, levelAfter },
    });
    await audit(tx, actor, {
      action: input.decision === "ACCEPT" ? "appeal.accept" : "appeal.reject",
      entityType: "Appeal",
      entityId: appeal.id,
      assessmentId: appeal.assessment.id,
      before: { status: appeal.status, level: before?.level ?? null },
      after: { status: transition.to, level: levelAfter, note: input.note },
    });
    // The other side: the unit's evaluators who filed it hear the decision.
    await emitNotification(tx, { kind: "appeal.decided", appealId: appeal.id, actorId: actor.id });
    // An accepted appeal changed a verified level: the locus and its institution, in this transaction (issue 17).
    if (input.decision === "ACCEPT") await recomputeLocusResults(sqlOfTransaction(tx), appeal.assessment.id);
    return { status: transition.to };
  });
  return { status: outcome.status };
}

/**
 * The number of appeals of a cycle still waiting for a decision (finalisation waits for none): in
 * an action's transaction, or alone for a page (`db`).
 */
export function openAppealCount(tx: { appeal: Pick<Tx["appeal"], "count"> }, cycleId: string) {
  return tx.appeal.count({ where: { assessment: { cycleId }, status: { in: [...OPEN_APPEAL_STATUSES] } } });
}

const appealView = {
  id: true,
  status: true,
  argument: true,
  filedAt: true,
  assignedAt: true,
  decidedAt: true,
  decisionNote: true,
  levelBefore: true,
  levelAfter: true,
  reviewerIsScorer: true,
  scorerId: true,
  reviewerId: true,
  indicator: { select: { code: true, name: true } },
  filedBy: { select: { name: true } },
  reviewer: { select: { name: true } },
  evidence: { where: { removedAt: null }, select: { id: true, originalName: true, sizeBytes: true } },
  assessment: {
    select: { id: true, status: true, cycle: { select: { name: true } }, locus: { select: { name: true, institution: { select: { name: true } } } } },
  },
} satisfies Prisma.AppealSelect;
export type AppealView = Prisma.AppealGetPayload<{ select: typeof appealView }>;

/** The appeals of one locus, for whoever may see the locus (not found otherwise). */
export async function appealsOfAssessment(actor: Actor, assessmentId: string): Promise<AppealView[]> {
  const assessment = await db.assessment.findFirst({
    where: { AND: [{ id: assessmentId }, assessmentScope(actor, "appeal.view")] },
    select: { ...policyTargetFields, status: true },
  });
  if (!assessment || !can(actor, "appeal.view", policyTargetOf(assessment))) throw new ActionError("errors.notFound");
  return db.appeal.findMany({ where: { assessmentId }, select: appealView, orderBy: { filedAt: "asc" } });
}

/** Every appeal of a cycle for the admin (open first), with the verifiers a reviewer is chosen from. */
export async function appealsForAdmin(actor: Actor, cycleId: string) {
  if (!can(actor, "appeal.assign")) throw new ActionError("errors.notFound");
  const [appeals, verifiers] = await Promise.all([
    db.appeal.findMany({ where: { assessment: { cycleId } }, select: appealView, orderBy: [{ status: "asc" }, { filedAt: "asc" }] }),
    db.user.findMany({ where: { role: "VERIFIER", isActive: true }, select: { id: true, name: true, email: true }, orderBy: { email: "asc" } }),
  ]);
  return appeals.map((appeal) => ({ appeal, verifiers, suggested: defaultReviewer(verifiers, appeal.scorerId)?.id ?? null }));
}

/** The appeals assigned to this reviewer, undecided first. */
export function appealsForReviewer(actor: Actor): Promise<AppealView[]> {
  if (actor.role !== "VERIFIER") return Promise.resolve([]);
  return db.appeal.findMany({ where: { reviewerId: actor.id }, select: appealView, orderBy: [{ status: "asc" }, { filedAt: "asc" }] });
}

/**
 * What the unit's evaluator may appeal on this locus now: its scored indicators with their verified
 * levels, only while the locus is verified and the appeal stage is open; otherwise an empty list.
 */
export async function appealableIndicators(actor: Actor, assessmentId: string, now = new Date()) {
  if (!can(actor, "appeal.file", { institutionId: actor.institutionId })) return [];
  const assessment = await db.assessment.findFirst({
    where: { AND: [{ id: assessmentId }, assessmentScope(actor, "appeal.file")] },
    select: {
      status: true,
      cycle: { select: { instrumentVersionId: true, stages: { where: { kind: "APPEAL" }, select: { kind: true, startsAt: true, endsAt: true } } } },
    },
  });
  if (assessment?.status !== "VERIFIED" || !stageWindow(assessment.cycle.stages, "APPEAL", now).open) return [];
  const indicators = await db.instrumentIndicator.findMany({
    where: { instrumentVersionId: assessment.cycle.instrumentVersionId, ...scoredIndicatorWhere },
    select: { code: true, name: true, verifiedAnswers: { where: { assessmentId }, select: { level: true } } },
    orderBy: { position: "asc" },
  });
  return indicators.map((i) => ({ code: i.code, name: i.name, level: i.verifiedAnswers[0]?.level ?? null }));
}
