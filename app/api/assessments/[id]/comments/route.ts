import { revalidatePath } from "next/cache";
import { NextResponse } from "next/server";
import { z } from "zod";
import { ZPostComment } from "@/lib/schemas/conversation";
import { postComment, postCommentWithFile } from "@/lib/server/conversation/comments";
import type { PostedComment } from "@/lib/server/conversation/views";
import { parseEvidenceLink, readEvidenceUpload } from "@/lib/server/http/evidence-upload";
import { authorizedRoute } from "@/lib/server/http/route-handler";

/**
 * Posts a comment on one indicator's thread: JSON `{ indicatorCode, body, asQuestion? }`, or
 * multipart/form-data with the same fields and a `file` attached (read and bounded by
 * readEvidenceUpload, stored under the evidence rules). Answers 201 with the comment and the
 * questions it answered.
 */
export const POST = authorizedRoute("/api/assessments/[id]/comments", z.object({ id: z.uuid() }), async ({ actor, params, request }) => {
  const upload = await readEvidenceUpload(request);
  if (upload instanceof Response) return upload;
  let posted: PostedComment;
  if (upload.kind === "file") {
    const input = parseEvidenceLink(Object.fromEntries([...upload.form.entries()].filter(([, v]) => typeof v === "string")), ZPostComment);
    if (input instanceof Response) return input;
    posted = await postCommentWithFile(actor, params.id, input, { originalName: upload.originalName, bytes: upload.bytes });
  } else {
    const input = parseEvidenceLink(upload.body, ZPostComment);
    if (input instanceof Response) return input;
    posted = await postComment(actor, params.id, input);
  }
  revalidatePath(`/assessments/${params.id}`);
  revalidatePath(`/assessments/${params.id}/review`);
  return NextResponse.json(posted, { status: 201, headers: { "cache-control": "no-store" } });
});
