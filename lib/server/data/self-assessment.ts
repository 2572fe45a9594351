import "server-only";
import { can, type Actor } from "@/lib/auth/policies";
import { checkCompleteness, transition } from "@/lib/domain/workflow";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TSaveAnswer } from "@/lib/schemas/self-assessment";
import { ActionError } from "../actions/errors";
import { recordAudit } from "../audit";
import { db } from "../db";
import { loadInstrument } from "./instrument";
import { loadEditableAssessment } from "./self-assessment-access";

type Editor = Actor & { email: string; name: string };

export interface SavedAnswer {
  level: number | null;
  justification: string;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
}

export type SaveOutcome = { ok: true; answer: SavedAnswer } | { ok: false; conflict: SavedAnswer };

const answerView = { level: true, justification: true, version: true, updatedAt: true, updatedBy: { select: { name: true } } } as const;

function toSaved(row: { level: number | null; justification: string; version: number; updatedAt: Date; updatedBy: { name: string } | null }): SavedAnswer {
  return { level: row.level, justification: row.justification, version: row.version, updatedAt: row.updatedAt.toISOString(), updatedBy: row.updatedBy?.name ?? null };
}

async function indicatorIdFor(tx: Prisma.TransactionClient, instrumentVersionId: string, code: string) {
  const indicator = await tx.instrumentIndicator.findUnique({ where: { instrumentVersionId_code: { instrumentVersionId, code } }, select: { id: true } });
  if (!indicator) throw new ActionError("validation.indicatorUnknown");
  return indicator.id;
}

/**
 * Saves one answer if it is based on the version stored now; otherwise refuses and returns the
 * stored answer, so the user can choose deliberately (never a silent overwrite). Both the save and
 * the refused value are audited.
 */
export async function saveSelfAnswer(actor: Editor, assessmentId: string, input: TSaveAnswer): Promise<SaveOutcome> {
  try {
    return await db.$transaction(async (tx) => {
      const assessment = await loadEditableAssessment(tx, actor, assessmentId);
      const indicatorId = await indicatorIdFor(tx, assessment.cycle.instrumentVersionId, input.indicatorCode);
      const where = { assessmentId_indicatorId: { assessmentId, indicatorId } };
      const before = await tx.selfAnswer.findUnique({ where, select: answerView });
      const data = { level: input.level, justification: input.justification, updatedById: actor.id };
      // The write itself carries the version condition: of two saves on one version, the second
      // waits for the first's row lock, then finds the version moved and updates nothing.
      const written =
        (before?.version ?? 0) !== input.baseVersion
          ? 0
          : before
            ? (await tx.selfAnswer.updateMany({ where: { assessmentId, indicatorId, version: input.baseVersion }, data: { ...data, version: { increment: 1 } } })).count
            : (await tx.selfAnswer.create({ data: { ...data, assessmentId, indicatorId, version: 1 }, select: { id: true } }), 1);
      if (written === 0) {
        const current = await tx.selfAnswer.findUnique({ where, select: answerView });
        await recordAudit(
          {
            actorId: actor.id, actorLabel: actor.email, action: "selfAnswer.conflict", entityType: "SelfAnswer",
            entityId: `${assessmentId}:${input.indicatorCode}`, assessmentId,
            before: current ? { level: current.level, justification: current.justification, version: current.version } : undefined,
            after: { level: input.level, justification: input.justification, baseVersion: input.baseVersion, refused: true },
          },
          tx,
        );
        return { ok: false, conflict: current ? toSaved(current) : { level: null, justification: "", version: 0, updatedAt: new Date(0).toISOString(), updatedBy: null } };
      }
      const saved = await tx.selfAnswer.findUniqueOrThrow({ where, select: answerView });
      await recordAudit(
        {
          actorId: actor.id, actorLabel: actor.email, action: "selfAnswer.save", entityType: "SelfAnswer",
          entityId: `${assessmentId}:${input.indicatorCode}`, assessmentId,
          before: before ? { level: before.level, justification: before.justification, version: before.version } : undefined,
          after: { level: saved.level, justification: saved.justification, version: saved.version },
        },
        tx,
      );
      return { ok: true, answer: toSaved(saved) };
    });
  } catch (error) {
    // Two first saves of the same indicator at once: the loser sees the winner's answer.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const current = await db.selfAnswer.findFirst({ where: { assessmentId, indicator: { code: input.indicatorCode } }, select: answerView });
      if (current) return { ok: false, conflict: toSaved(current) };
    }
    throw error;
  }
}

