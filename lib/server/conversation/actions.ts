"use server";

import { revalidatePath } from "next/cache";
import { ZCommentRef, ZEditComment } from "@/lib/schemas/conversation";
import { authorizedActionClient } from "@/lib/server/action-client/client";
import { editComment, markAsQuestion, resolveQuestion } from "@/lib/server/conversation/comments";
import type { CommentView } from "@/lib/server/conversation/views";

/** The workspace and the review page both show a locus's threads and its count of open questions. */
function revalidated(comment: CommentView) {
  revalidatePath(`/assessments/${comment.assessmentId}`);
  revalidatePath(`/assessments/${comment.assessmentId}/review`);
  return comment;
}

// New comments are posted through POST /api/assessments/[id]/comments (JSON, or multipart with a file).

export const editCommentAction = authorizedActionClient
  .metadata({ action: "conversation.edit", policy: "conversation.post" })
  .inputSchema(ZEditComment)
  .action(async ({ parsedInput, ctx }) => revalidated(await editComment(ctx.actor, parsedInput)));

export const markQuestionAction = authorizedActionClient
  .metadata({ action: "conversation.markQuestion", policy: "conversation.ask" })
  .inputSchema(ZCommentRef)
  .action(async ({ parsedInput, ctx }) => revalidated(await markAsQuestion(ctx.actor, parsedInput.commentId)));

export const resolveQuestionAction = authorizedActionClient
  .metadata({ action: "conversation.resolveQuestion", policy: "conversation.ask" })
  .inputSchema(ZCommentRef)
  .action(async ({ parsedInput, ctx }) => revalidated(await resolveQuestion(ctx.actor, parsedInput.commentId)));
