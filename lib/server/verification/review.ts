import "server-only";
import { can, type Actor } from "@/lib/auth/policies";
import { approvalWithOpenQuestions } from "@/lib/domain/conversation/rules";
import { missingVerifiedLevels, stageWindow, transition, type AssessmentStatus, type WorkflowAction } from "@/lib/domain/workflow";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SavedAnswer } from "@/lib/schemas/self-assessment";
import type { TReturnForRevision, TSaveVerifiedAnswer } from "@/lib/schemas/verification";
import { ActionError } from "../errors";
import { audit } from "../audit/record";
import { db } from "../db/client";
import { loadInstrument } from "../instrument/load";
import { recomputeCycleResults } from "../results/recompute";
import { recomputeLocusResults, sqlOfTransaction } from "../results/recompute-locus";
import { assessmentScope, policyTargetFields, policyTargetOf } from "../assessment/queries";
import type { SaveOutcome } from "../assessment/self-assessment";
import { assertStageOpen } from "../cycle/stage-gate";
import { cycleScopeWhere } from "../cycle/scope";
import { emitNotification } from "../notifications/emit";
import { openQuestionCount } from "../conversation/comments";
import { openAppealCount } from "../appeals/appeals";
import { secondTierApplies } from "./second-tier";

type Verifier = Actor & { email: string; name: string };
type Tx = Prisma.TransactionClient;

/**
 * The assessment a verifier is about to act on, locked for the change, if it is in the verifier's
 * scope for this cycle (assigned institution) and the verification stage is open; otherwise
 * "not found" or a message with the dates.
 */
async function loadForVerifier(tx: Tx, actor: Actor, assessmentId: string, now = new Date()) {
  await tx.$executeRaw`SELECT 1 FROM "Assessment" WHERE id = ${assessmentId}::uuid FOR UPDATE`;
  const assessment = await tx.assessment.findFirst({
    where: { AND: [{ id: assessmentId }, assessmentScope(actor, "verification.review")] },
    select: {
      id: true,
      status: true,
      round: true,
      version: true,
      ...policyTargetFields,
      cycle: { select: { instrumentVersionId: true, stages: { where: { kind: "VERIFICATION" }, select: { kind: true, startsAt: true, endsAt: true } } } },
    },
  });
  if (!assessment || !can(actor, "verification.review", policyTargetOf(assessment))) throw new ActionError("errors.notFound");
  // The portal's one stage gate (lib/domain/workflow), on the verification stage's dates.
  assertStageOpen(stageWindow(assessment.cycle.stages, "VERIFICATION", now), {
    noStage: "verification.noStage",
    notStarted: "verification.notStarted",
    ended: "verification.ended",
  });
  return assessment;
}

async function moveStatus(
  tx: Tx,
  actor: Verifier | (Actor & { email: string }),
  assessment: { id: string; status: AssessmentStatus; version: number },
  action: WorkflowAction,
  data: Prisma.AssessmentUpdateManyMutationInput = {},
) {
  const step = transition(assessment.status, action, actor.role);
  if (!step.ok) throw new ActionError("verification.wrongStatus", { status: assessment.status });
  const updated = await tx.assessment.updateMany({
    where: { id: assessment.id, version: assessment.version, status: assessment.status },
    data: { ...data, status: step.to, version: { increment: 1 } },
  });
  if (updated.count === 0) throw new ActionError("errors.conflict");
  return step;
}

/** The verifier opens a submitted locus for review (SUBMITTED → IN_REVIEW). Audited. */
export async function startReview(actor: Verifier, assessmentId: string) {
  return db.$transaction(async (tx) => {
    const assessment = await loadForVerifier(tx, actor, assessmentId);
    if (assessment.status === "IN_REVIEW") return { status: assessment.status };
    const step = await moveStatus(tx, actor, assessment, "START_REVIEW");
    await audit(tx, actor, {
      action: "assessment.startReview",
      entityType: "Assessment",
      entityId: assessmentId,
      assessmentId,
      before: { status: step.from },
      after: { status: step.to },
    });
    return { status: step.to };
  });
}