/** What still keeps the self-assessment from being submitted (for the page and for submit itself). */
async function completenessOf(tx: Prisma.TransactionClient, assessmentId: string, instrumentVersionId: string, evidenceRequiredAboveZero: boolean) {
  const [instrument, answers, evidence] = await Promise.all([
    loadInstrument(instrumentVersionId),
    tx.selfAnswer.findMany({ where: { assessmentId }, select: { level: true, justification: true, indicator: { select: { code: true } } } }),
    tx.evidenceItem.groupBy({ by: ["indicatorId"], where: { assessmentId, removedAt: null }, _count: { _all: true } }),
  ]);
  const codeById = new Map((await tx.instrumentIndicator.findMany({ where: { instrumentVersionId }, select: { id: true, code: true } })).map((i) => [i.id, i.code]));
  return checkCompleteness({
    instrument,
    answers: new Map(answers.map((a) => [a.indicator.code, { level: a.level, justification: a.justification }])),
    evidenceCount: new Map(evidence.map((e) => [codeById.get(e.indicatorId ?? "") ?? "", e._count._all])),
    evidenceRequiredAboveZero,
  });
}

/**
 * Submits the self-assessment: only when complete, through the workflow state machine, audited.
 * Submitting locks editing. A resubmission after a return opens the next round.
 */
export async function submitSelfAssessment(actor: Editor, assessmentId: string) {
  return db.$transaction(async (tx) => {
    const assessment = await loadEditableAssessment(tx, actor, assessmentId);
    const completeness = await completenessOf(tx, assessmentId, assessment.cycle.instrumentVersionId, assessment.cycle.evidenceRequiredAboveZero);
    if (!completeness.complete) return { submitted: false as const, missing: completeness.missing };
    const step = transition(assessment.status, "SUBMIT", actor.role);
    if (!step.ok) throw new ActionError("selfAssessment.locked", { status: assessment.status });
    const round = assessment.status === "RETURNED" ? assessment.round + 1 : assessment.round;
    const updated = await tx.assessment.updateMany({
      where: { id: assessmentId, version: assessment.version, status: assessment.status },
      data: { status: step.to, submittedAt: new Date(), round, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new ActionError("errors.conflict");
    await recordAudit(
      { actorId: actor.id, actorLabel: actor.email, action: "assessment.submit", entityType: "Assessment", entityId: assessmentId, assessmentId, before: { status: step.from, round: assessment.round }, after: { status: step.to, round } },
      tx,
    );
    return { submitted: true as const, missing: [] };
  });
}

/** The completeness report for the workspace page. */
export async function loadCompleteness(assessmentId: string, instrumentVersionId: string, evidenceRequiredAboveZero: boolean) {
  return db.$transaction((tx) => completenessOf(tx, assessmentId, instrumentVersionId, evidenceRequiredAboveZero));
}

/**
 * An admin lets one locus edit again until a date (inclusive, end of that day in Asia/Jakarta),
 * and moves a submitted locus back to draft through the state machine. Audited.
 */
export async function reopenAssessment(actor: Actor & { email: string }, assessmentId: string, untilDate: string) {
  if (!can(actor, "assessment.reopen")) throw new ActionError("errors.notFound");
  const until = new Date(`${untilDate}T23:59:59.999+07:00`);
  if (until.getTime() <= Date.now()) throw new ActionError("validation.dateInPast");
  return db.$transaction(async (tx) => {
    const assessment = await tx.assessment.findUnique({ where: { id: assessmentId }, select: { id: true, status: true, version: true, reopenedUntil: true } });
    if (!assessment) throw new ActionError("errors.notFound");
    let status = assessment.status;
    if (status === "SUBMITTED") {
      const step = transition(status, "REOPEN", actor.role);
      if (!step.ok) throw new ActionError("selfAssessment.locked", { status });
      status = step.to;
    } else if (status !== "DRAFT" && status !== "RETURNED") {
      throw new ActionError("selfAssessment.cannotReopen", { status });
    }
    const updated = await tx.assessment.updateMany({
      where: { id: assessmentId, version: assessment.version },
      data: { status, reopenedUntil: until, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new ActionError("errors.conflict");
    await recordAudit(
      {
        actorId: actor.id, actorLabel: actor.email, action: "assessment.reopen", entityType: "Assessment", entityId: assessmentId, assessmentId,
        before: { status: assessment.status, reopenedUntil: assessment.reopenedUntil?.toISOString() ?? null },
        after: { status, reopenedUntil: until.toISOString() },
      },
      tx,
    );
    return { status, reopenedUntil: until.toISOString() };
  });
}
