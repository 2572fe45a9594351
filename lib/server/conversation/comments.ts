import "server-only";
import { can, type Actor, type PolicyKey } from "@/lib/auth/policies";
import {
  canEditComment,
  canMarkAsQuestion,
  countOpenQuestions,
  editableUntil,
  isConversationOpen,
  isOpenQuestion,
  openQuestionsByIndicator,
  parseMentions,
  questionsAnsweredBy,
} from "@/lib/domain/conversation/rules";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TEditComment, TPostComment } from "@/lib/schemas/conversation";
import { audit } from "../audit/record";
import { db } from "../db/client";
import { ActionError } from "../errors";
import { auditView, itemFields, storeEvidenceFile, toView as evidenceView, type StoredEvidenceFile } from "../assessment/evidence";
import { assessmentScope, policyTargetFields, policyTargetOf } from "../assessment/queries";
import { emitNotification } from "../notifications/emit";
import type { CommentView, ConversationView, ParticipantView, PostedComment } from "./views";

/** Who acts: the server layer's current user (its e-mail labels the audit record). */
type Speaker = Actor & { email: string };
type Tx = Prisma.TransactionClient;

/**
 * The assessment a thread belongs to, if the actor may act on it under `key`: the scope is in the
 * query, and a verifier's assignment is checked for the assessment's own cycle. Anything else
 * (another institution's locus, an unknown id) is "not found", exactly alike. `lock` takes a
 * shared lock on the row, so an approval (which locks it for update) waits for a comment being
 * written and then counts its questions.
 */
async function loadThreadAssessment(reader: Tx | typeof db, actor: Actor, assessmentId: string, key: PolicyKey, lock: boolean) {
  if (lock) await reader.$executeRaw`SELECT 1 FROM "Assessment" WHERE id = ${assessmentId}::uuid FOR SHARE`;
  const assessment = await reader.assessment.findFirst({
    where: { AND: [{ id: assessmentId }, assessmentScope(actor, key)] },
    select: { id: true, status: true, round: true, ...policyTargetFields, cycle: { select: { instrumentVersionId: true } } },
  });
  if (!assessment || !can(actor, key, policyTargetOf(assessment))) throw new ActionError("errors.notFound");
  return assessment;
}

type ThreadAssessment = Awaited<ReturnType<typeof loadThreadAssessment>>;

/**
 * The people a locus's threads are between: the active evaluators of its institution and the
 * active verifiers assigned to that institution in the locus's cycle, by name.
 */
async function loadParticipants(reader: Tx | typeof db, assessment: ThreadAssessment): Promise<ParticipantView[]> {
  const institutionId = assessment.locus.institutionId;
  const rows = await reader.user.findMany({
    where: {
      isActive: true,
      OR: [
        { role: "EVALUATOR", institutionId },
        { role: "VERIFIER", verifierAssignments: { some: { cycleId: assessment.cycleId, institutionId } } },
      ],
    },
    select: { id: true, name: true, role: true },
    orderBy: [{ role: "asc" }, { name: "asc" }, { id: "asc" }],
  });
  return rows;
}