export const verifiedView = { level: true, note: true, version: true, updatedAt: true, updatedBy: { select: { name: true } } } as const;
export function toSaved(row: { level: number | null; note: string; version: number; updatedAt: Date; updatedBy: { name: string } | null }): SavedAnswer {
  return { level: row.level, justification: row.note, version: row.version, updatedAt: row.updatedAt.toISOString(), updatedBy: row.updatedBy?.name ?? null };
}

/**
 * Saves a verified level and note, only while the locus is in review and only by a verifier
 * assigned to it; a save based on an older version is refused with the stored value (no silent
 * overwrite), unless its value is the stored one (then it is saved already: idempotent). The
 * verified level is never taken from the self level: it starts empty.
 */
export async function saveVerifiedAnswer(actor: Verifier, assessmentId: string, input: TSaveVerifiedAnswer): Promise<SaveOutcome> {
  return db.$transaction(async (tx) => {
    const assessment = await loadForVerifier(tx, actor, assessmentId);
    if (assessment.status !== "IN_REVIEW") throw new ActionError("verification.wrongStatus", { status: assessment.status });
    const indicator = await tx.instrumentIndicator.findUnique({
      where: { instrumentVersionId_code: { instrumentVersionId: assessment.cycle.instrumentVersionId, code: input.indicatorCode } },
      select: { id: true },
    });
    if (!indicator) throw new ActionError("validation.indicatorUnknown");
    const where = { assessmentId_indicatorId: { assessmentId, indicatorId: indicator.id } };
    const before = await tx.verifiedAnswer.findUnique({ where, select: verifiedView });
    // Idempotent by value, like the self-assessment's save (holdsValue in ../assessment/self-assessment):
    // a retry of a save that committed but whose answer was lost finds its value stored, and is
    // answered as saved, whatever version it was based on, with no second write or audit row.
    if (before && before.level === input.level && before.note === input.note) return { ok: true, answer: toSaved(before) };
    const data = { level: input.level, note: input.note, updatedById: actor.id };
    let written = 0;
    if ((before?.version ?? 0) === input.baseVersion) {
      if (before) {
        written = (
          await tx.verifiedAnswer.updateMany({
            where: { assessmentId, indicatorId: indicator.id, version: input.baseVersion },
            data: { ...data, version: { increment: 1 } },
          })
        ).count;
      } else {
        await tx.verifiedAnswer.create({ data: { ...data, assessmentId, indicatorId: indicator.id, version: 1 }, select: { id: true } });
        written = 1;
      }
    }
    const entityId = `${assessmentId}:${input.indicatorCode}`;
    if (written === 0) {
      const current = await tx.verifiedAnswer.findUnique({ where, select: verifiedView });
      await audit(tx, actor, {
        action: "verifiedAnswer.conflict",
        entityType: "VerifiedAnswer",
        entityId,
        assessmentId,
        before: current ? { level: current.level, note: current.note, version: current.version } : undefined,
        after: { level: input.level, note: input.note, baseVersion: input.baseVersion, refused: true },
      });
      return {
        ok: false,
        conflict: current ? toSaved(current) : { level: null, justification: "", version: 0, updatedAt: new Date(0).toISOString(), updatedBy: null },
      };
    }
    const saved = await tx.verifiedAnswer.findUniqueOrThrow({ where, select: verifiedView });
    await audit(tx, actor, {
      action: "verifiedAnswer.save",
      entityType: "VerifiedAnswer",
      entityId,
      assessmentId,
      before: before ? { level: before.level, note: before.note, version: before.version } : undefined,
      after: { level: saved.level, note: saved.note, version: saved.version },
    });
    return { ok: true, answer: toSaved(saved) };
  });
}

