import "server-only";
import { can, type Actor } from "@/lib/auth/policies";
import { diffVersions, type VersionDiff } from "@/lib/domain/results/versions";
import { transition, type AssessmentStatus, type WorkflowAction } from "@/lib/domain/workflow";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TCorrectionLevel, TOpenCorrection } from "@/lib/schemas/correction";
import { storeEvidenceFile } from "../assessment/evidence";
import { audit } from "../audit/record";
import { emitNotification } from "../notifications/emit";
import { db } from "../db/client";
import { ActionError } from "../errors";
import { evidenceStorage } from "../storage";
import { loadInstrument } from "../instrument/load";
import { loadAwardRulesForCycle } from "../results/award-rules";
import { cycleScoringSettings, type Queryable } from "../results/cycle-results";
import { recomputeLocusResults } from "../results/recompute-locus";
import { freezePublishedVersion, insertVersion, listVersions, versionForDiff, workingForDiff } from "../results/versions";

/**
 * The audited correction after FINAL (docs/domain.md §6.4). An admin opens a correction of a FINAL
 * locus with a reason and a decree (reference and document), changes verified levels while it is
 * open (FINAL → IN_CORRECTION), and publishes it (IN_CORRECTION → FINAL): the cycle's results are
 * recomputed and, for a published cycle, frozen as a new result version; earlier versions stay as
 * they were. Every step is audited in its own transaction. The verifier's path
 * (../verification/review.ts) is untouched: it still edits IN_REVIEW only.
 */

type Admin = Actor & { email: string };
type Tx = Prisma.TransactionClient;

/** The results module's SQL functions, run inside a Prisma transaction. */
export function sqlOf(tx: Tx): Queryable {
  return {
    query: async <R extends object>(text: string, values: unknown[] = []) => ({ rows: await tx.$queryRawUnsafe<R[]>(text, ...values) }),
  };
}

function requireAdmin(actor: Actor) {
  if (!can(actor, "correction.manage")) throw new ActionError("errors.notFound");
}

/** The assessment, locked for the change, with its cycle; "not found" when unknown. */
async function lockAssessment(tx: Tx, assessmentId: string) {
  await tx.$executeRaw`SELECT 1 FROM "Assessment" WHERE id = ${assessmentId}::uuid FOR UPDATE`;
  const assessment = await tx.assessment.findUnique({
    where: { id: assessmentId },
    select: { id: true, status: true, version: true, cycleId: true, cycle: { select: { instrumentVersionId: true, publishedAt: true } } },
  });
  if (!assessment) throw new ActionError("errors.notFound");
  return assessment;
}

/** A status change through the state machine, refused with the current status otherwise. */
async function move(tx: Tx, actor: Admin, assessment: { id: string; status: AssessmentStatus; version: number }, action: WorkflowAction) {
  const step = transition(assessment.status, action, actor.role);
  if (!step.ok) throw new ActionError("correction.wrongStatus", { status: assessment.status });
  const updated = await tx.assessment.updateMany({
    where: { id: assessment.id, version: assessment.version, status: assessment.status },
    data: { status: step.to, version: { increment: 1 } },
  });
  if (updated.count === 0) throw new ActionError("errors.conflict");
  return step;
}

async function openCorrectionOf(tx: Tx, assessmentId: string) {
  const correction = await tx.resultCorrection.findFirst({ where: { assessmentId, publishedAt: null } });
  if (!correction) throw new ActionError("correction.notOpen");
  return correction;
}

/**
 * Opens a correction of a FINAL locus: the decree document is stored by the evidence rules
 * (type from the content, size limit, generated key) and removed again if the opening is refused.
 * Before the locus leaves FINAL, a published cycle's results are frozen as version 1 if they are
 * not yet. One correction at a time per cycle (each publication makes exactly one version).
 */
export async function openCorrection(actor: Admin, assessmentId: string, input: TOpenCorrection, decree: { originalName: string; bytes: Uint8Array }) {
  requireAdmin(actor);
  // Refuse early, so nothing is stored for a refused opening.
  const found = await db.$transaction(async (tx) => {
    const assessment = await lockAssessment(tx, assessmentId);
    if (!transition(assessment.status, "OPEN_CORRECTION", actor.role).ok) throw new ActionError("correction.wrongStatus", { status: assessment.status });
    return assessment;
  });
  return storeEvidenceFile(`corrections/${found.cycleId}`, decree, (file) =>
    db.$transaction(async (tx) => {
      const assessment = await lockAssessment(tx, assessmentId);
      const other = await tx.resultCorrection.findFirst({ where: { cycleId: assessment.cycleId, publishedAt: null }, select: { id: true } });
      if (other) throw new ActionError("correction.otherOpen");
      await freezePublishedVersion(sqlOf(tx), assessment.cycleId);
      const step = await move(tx, actor, assessment, "OPEN_CORRECTION");
      const correction = await tx.resultCorrection.create({
        data: {
          cycleId: assessment.cycleId,
          assessmentId,
          reason: input.reason,
          decreeReference: input.decreeReference,
          decreeStorageKey: file.storageKey,
          decreeFileName: file.safeName,
          decreeMimeType: file.mimeType,
          decreeSha256: file.sha256,
          openedById: actor.id,
        },
        select: { id: true },
      });
      await audit(tx, actor, {
        action: "correction.open",
        entityType: "Assessment",
        entityId: assessmentId,
        assessmentId,
        before: { status: step.from },
        after: { status: step.to, correctionId: correction.id, reason: input.reason, decreeReference: input.decreeReference, decreeSha256: file.sha256 },
      });
      return { correctionId: correction.id, status: step.to };
    }),
  );
}

