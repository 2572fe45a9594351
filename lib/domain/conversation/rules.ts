import type { Role } from "../roles";
import type { AssessmentStatus } from "../workflow/state-machine";

/**
 * The conversation on an indicator (docs/domain.md §3.8): pure rules, shared by the server layer
 * (which enforces them) and the browser (which shows what is allowed before it is asked).
 */

/** Longest text of one comment, in UTF-16 code units (what a textarea's maxLength counts). */
export const COMMENT_MAX = 4_000;

/** An author may edit a comment for this long after posting it: 5 minutes. */
export const EDIT_WINDOW_MS = 5 * 60_000;

/** The roles a thread is between: the unit's evaluators and the locus's verifiers. Admins and heads only read. */
export const CONVERSATION_ROLES = ["EVALUATOR", "VERIFIER"] as const satisfies readonly Role[];
export type ConversationRole = (typeof CONVERSATION_ROLES)[number];

/** The last moment the author may still edit a comment posted at `createdAt`. */
export function editableUntil(createdAt: Date): Date {
  return new Date(createdAt.getTime() + EDIT_WINDOW_MS);
}

/** Whether `actorId` may edit this comment at `now`: only its author, and only within the window (both ends included). */
export function canEditComment(comment: { authorId: string; createdAt: Date }, actorId: string, now: Date): boolean {
  if (comment.authorId !== actorId) return false;
  const age = now.getTime() - comment.createdAt.getTime();
  return age >= 0 && age <= EDIT_WINDOW_MS;
}

/**
 * Whether a locus's threads still take new comments. A final locus is closed for good (nothing
 * leaves FINAL, docs/domain.md §3.3), so its threads are read-only; every other status talks.
 */
export function isConversationOpen(status: AssessmentStatus): boolean {
  return status !== "FINAL";
}

// ─────────────────────────────── Mentions ───────────────────────────────

export interface Mentionable {
  id: string;
  name: string;
}

/** A character that may stand before an "@" that starts a mention: none (start), a space, or opening punctuation. */
const BEFORE_MENTION = /[\s([{"'“‘]/u;
/** A letter, digit or connector: a name must not run on into one of these. */
const WORD_CHARACTER = /[\p{L}\p{N}\p{M}_]/u;

/**
 * The participants a text mentions: "@" followed by a participant's name (case-insensitive),
 * where the "@" starts the text or follows a space or opening punctuation (so an e-mail address is
 * not a mention) and the name ends the text or is followed by a character that is not a letter or
 * digit. When names overlap ("Budi" and "Budi Santoso"), the longest that matches wins. Answers
 * each mentioned id once, in order of first mention; anyone not in `participants` is never named.
 */
export function parseMentions(text: string, participants: readonly Mentionable[]): string[] {
  const candidates = participants.filter((p) => p.name.trim().length > 0).sort((a, b) => b.name.length - a.name.length);
  const found: string[] = [];
  for (let at = text.indexOf("@"); at !== -1; at = text.indexOf("@", at + 1)) {
    if (at > 0 && !BEFORE_MENTION.test(text[at - 1]!)) continue;
    for (const participant of candidates) {
      const end = at + 1 + participant.name.length;
      if (end > text.length) continue;
      if (text.slice(at + 1, end).toLowerCase() !== participant.name.toLowerCase()) continue;
      if (end < text.length && WORD_CHARACTER.test(text[end]!)) continue;
      if (!found.includes(participant.id)) found.push(participant.id);
      break;
    }
  }
  return found;
}

/**
 * Inserts a mention of `name` at the caret (replacing a selection), with a space before it when
 * the text before does not end in one and a space after it: the new text and the caret after it.
 */
export function insertMention(text: string, selection: { start: number; end: number }, name: string): { text: string; caret: number } {
  const start = Math.max(0, Math.min(selection.start, text.length));
  const end = Math.max(start, Math.min(selection.end, text.length));
  const before = text.slice(0, start);
  const token = `${before.length > 0 && !/\s$/.test(before) ? " " : ""}@${name} `;
  return { text: before + token + text.slice(end), caret: before.length + token.length };
}

// ─────────────────────────────── Questions ───────────────────────────────

export interface QuestionState {
  isQuestion: boolean;
  resolvedAt: Date | string | null;
}

/** A question that still waits for its answer. */
export function isOpenQuestion(comment: QuestionState): boolean {
  return comment.isQuestion && comment.resolvedAt === null;
}

/** How many questions are still open. */
export function countOpenQuestions(comments: readonly QuestionState[]): number {
  return comments.reduce((n, c) => n + (isOpenQuestion(c) ? 1 : 0), 0);
}

/** Open questions per indicator code; indicators without one are absent. */
export function openQuestionsByIndicator(comments: readonly (QuestionState & { indicatorCode: string })[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of comments) if (isOpenQuestion(c)) counts[c.indicatorCode] = (counts[c.indicatorCode] ?? 0) + 1;
  return counts;
}

/**
 * A verifier may mark a comment as a question that needs an answer: a verifier's comment that is
 * not a question yet (the unit answers questions; it does not get its own words turned into one).
 */
export function canMarkAsQuestion(comment: { authorRole: Role; isQuestion: boolean }): boolean {
  return comment.authorRole === "VERIFIER" && !comment.isQuestion;
}

/**
 * The questions a new comment answers: when the unit (an evaluator) writes in a thread, every
 * question of that thread still open and asked before it is answered by it. A verifier's reply
 * answers nothing; a verifier closes a question by marking it resolved instead.
 */
export function questionsAnsweredBy<C extends QuestionState & { id: string; createdAt: Date }>(
  thread: readonly C[],
  reply: { authorRole: Role; createdAt: Date },
): string[] {
  if (reply.authorRole !== "EVALUATOR") return [];
  return thread.filter((c) => isOpenQuestion(c) && c.createdAt.getTime() <= reply.createdAt.getTime()).map((c) => c.id);
}

/**
 * Approval while questions are open needs the verifier's explicit confirmation: refused (with the
 * count) unless `confirmed`. No open question: nothing to confirm.
 */
export function approvalWithOpenQuestions(openQuestions: number, confirmed: boolean): { ok: true } | { ok: false; openQuestions: number } {
  return openQuestions > 0 && !confirmed ? { ok: false, openQuestions } : { ok: true };
}