/** Returns the locus for revision with at least one reason tied to an indicator. Audited. */
export async function returnForRevision(actor: Verifier, input: TReturnForRevision) {
  return db.$transaction(async (tx) => {
    const assessment = await loadForVerifier(tx, actor, input.assessmentId);
    const indicators = await tx.instrumentIndicator.findMany({
      where: { instrumentVersionId: assessment.cycle.instrumentVersionId, code: { in: input.reasons.map((r) => r.indicatorCode) } },
      select: { id: true, code: true },
    });
    const idByCode = new Map(indicators.map((i) => [i.code, i.id]));
    if (input.reasons.some((r) => !idByCode.has(r.indicatorCode))) throw new ActionError("validation.indicatorUnknown");
    const step = await moveStatus(tx, actor, assessment, "RETURN");
    const round = await tx.reviewRound.upsert({
      where: { assessmentId_round: { assessmentId: assessment.id, round: assessment.round } },
      create: { assessmentId: assessment.id, round: assessment.round, decision: "RETURNED", summary: input.summary, decidedById: actor.id },
      update: { decision: "RETURNED", summary: input.summary, decidedById: actor.id, decidedAt: new Date() },
      select: { id: true },
    });
    await tx.returnReason.createMany({
      data: input.reasons.map((r) => ({ reviewRoundId: round.id, indicatorId: idByCode.get(r.indicatorCode)!, reason: r.reason })),
    });
    await audit(tx, actor, {
      action: "assessment.return",
      entityType: "Assessment",
      entityId: assessment.id,
      assessmentId: assessment.id,
      before: { status: step.from },
      after: { status: step.to, round: assessment.round, reasons: input.reasons },
    });
    // The unit's evaluators and head hear of it, with a link to the first indicator concerned (issue 14).
    await emitNotification(tx, {
      kind: "assessment.returned",
      assessmentId: assessment.id,
      actorId: actor.id,
      indicatorCodes: input.reasons.map((r) => r.indicatorCode),
    });
    return { status: step.to };
  });
}

/**
 * Approves the locus: every scored indicator needs a verified level, and while questions of its
 * conversation are still open the verifier must confirm (`confirmOpenQuestions`), or the approval
 * is refused with their count (docs/domain.md §3.8). Audited, with the open questions it left.
 */
export async function approveAssessment(actor: Verifier, assessmentId: string, options: { confirmOpenQuestions?: boolean } = {}) {
  const outcome = await db.$transaction(async (tx) => {
    const assessment = await loadForVerifier(tx, actor, assessmentId);
    // The row is locked for update: a comment being written (it holds a share lock) has committed.
    const openQuestions = await openQuestionCount(tx, assessmentId);
    const confirmation = approvalWithOpenQuestions(openQuestions, options.confirmOpenQuestions === true);
    if (!confirmation.ok) throw new ActionError("verification.openQuestionsUnconfirmed", { count: confirmation.openQuestions });
    // The same rule the review page uses to disable the approval and list what is missing.
    const [instrument, levels] = await Promise.all([
      loadInstrument(assessment.cycle.instrumentVersionId),
      tx.verifiedAnswer.findMany({ where: { assessmentId }, select: { level: true, indicator: { select: { code: true } } } }),
    ]);
    const missing = missingVerifiedLevels(instrument, Object.fromEntries(levels.map((l) => [l.indicator.code, l])));
    if (missing.length > 0)
      throw new ActionError("verification.levelsMissing", { count: missing.length, codes: missing.map((m) => m.indicatorCode).join(", ") });
    // Second tier (docs/domain.md §3.10): where the cycle has it for the institution's type, the
    // approval awaits the ministry's validation; the locus is verified only when validated.
    const toValidation = await secondTierApplies(tx, assessmentId);
    const step = toValidation
      ? await moveStatus(tx, actor, assessment, "APPROVE_FOR_VALIDATION")
      : await moveStatus(tx, actor, assessment, "APPROVE", { verifiedAt: new Date() });
    await tx.reviewRound.upsert({
      where: { assessmentId_round: { assessmentId, round: assessment.round } },
      create: { assessmentId, round: assessment.round, decision: "APPROVED", decidedById: actor.id },
      update: { decision: "APPROVED", decidedById: actor.id, decidedAt: new Date() },
    });
    await audit(tx, actor, {
      action: "assessment.approve",
      entityType: "Assessment",
      entityId: assessmentId,
      assessmentId,
      before: { status: step.from },
      after: openQuestions > 0 ? { status: step.to, openQuestions, confirmedOpenQuestions: true } : { status: step.to },
    });
    // The unit hears of the approval when it verifies the locus (after validation, with a second tier).
    if (!toValidation) await emitNotification(tx, { kind: "assessment.approved", assessmentId, actorId: actor.id });
    // The stored results follow every approval in its transaction: this locus, its institution
    // (issue 17: incremental, equal to a full recompute by a property test).
    if (!toValidation) await recomputeLocusResults(sqlOfTransaction(tx), assessmentId);
    return { status: step.to };
  });
  return { status: outcome.status };
}

