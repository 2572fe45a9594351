import type { Role } from "@/lib/domain/roles";
import type { EvidenceItemView } from "@/lib/domain/evidence/view";

/**
 * What the browser gets of an indicator's conversation (docs/domain.md §3.8): from the pages'
 * loader (loadConversation) and from the comment route's answer. Dates travel as ISO strings.
 */

/** Someone a thread is between: one of the unit's evaluators or one of the locus's verifiers. */
export interface ParticipantView {
  id: string;
  name: string;
  role: Role;
}

export interface CommentView {
  id: string;
  assessmentId: string;
  indicatorCode: string;
  /** The round of the locus the comment was written in. */
  round: number;
  body: string;
  authorId: string;
  authorName: string;
  authorRole: Role;
  createdAt: string;
  /** The author's last edit, if any. */
  editedAt: string | null;
  /** Until when its author may edit it (5 minutes after posting). */
  editableUntil: string;
  isQuestion: boolean;
  /** When the question was closed, by whom, and whether by the unit's reply (answerId) or marked resolved. */
  resolvedAt: string | null;
  resolvedByName: string | null;
  answerId: string | null;
  mentions: { id: string; name: string }[];
  attachments: EvidenceItemView[];
}

/** The threads of one locus, for one viewer. */
export interface ConversationView {
  assessmentId: string;
  /** The locus's current round (a comment shows its own round beside it). */
  round: number;
  viewerId: string;
  /** The viewer may post (an evaluator of the unit, a verifier of the locus) and the threads are open. */
  canPost: boolean;
  /** The viewer may mark questions and resolve them (a verifier of the locus), and the threads are open. */
  canAsk: boolean;
  /** False once the locus is final: the threads are read-only for everyone. */
  open: boolean;
  participants: ParticipantView[];
  /** Comments per indicator code, oldest first. */
  threads: Record<string, CommentView[]>;
  openQuestions: { total: number; byIndicator: Record<string, number> };
}

/** The comment route's answer to a new comment: the comment, and the questions it answered. */
export interface PostedComment {
  comment: CommentView;
  answeredQuestionIds: string[];
}
