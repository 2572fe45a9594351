import "server-only";
import { can, type Actor } from "@/lib/auth/policies";
import { endOfDayWib } from "@/lib/domain/cycle/dates";
import { ASSESSMENT_STATUSES, checkCompleteness, isReopenable, isSelfAssessmentEditable, transition, type AssessmentStatus } from "@/lib/domain/workflow";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SavedAnswer, TSaveAnswer } from "@/lib/schemas/self-assessment";
import { ActionError } from "../errors";
import { audit, requestOrigin, type RequestOrigin } from "../audit/record";
import { db } from "../db/client";
import { loadInstrument } from "../instrument/load";
import { emitNotification } from "../notifications/emit";
import { pgPool } from "../db/pg-pool";
import { storePreCheckAfterSubmit } from "../pre-check/store";
import { assertEditable, loadEditableAssessment } from "./access";
import { sqlAssessmentScope } from "../db/sql-scope";

type Editor = Actor & { email: string; name: string };

export type SaveOutcome = { ok: true; answer: SavedAnswer } | { ok: false; conflict: SavedAnswer };

interface SaveContext {
  status: AssessmentStatus;
  reopenedUntil: Date | null;
  startsAt: Date | null;
  endsAt: Date | null;
  indicatorId: string | null;
  level: number | null;
  justification: string | null;
  version: number | null;
  updatedAt: Date | null;
  updatedBy: string | null;
}

const NO_ANSWER: SavedAnswer = { level: null, justification: "", version: 0, updatedAt: new Date(0).toISOString(), updatedBy: null };

const EDITABLE_STATUSES = ASSESSMENT_STATUSES.filter(isSelfAssessmentEditable);

/**
 * Saves are idempotent by value: a save whose level and justification are already the stored
 * ones succeeds with the stored answer, whatever version it was based on, and writes nothing (no
 * new version, no audit row). That is what makes a retry safe when a save committed but its
 * answer never reached the browser (the connection reset): the retry finds its own value stored,
 * instead of a false conflict naming the user as the other editor. Nothing is overwritten by
 * this rule: the stored value is exactly the one the user asked for.
 */
function holdsValue(stored: { level: number | null; justification: string | null; version: number | null }, input: TSaveAnswer) {
  return stored.version !== null && stored.level === input.level && stored.justification === input.justification;
}

/**
 * Saves one answer if it is based on the version stored now; otherwise refuses and returns the
 * stored answer, so the user can choose deliberately (never a silent overwrite). Both the save and
 * the refused value are audited.
 *
 * This is the autosave hot path (every pause in typing of every evaluator), so it is two plain SQL
 * statements: one reads the context (scope in its WHERE) for the pure rules of lib/domain/workflow,
 * one writes the answer and its audit record together, under a shared lock on the assessment that
 * re-checks the status (a submission that won the race makes the write a no-op).
 */
export async function saveSelfAnswer(actor: Editor, assessmentId: string, input: TSaveAnswer, origin?: RequestOrigin): Promise<SaveOutcome> {
  origin ??= await requestOrigin();
  const fast = await trySaveInOneStatement({ ...actor, sessionVersion: null, sessionId: null }, assessmentId, input, origin);
  if (fast) return { ok: true, answer: fast };
  return saveWithDiagnosis(actor, assessmentId, input, origin);
}

/**
 * The common case in one statement: the answer is written, with its audit record, only if every
 * condition holds (scope, editable status, stage dates or reopening, version). The conditions are
 * a subset of the pure rules (stageWindow, isSelfAssessmentEditable), never wider; when anything
 * is off, nothing is written and saveWithDiagnosis applies the pure rules to say exactly why.
 * Under the same conditions, a value that is already stored is answered as saved, unwritten
 * (`holdsValue`: a retried save is idempotent).
 *
 * Its audit record is written by an INSERT inside this same statement, not through `audit` (one
 * round trip instead of a transaction of two): the same columns as `audit` writes, the actor's id
 * and e-mail as label, and the address and user agent of `origin`, which the caller takes from
 * `requestOrigin`. The careful path below does the same.
 */