/**
 * The admin fixes a cycle's results: every verified locus becomes final, each one audited. Only
 * while the cycle's finalisation stage is open (the same stage gate as the verifier's actions).
 * A verified locus may still have received F-03 responses since its approval, so the stored
 * results are recomputed once the change has committed, as after an approval.
 */
export async function finaliseCycle(actor: Actor & { email: string }, cycleId: string, now = new Date()) {
  const scope = cycleScopeWhere(actor, "cycle.finalise");
  if (!scope) throw new ActionError("errors.notFound");
  const outcome = await db.$transaction(async (tx) => {
    const cycle = await tx.cycle.findFirst({
      where: { AND: [{ id: cycleId }, scope] },
      select: { stages: { where: { kind: "FINALISATION" }, select: { kind: true, startsAt: true, endsAt: true } } },
    });
    if (!cycle) throw new ActionError("errors.notFound");
    assertStageOpen(stageWindow(cycle.stages, "FINALISATION", now), {
      noStage: "stageGate.finalisationNoStage",
      notStarted: "stageGate.finalisationNotStarted",
      ended: "stageGate.finalisationEnded",
    });
    const step = transition("VERIFIED", "FINALISE", actor.role);
    if (!step.ok) throw new ActionError("verification.wrongStatus", { status: "VERIFIED" });
    // Finalisation waits until no appeal is open (docs/domain.md §3.11). The verified loci are locked
    // first: an appeal is filed under the same row lock, so none slips in between count and update.
    await tx.$executeRaw`SELECT 1 FROM "Assessment" WHERE "cycleId" = ${cycleId}::uuid AND status = 'VERIFIED' FOR UPDATE`;
    const openAppeals = await openAppealCount(tx, cycleId);
    if (openAppeals > 0) throw new ActionError("verification.appealsOpen", { count: openAppeals });
    // The audit rows name exactly the loci this write changed, not those a read before it saw.
    const finalised = await tx.assessment.updateManyAndReturn({
      where: { cycleId, status: step.from },
      data: { status: step.to, finalisedAt: now, version: { increment: 1 } },
      select: { id: true },
    });
    // One record per locus (with its assessmentId: the locus's audit trail), then the cycle's.
    await audit(tx, actor, [
      ...finalised.map((a) => ({
        action: "assessment.finalise",
        entityType: "Assessment",
        entityId: a.id,
        assessmentId: a.id,
        before: { status: step.from },
        after: { status: step.to },
      })),
      { action: "cycle.finalise", entityType: "Cycle", entityId: cycleId, after: { finalised: finalised.length } },
    ]);
    // Each institution's evaluators and head hear once of all its loci made final (issue 14).
    await emitNotification(tx, { kind: "assessment.finalised", cycleId, assessmentIds: finalised.map((a) => a.id), actorId: actor.id });
    return { finalised: finalised.length };
  });
  await recomputeCycleResults(cycleId);
  return outcome;
}
