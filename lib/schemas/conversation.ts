import { z } from "zod";
import { COMMENT_MAX } from "@/lib/domain/conversation/rules";
import { ZIndicatorCode } from "@/lib/domain/instrument/fields";
import { text } from "./text";

/** The text of a comment: the shared text rules, trimmed, not blank, at most COMMENT_MAX characters. */
export const ZCommentBody = text().trim().min(1, { error: "conversation.bodyRequired" }).max(COMMENT_MAX, { error: "conversation.bodyTooLong" });

/** "true"/"on" from a form field, or a boolean from a client component; absent is false. */
export const ZFlag = z.preprocess((v) => (v === "true" || v === "on" ? true : v === "false" || v === "" ? false : v), z.boolean()).default(false);

/**
 * A new comment on one indicator of an assessment (the assessment comes from the route's path):
 * JSON, or the form fields of a multipart request that also carries a file. `asQuestion` marks it
 * as a question that needs an answer (verifiers only).
 */
export const ZPostComment = z.object({
  indicatorCode: ZIndicatorCode,
  body: ZCommentBody,
  asQuestion: ZFlag,
});
export type TPostComment = z.infer<typeof ZPostComment>;

/** The author's edit of a comment, within five minutes of posting it. */
export const ZEditComment = z.object({ commentId: z.uuid(), body: ZCommentBody });
export type TEditComment = z.infer<typeof ZEditComment>;

/** One comment, for marking it as a question or a question as resolved. */
export const ZCommentRef = z.object({ commentId: z.uuid() });