export async function trySaveInOneStatement(
  actor: Editor & { sessionVersion: number | null; sessionId: string | null },
  assessmentId: string,
  input: TSaveAnswer,
  origin: RequestOrigin,
): Promise<SavedAnswer | null> {
  const scope = sqlAssessmentScope(actor, "selfAssessment.edit", 14);
  // A named statement is parsed and planned once per connection; this one runs on every autosave.
  const result = await pgPool.query<{
    level: number | null;
    justification: string;
    version: number;
    updatedAt: Date;
    updatedBy: string | null;
    unchanged: boolean;
  }>({
    name: `save-self-answer-in-session-${scope.kind}`,
    text: `WITH target AS (
       SELECT a.id, i.id AS "indicatorId"
       FROM "Assessment" a
       JOIN "Locus" l ON l.id = a."locusId"
       JOIN "Cycle" c ON c.id = a."cycleId"
       JOIN "CycleStage" s ON s."cycleId" = a."cycleId" AND s.kind = 'SELF_ASSESSMENT'
       JOIN "InstrumentIndicator" i ON i."instrumentVersionId" = c."instrumentVersionId" AND i.code = $2
       -- The actor as it is now: active, not forced to change its password, and, when the actor
       -- came from the session cookie, on the same session version (so with the same role and
       -- institution as the cookie says) and in a live session (not signed out, not ended by a
       -- password change, not expired: lib/server/auth/sessions.ts).
       JOIN "User" u ON u.id = $5 AND u."isActive" AND NOT u."mustChangePassword"
         AND ($12::int IS NULL OR (u."sessionVersion" = $12::int AND EXISTS (
           SELECT 1 FROM "UserSession" us WHERE us.id = $13::uuid AND us."userId" = u.id AND us."endedAt" IS NULL AND us."expiresAt" > now())))
       WHERE a.id = $1::uuid AND ${scope.sql} AND a.status = ANY($7::"AssessmentStatus"[])
         AND now() >= s."startsAt" AND (now() <= s."endsAt" OR now() <= a."reopenedUntil")
       FOR SHARE OF a),
     previous AS (
       SELECT sa.level, sa.justification, sa.version, sa."updatedAt", sa."updatedById"
       FROM "SelfAnswer" sa JOIN target t ON sa."assessmentId" = t.id AND sa."indicatorId" = t."indicatorId"),
     -- The value is stored already (a retry after a lost answer): saved, nothing written (holdsValue).
     unchanged AS (
       SELECT p.level, p.justification, p.version, p."updatedAt", u.name AS "updatedBy"
       FROM previous p LEFT JOIN "User" u ON u.id = p."updatedById"
       WHERE p.level IS NOT DISTINCT FROM $3 AND p.justification = $4),
     updated AS (
       UPDATE "SelfAnswer" sa SET level = $3, justification = $4, version = sa.version + 1, "updatedById" = $5, "updatedAt" = now()
       FROM target t WHERE sa."assessmentId" = t.id AND sa."indicatorId" = t."indicatorId" AND sa.version = $6
         AND NOT EXISTS (SELECT 1 FROM unchanged)
       RETURNING sa.level, sa.justification, sa.version, sa."updatedAt"),
     inserted AS (
       INSERT INTO "SelfAnswer" ("assessmentId", "indicatorId", level, justification, version, "updatedById", "updatedAt")
       SELECT t.id, t."indicatorId", $3, $4, 1, $5, now() FROM target t WHERE $6::int = 0
       ON CONFLICT ("assessmentId", "indicatorId") DO NOTHING
       RETURNING level, justification, version, "updatedAt"),
     written AS (SELECT * FROM updated UNION ALL SELECT * FROM inserted),
     audit AS (
       INSERT INTO "AuditEvent" ("actorId", "actorLabel", action, "entityType", "entityId", "assessmentId", before, after, "ipAddress", "userAgent")
       SELECT $5, $8, 'selfAnswer.save', 'SelfAnswer', $9, $1,
              (SELECT jsonb_build_object('level', p.level, 'justification', p.justification, 'version', p.version) FROM previous p),
              jsonb_build_object('level', w.level, 'justification', w.justification, 'version', w.version), $10, $11
       FROM written w)
     SELECT w.*, NULL::text AS "updatedBy", false AS unchanged FROM written w
     UNION ALL SELECT level, justification, version, "updatedAt", "updatedBy", true FROM unchanged`,
    values: [
      assessmentId,
      input.indicatorCode,
      input.level,
      input.justification,
      actor.id,
      input.baseVersion,
      EDITABLE_STATUSES,
      actor.email,
      `${assessmentId}:${input.indicatorCode}`,
      origin.ipAddress,
      origin.userAgent,
      actor.sessionVersion,
      actor.sessionId,
      ...scope.params,
    ],
  });
  const row = result.rows[0];
  if (!row) return null;
  const { unchanged, ...saved } = row;
  return { ...saved, updatedAt: saved.updatedAt.toISOString(), updatedBy: unchanged ? saved.updatedBy : actor.name };
}

function storedAnswer(row: Pick<SaveContext, "level" | "justification" | "version" | "updatedAt" | "updatedBy">): SavedAnswer {
  return row.version === null
    ? NO_ANSWER
    : { level: row.level, justification: row.justification ?? "", version: row.version, updatedAt: row.updatedAt!.toISOString(), updatedBy: row.updatedBy };
}