/**
 * Changes one verified level of a locus under correction: only while its correction is open
 * (IN_CORRECTION), only by an admin. Audited with the level before and after.
 */
export async function saveCorrectionLevel(actor: Admin, input: TCorrectionLevel) {
  requireAdmin(actor);
  return db.$transaction(async (tx) => {
    const assessment = await lockAssessment(tx, input.assessmentId);
    if (assessment.status !== "IN_CORRECTION") throw new ActionError("correction.wrongStatus", { status: assessment.status });
    const correction = await openCorrectionOf(tx, input.assessmentId);
    const indicator = await tx.instrumentIndicator.findUnique({
      where: { instrumentVersionId_code: { instrumentVersionId: assessment.cycle.instrumentVersionId, code: input.indicatorCode } },
      select: { id: true },
    });
    if (!indicator) throw new ActionError("validation.indicatorUnknown");
    const where = { assessmentId_indicatorId: { assessmentId: input.assessmentId, indicatorId: indicator.id } };
    const before = await tx.verifiedAnswer.findUnique({ where, select: { level: true, note: true, version: true } });
    if (before && before.level === input.level && before.note === input.note) return { changed: false };
    const saved = await tx.verifiedAnswer.upsert({
      where,
      update: { level: input.level, note: input.note, updatedById: actor.id, version: { increment: 1 } },
      create: { assessmentId: input.assessmentId, indicatorId: indicator.id, level: input.level, note: input.note, updatedById: actor.id, version: 1 },
      select: { level: true, note: true, version: true },
    });
    await audit(tx, actor, {
      action: "correction.level",
      entityType: "VerifiedAnswer",
      entityId: `${input.assessmentId}:${input.indicatorCode}`,
      assessmentId: input.assessmentId,
      before: before ?? undefined,
      after: { ...saved, correctionId: correction.id },
    });
    return { changed: true };
  });
}

/**
 * Publishes the open correction: the locus is FINAL again, its stored result and its institution's
 * are recomputed with the scoring module, and a published cycle gains the next result version, with
 * what changed against the current one (index, grade, ranks, award eligibility: the pure
 * ranking and award functions on both versions). Earlier versions are never touched.
 */
export async function publishCorrection(actor: Admin, assessmentId: string, now = new Date()) {
  requireAdmin(actor);
  const cycleId = (await db.assessment.findUnique({ where: { id: assessmentId }, select: { cycleId: true } }))?.cycleId;
  if (!cycleId) throw new ActionError("errors.notFound");
  const { instrumentVersionId, settings } = await cycleScoringSettings(
    { query: async (text, values = []) => ({ rows: await db.$queryRawUnsafe(text, ...values) }) },
    cycleId,
  );
  const [instrument, rules] = await Promise.all([loadInstrument(instrumentVersionId), loadAwardRulesForCycle(cycleId)]);
  return db.$transaction(
    async (tx) => {
      const sql = sqlOf(tx);
      const assessment = await lockAssessment(tx, assessmentId);
      const correction = await openCorrectionOf(tx, assessmentId);
      const step = await move(tx, actor, assessment, "PUBLISH_CORRECTION");
      // The corrected locus and its institution only (issue 17); the rest of the cycle is unchanged.
      await recomputeLocusResults(sql, assessmentId, { instrument, settings });
      let versionNumber: number | null = null;
      let changes: VersionDiff | null = null;
      if (assessment.cycle.publishedAt) {
        const versions = await listVersions(sql, cycleId);
        const current = versions.at(-1);
        const before = current ? await versionForDiff(sql, current.id) : [];
        changes = diffVersions(before, await workingForDiff(sql, cycleId), rules);
        versionNumber = (current?.number ?? 0) + 1;
        await insertVersion(sql, cycleId, {
          number: versionNumber,
          publishedAt: now,
          reason: correction.reason,
          decreeReference: correction.decreeReference,
          correctionId: correction.id,
          createdById: actor.id,
          changes,
        });
      }
      await tx.resultCorrection.update({ where: { id: correction.id }, data: { publishedAt: now, versionNumber } });
      await audit(tx, actor, {
        action: "correction.publish",
        entityType: "Assessment",
        entityId: assessmentId,
        assessmentId,
        before: { status: step.from },
        after: { status: step.to, correctionId: correction.id, versionNumber, changes },
      });
      // The institution's heads and evaluators: their result changed, and its Berita Acara is to be signed again.
      await emitNotification(tx, { kind: "correction.published", assessmentId, actorId: actor.id });
      return { versionNumber, changes };
    },
    { timeout: 60_000 },
  );
}

/** The decree document of a correction, for admins (policy correction.manage). */
export async function openDecree(actor: Actor, correctionId: string) {
  requireAdmin(actor);
  const correction = await db.resultCorrection.findUnique({
    where: { id: correctionId },
    select: { decreeStorageKey: true, decreeFileName: true, decreeMimeType: true },
  });
  if (!correction?.decreeStorageKey) throw new ActionError("errors.notFound");
  const stored = await (await evidenceStorage()).get(correction.decreeStorageKey);
  if (!stored) throw new ActionError("errors.notFound");
  return {
    body: stored.body,
    size: stored.size,
    safeName: correction.decreeFileName ?? "sk-koreksi",
    mimeType: correction.decreeMimeType ?? "application/octet-stream",
  };
}