const commentFields = {
  id: true,
  assessmentId: true,
  round: true,
  body: true,
  authorId: true,
  createdAt: true,
  editedAt: true,
  isQuestion: true,
  resolvedAt: true,
  answerId: true,
  mentionedUserIds: true,
  author: { select: { name: true, role: true } },
  resolvedBy: { select: { name: true } },
  indicator: { select: { code: true } },
  attachments: { where: { removedAt: null }, select: itemFields, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
} satisfies Prisma.IndicatorCommentSelect;

type CommentRow = Prisma.IndicatorCommentGetPayload<{ select: typeof commentFields }>;

function toCommentView(row: CommentRow, names: ReadonlyMap<string, string>): CommentView {
  return {
    id: row.id,
    assessmentId: row.assessmentId,
    indicatorCode: row.indicator.code,
    round: row.round,
    body: row.body,
    authorId: row.authorId,
    authorName: row.author.name,
    authorRole: row.author.role,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    editableUntil: editableUntil(row.createdAt).toISOString(),
    isQuestion: row.isQuestion,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    resolvedByName: row.resolvedBy?.name ?? null,
    answerId: row.answerId,
    mentions: row.mentionedUserIds.map((id) => ({ id, name: names.get(id) ?? "?" })),
    attachments: row.attachments.map((item) => ({ ...evidenceView(item), indicatorCode: row.indicator.code })),
  };
}

/** Names of everyone the rows mention: the participants, and anyone mentioned who no longer is one. */
async function mentionNames(reader: Tx | typeof db, rows: readonly CommentRow[], participants: readonly ParticipantView[]) {
  const names = new Map(participants.map((p) => [p.id, p.name]));
  const missing = [...new Set(rows.flatMap((r) => r.mentionedUserIds))].filter((id) => !names.has(id));
  if (missing.length > 0) {
    for (const user of await reader.user.findMany({ where: { id: { in: missing } }, select: { id: true, name: true } })) names.set(user.id, user.name);
  }
  return names;
}

/**
 * Every thread of a locus for a viewer under "conversation.read" (its evaluators, its verifiers,
 * admins, its institution's head), with its participants and open questions; null for anyone else
 * (the page answers "not found"). A thread is keyed by assessment and indicator, so it holds every
 * round's comments.
 */
export async function loadConversation(actor: Actor, assessmentId: string): Promise<ConversationView | null> {
  let assessment: ThreadAssessment;
  try {
    assessment = await loadThreadAssessment(db, actor, assessmentId, "conversation.read", false);
  } catch (error) {
    if (error instanceof ActionError) return null;
    throw error;
  }
  const [participants, rows] = await Promise.all([
    loadParticipants(db, assessment),
    db.indicatorComment.findMany({
      where: { assessmentId },
      select: commentFields,
      orderBy: [{ indicator: { position: "asc" } }, { createdAt: "asc" }, { id: "asc" }],
    }),
  ]);
  const names = await mentionNames(db, rows, participants);
  const threads: Record<string, CommentView[]> = {};
  for (const row of rows) (threads[row.indicator.code] ??= []).push(toCommentView(row, names));
  const flat = rows.map((r) => ({ isQuestion: r.isQuestion, resolvedAt: r.resolvedAt, indicatorCode: r.indicator.code }));
  const target = policyTargetOf(assessment);
  const open = isConversationOpen(assessment.status);
  return {
    assessmentId,
    round: assessment.round,
    viewerId: actor.id,
    canPost: open && can(actor, "conversation.post", target),
    canAsk: open && can(actor, "conversation.ask", target),
    open,
    participants,
    threads,
    openQuestions: { total: countOpenQuestions(flat), byIndicator: openQuestionsByIndicator(flat) },
  };
}

/** How many questions of a locus's threads are open (for the approval, inside its transaction). */
export async function openQuestionCount(reader: Pick<Tx, "indicatorComment">, assessmentId: string): Promise<number> {
  const questions = await reader.indicatorComment.findMany({ where: { assessmentId, isQuestion: true }, select: { isQuestion: true, resolvedAt: true } });
  return countOpenQuestions(questions);
}

async function resolveIndicator(tx: Tx, assessment: ThreadAssessment, code: string) {
  const indicator = await tx.instrumentIndicator.findUnique({
    where: { instrumentVersionId_code: { instrumentVersionId: assessment.cycle.instrumentVersionId, code } },
    select: { id: true, code: true },
  });
  if (!indicator) throw new ActionError("validation.indicatorUnknown");
  return indicator;
}

/** What may be posted: refuses a closed thread and a question from anyone but a verifier of the locus. */
function assertMayPost(actor: Actor, assessment: ThreadAssessment, input: TPostComment) {
  if (!isConversationOpen(assessment.status)) throw new ActionError("conversation.closed");
  if (input.asQuestion && !can(actor, "conversation.ask", policyTargetOf(assessment))) throw new ActionError("conversation.onlyVerifierAsks");
}

/**
 * Writes a comment in the thread of one indicator, in the caller's transaction: its mentions
 * (participants named with @), its round, the questions it answers (a reply from the unit closes
 * the thread's open questions asked before it), its attachment, the audit records and the
 * notification event, all or nothing.
 */
async function writeComment(
  tx: Tx,
  actor: Speaker,
  assessmentId: string,
  input: TPostComment,
  file: StoredEvidenceFile | null,
  now: Date,
): Promise<PostedComment> {
  const assessment = await loadThreadAssessment(tx, actor, assessmentId, "conversation.post", true);
  assertMayPost(actor, assessment, input);
  const indicator = await resolveIndicator(tx, assessment, input.indicatorCode);
  const participants = await loadParticipants(tx, assessment);
  const mentionedUserIds = parseMentions(
    input.body,
    participants.filter((p) => p.id !== actor.id),
  );
  // The thread's questions, locked: two replies at once close each question once.
  const thread = await tx.$queryRaw<{ id: string; isQuestion: boolean; resolvedAt: Date | null; createdAt: Date }[]>`
    SELECT id, "isQuestion", "resolvedAt", "createdAt" FROM "IndicatorComment"
    WHERE "assessmentId" = ${assessmentId}::uuid AND "indicatorId" = ${indicator.id}::uuid AND "isQuestion" AND "resolvedAt" IS NULL
    ORDER BY "createdAt", id FOR UPDATE`;
  const created = await tx.indicatorComment.create({
    data: {
      assessmentId,
      indicatorId: indicator.id,
      authorId: actor.id,
      round: assessment.round,
      body: input.body,
      mentionedUserIds,
      isQuestion: input.asQuestion,
      createdAt: now,
    },
    select: { id: true },
  });
  const answered = questionsAnsweredBy(thread, { authorRole: actor.role, createdAt: now });
  if (answered.length > 0) {
    await tx.indicatorComment.updateMany({
      where: { id: { in: answered }, resolvedAt: null },
      data: { resolvedAt: now, resolvedById: actor.id, answerId: created.id },
    });
  }
  if (file) {
    await tx.evidenceItem.create({ data: { kind: "FILE", commentId: created.id, ...file, uploadedById: actor.id }, select: { id: true } });
  }
  await audit(tx, actor, [
    {
      action: "comment.post",
      entityType: "IndicatorComment",
      entityId: created.id,
      assessmentId,
      after: {
        indicatorCode: indicator.code,
        round: assessment.round,
        body: input.body,
        isQuestion: input.asQuestion,
        mentionedUserIds,
        ...(file ? { attachment: auditView({ kind: "FILE", indicatorCode: indicator.code, ...file }) } : {}),
      },
    },
    ...answered.map((id) => ({
      action: "comment.questionAnswered",
      entityType: "IndicatorComment",
      entityId: id,
      assessmentId,
      before: { open: true },
      after: { open: false, answerId: created.id },
    })),
  ]);
  // The participants are everyone the thread is between (the unit's evaluators, the locus's
  // verifiers), not only those who wrote in it: a question reaches the unit before it has replied.
  await emitNotification(tx, {
    kind: "comment.posted",
    assessmentId,
    indicatorCode: indicator.code,
    commentId: created.id,
    authorId: actor.id,
    participantIds: participants.filter((p) => p.id !== actor.id).map((p) => p.id),
    mentionedUserIds,
  });
  const row = await tx.indicatorComment.findUniqueOrThrow({ where: { id: created.id }, select: commentFields });
  return { comment: toCommentView(row, await mentionNames(tx, [row], participants)), answeredQuestionIds: answered };
}

/** Posts a text comment on an indicator of a locus the actor takes part in (its evaluator, its verifier). */
export async function postComment(actor: Speaker, assessmentId: string, input: TPostComment, now = new Date()): Promise<PostedComment> {
  return db.$transaction((tx) => writeComment(tx, actor, assessmentId, input, null, now));
}

/**
 * Posts a comment with a file attached, through the evidence storage and its rules
 * (storeEvidenceFile: the type is decided from the content, the size limit, a generated key). The
 * caller is refused before anything is stored; if the comment cannot be written, the stored
 * object is deleted again.
 */
export async function postCommentWithFile(
  actor: Speaker,
  assessmentId: string,
  input: TPostComment,
  upload: { originalName: string; bytes: Uint8Array },
  now = new Date(),
): Promise<PostedComment> {
  await db.$transaction(async (tx) => {
    const assessment = await loadThreadAssessment(tx, actor, assessmentId, "conversation.post", false);
    assertMayPost(actor, assessment, input);
    await resolveIndicator(tx, assessment, input.indicatorCode);
  });
  return storeEvidenceFile(assessmentId, upload, (file) => db.$transaction((tx) => writeComment(tx, actor, assessmentId, input, file, now)));
}

/**
 * The comment `commentId` for a change under `key`, locked for update, if the actor may act on its
 * locus; otherwise "not found". Also refuses any change once the locus is final.
 */
async function loadCommentForChange(tx: Tx, actor: Actor, commentId: string, key: PolicyKey) {
  const found = await tx.indicatorComment.findFirst({
    where: { id: commentId, assessment: assessmentScope(actor, key) },
    select: { assessmentId: true },
  });
  if (!found) throw new ActionError("errors.notFound");
  const assessment = await loadThreadAssessment(tx, actor, found.assessmentId, key, true);
  await tx.$executeRaw`SELECT 1 FROM "IndicatorComment" WHERE id = ${commentId}::uuid FOR UPDATE`;
  const comment = await tx.indicatorComment.findUniqueOrThrow({ where: { id: commentId }, select: commentFields });
  if (!isConversationOpen(assessment.status)) throw new ActionError("conversation.closed");
  return { assessment, comment };
}

async function viewOf(tx: Tx, assessment: ThreadAssessment, commentId: string) {
  const row = await tx.indicatorComment.findUniqueOrThrow({ where: { id: commentId }, select: commentFields });
  return toCommentView(row, await mentionNames(tx, [row], await loadParticipants(tx, assessment)));
}

/**
 * The author edits a comment's text within five minutes of posting it. The mentions follow the
 * new text; the audit record keeps the text before and after. The same text again changes nothing.
 */
export async function editComment(actor: Speaker, input: TEditComment, now = new Date()): Promise<CommentView> {
  return db.$transaction(async (tx) => {
    const { assessment, comment } = await loadCommentForChange(tx, actor, input.commentId, "conversation.post");
    if (comment.authorId !== actor.id) throw new ActionError("conversation.editOnlyAuthor");
    if (comment.body === input.body) return viewOf(tx, assessment, comment.id);
    if (!canEditComment(comment, actor.id, now)) throw new ActionError("conversation.editWindowPassed", { minutes: 5 });
    const participants = await loadParticipants(tx, assessment);
    const mentionedUserIds = parseMentions(
      input.body,
      participants.filter((p) => p.id !== actor.id),
    );
    await tx.indicatorComment.update({ where: { id: comment.id }, data: { body: input.body, mentionedUserIds, editedAt: now }, select: { id: true } });
    await audit(tx, actor, {
      action: "comment.edit",
      entityType: "IndicatorComment",
      entityId: comment.id,
      assessmentId: assessment.id,
      before: { body: comment.body, mentionedUserIds: comment.mentionedUserIds },
      after: { body: input.body, mentionedUserIds },
    });
    return viewOf(tx, assessment, comment.id);
  });
}

/** A verifier of the locus marks a verifier's comment as a question that needs the unit's answer. Audited. */
export async function markAsQuestion(actor: Speaker, commentId: string): Promise<CommentView> {
  return db.$transaction(async (tx) => {
    const { assessment, comment } = await loadCommentForChange(tx, actor, commentId, "conversation.ask");
    if (comment.isQuestion) return viewOf(tx, assessment, comment.id);
    if (!canMarkAsQuestion({ authorRole: comment.author.role, isQuestion: comment.isQuestion })) throw new ActionError("conversation.cannotMarkQuestion");
    await tx.indicatorComment.update({ where: { id: comment.id }, data: { isQuestion: true, resolvedAt: null, resolvedById: null, answerId: null } });
    await audit(tx, actor, {
      action: "comment.markQuestion",
      entityType: "IndicatorComment",
      entityId: comment.id,
      assessmentId: assessment.id,
      before: { isQuestion: false },
      after: { isQuestion: true, open: true },
    });
    return viewOf(tx, assessment, comment.id);
  });
}

/** A verifier of the locus closes an open question without a reply from the unit. Audited; an already closed one is left as it is. */
export async function resolveQuestion(actor: Speaker, commentId: string, now = new Date()): Promise<CommentView> {
  return db.$transaction(async (tx) => {
    const { assessment, comment } = await loadCommentForChange(tx, actor, commentId, "conversation.ask");
    if (!comment.isQuestion) throw new ActionError("conversation.notAQuestion");
    if (!isOpenQuestion(comment)) return viewOf(tx, assessment, comment.id);
    await tx.indicatorComment.update({ where: { id: comment.id }, data: { resolvedAt: now, resolvedById: actor.id } });
    await audit(tx, actor, {
      action: "comment.resolveQuestion",
      entityType: "IndicatorComment",
      entityId: comment.id,
      assessmentId: assessment.id,
      before: { open: true },
      after: { open: false },
    });
    return viewOf(tx, assessment, comment.id);
  });
}