/**
 * The careful path: reads the context, applies the pure rules, then writes or reports a conflict
 * (or, when the value is stored already, answers it as saved: `holdsValue`).
 */
export async function saveWithDiagnosis(actor: Editor, assessmentId: string, input: TSaveAnswer, origin: RequestOrigin): Promise<SaveOutcome> {
  const scope = sqlAssessmentScope(actor, "selfAssessment.edit", 3);
  const context = await pgPool.query<SaveContext>(
    `SELECT a.status, a."reopenedUntil", s."startsAt", s."endsAt", i.id AS "indicatorId",
            sa.level, sa.justification, sa.version, sa."updatedAt", u.name AS "updatedBy"
     FROM "Assessment" a
     JOIN "Locus" l ON l.id = a."locusId"
     JOIN "Cycle" c ON c.id = a."cycleId"
     LEFT JOIN "CycleStage" s ON s."cycleId" = a."cycleId" AND s.kind = 'SELF_ASSESSMENT'
     LEFT JOIN "InstrumentIndicator" i ON i."instrumentVersionId" = c."instrumentVersionId" AND i.code = $2
     LEFT JOIN "SelfAnswer" sa ON sa."assessmentId" = a.id AND sa."indicatorId" = i.id
     LEFT JOIN "User" u ON u.id = sa."updatedById"
     WHERE a.id = $1::uuid AND ${scope.sql}`,
    [assessmentId, input.indicatorCode, ...scope.params],
  );
  const row = context.rows[0];
  if (!row) throw new ActionError("errors.notFound");
  assertEditable(row.status, row.startsAt && row.endsAt ? { startsAt: row.startsAt, endsAt: row.endsAt } : null, row.reopenedUntil);
  if (!row.indicatorId) throw new ActionError("validation.indicatorUnknown");
  if (holdsValue(row, input)) return { ok: true, answer: storedAnswer(row) };

  const entityId = `${assessmentId}:${input.indicatorCode}`;
  const before = row.version === null ? null : { level: row.level, justification: row.justification, version: row.version };
  // The saved answer's audit row is written inline, in the write's statement (see trySaveInOneStatement).
  const auditParams = [actor.email, entityId, before, origin.ipAddress, origin.userAgent];
  if ((row.version ?? 0) === input.baseVersion) {
    const write =
      row.version === null
        ? `INSERT INTO "SelfAnswer" ("assessmentId", "indicatorId", level, justification, version, "updatedById", "updatedAt")
           SELECT $1, $2, $3, $4, 1, $5, now() WHERE EXISTS (SELECT 1 FROM target) AND $6::int = 0
           ON CONFLICT ("assessmentId", "indicatorId") DO NOTHING
           RETURNING level, justification, version, "updatedAt"`
        : // The version condition is part of the write: of two saves on one version, the second
          // waits for the first's row lock, then finds the version moved and updates nothing.
          `UPDATE "SelfAnswer" SET level = $3, justification = $4, version = version + 1, "updatedById" = $5, "updatedAt" = now()
           WHERE "assessmentId" = $1 AND "indicatorId" = $2 AND version = $6 AND EXISTS (SELECT 1 FROM target)
           RETURNING level, justification, version, "updatedAt"`;
    const result = await pgPool.query<{ level: number | null; justification: string; version: number; updatedAt: Date }>(
      `WITH target AS (SELECT id FROM "Assessment" WHERE id = $1 AND status = ANY($7::"AssessmentStatus"[]) FOR SHARE),
            written AS (${write}),
            audit AS (
              INSERT INTO "AuditEvent" ("actorId", "actorLabel", action, "entityType", "entityId", "assessmentId", before, after, "ipAddress", "userAgent")
              SELECT $5, $8, 'selfAnswer.save', 'SelfAnswer', $9, $1, $10::jsonb,
                     jsonb_build_object('level', level, 'justification', justification, 'version', version), $11, $12
              FROM written)
       SELECT * FROM written`,
      [assessmentId, row.indicatorId, input.level, input.justification, actor.id, input.baseVersion, EDITABLE_STATUSES, ...auditParams],
    );
    const saved = result.rows[0];
    if (saved) return { ok: true, answer: { ...saved, updatedAt: saved.updatedAt.toISOString(), updatedBy: actor.name } };
  }

  // Nothing written: the version moved, or a submission locked the locus in between.
  const current = await pgPool.query<{
    status: AssessmentStatus;
    level: number | null;
    justification: string | null;
    version: number | null;
    updatedAt: Date | null;
    updatedBy: string | null;
  }>(
    `SELECT a.status, sa.level, sa.justification, sa.version, sa."updatedAt", u.name AS "updatedBy"
     FROM "Assessment" a LEFT JOIN "SelfAnswer" sa ON sa."assessmentId" = a.id AND sa."indicatorId" = $2
     LEFT JOIN "User" u ON u.id = sa."updatedById" WHERE a.id = $1`,
    [assessmentId, row.indicatorId],
  );
  const now = current.rows[0]!;
  if (!isSelfAssessmentEditable(now.status)) throw new ActionError("selfAssessment.locked", { status: now.status });
  const stored = storedAnswer(now);
  // An identical save that won the race (the same request sent twice) stored this value: saved.
  if (holdsValue(now, input)) return { ok: true, answer: stored };
  // The refused value stands alone (nothing was written to roll back with it).
  await audit(db, actor, {
    action: "selfAnswer.conflict",
    entityType: "SelfAnswer",
    entityId,
    assessmentId,
    before: now.version === null ? undefined : { level: stored.level, justification: stored.justification, version: stored.version },
    after: { level: input.level, justification: input.justification, baseVersion: input.baseVersion, refused: true },
  });
  return { ok: false, conflict: stored };
}

/** What still keeps the self-assessment from being submitted (checked by submit, under its lock). */
async function completenessOf(tx: Prisma.TransactionClient, assessmentId: string, instrumentVersionId: string, evidenceRequiredAboveZero: boolean) {
  const [instrument, answers, evidence, indicators] = await Promise.all([
    loadInstrument(instrumentVersionId),
    tx.selfAnswer.findMany({ where: { assessmentId }, select: { level: true, justification: true, indicator: { select: { code: true } } } }),
    tx.evidenceItem.groupBy({ by: ["indicatorId"], where: { assessmentId, removedAt: null }, _count: { _all: true } }),
    tx.instrumentIndicator.findMany({ where: { instrumentVersionId }, select: { id: true, code: true } }),
  ]);
  const codeById = new Map(indicators.map((i) => [i.id, i.code]));
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
  const result = await db.$transaction(async (tx) => {
    // An exclusive lock before the completeness check: saves in flight finish first, later ones
    // wait and then find the locus submitted.
    await tx.$executeRaw`SELECT 1 FROM "Assessment" WHERE id = ${assessmentId}::uuid FOR UPDATE`;
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
    await audit(tx, actor, {
      action: "assessment.submit",
      entityType: "Assessment",
      entityId: assessmentId,
      assessmentId,
      before: { status: step.from, round: assessment.round },
      after: { status: step.to, round },
    });
    // The verifiers assigned to the institution in this cycle hear of it (issue 14).
    await emitNotification(tx, { kind: "assessment.submitted", assessmentId, actorId: actor.id });
    return { submitted: true as const, missing: [] };
  });
  // The evidence pre-check of this submission (docs/domain.md §8.1), once it has committed.
  if (result.submitted) await storePreCheckAfterSubmit(assessmentId);
  return result;
}

/**
 * An admin lets one locus edit again until a date (inclusive, end of that day in Asia/Jakarta),
 * and moves a submitted locus back to draft through the state machine. Audited.
 */
export async function reopenAssessment(actor: Actor & { email: string }, assessmentId: string, untilDate: string) {
  if (!can(actor, "assessment.reopen")) throw new ActionError("errors.notFound");
  const until = endOfDayWib(untilDate);
  if (until.getTime() <= Date.now()) throw new ActionError("validation.dateInPast");
  return db.$transaction(async (tx) => {
    const assessment = await tx.assessment.findUnique({ where: { id: assessmentId }, select: { id: true, status: true, version: true, reopenedUntil: true } });
    if (!assessment) throw new ActionError("errors.notFound");
    let status = assessment.status;
    if (status === "SUBMITTED") {
      const step = transition(status, "REOPEN", actor.role);
      if (!step.ok) throw new ActionError("selfAssessment.locked", { status });
      status = step.to;
    } else if (!isReopenable(status)) {
      throw new ActionError("selfAssessment.cannotReopen", { status });
    }
    const updated = await tx.assessment.updateMany({
      where: { id: assessmentId, version: assessment.version },
      data: { status, reopenedUntil: until, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new ActionError("errors.conflict");
    await audit(tx, actor, {
      action: "assessment.reopen",
      entityType: "Assessment",
      entityId: assessmentId,
      assessmentId,
      before: { status: assessment.status, reopenedUntil: assessment.reopenedUntil?.toISOString() ?? null },
      after: { status, reopenedUntil: until.toISOString() },
    });
    return { status, reopenedUntil: until.toISOString() };
  });
}
