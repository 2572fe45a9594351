import { revalidatePath } from "next/cache";
import { NextResponse } from "next/server";
import { z } from "zod";
import { ZAddEvidenceLink } from "@/lib/domain/evidence/link";
import { ZIndicatorCode } from "@/lib/domain/instrument/fields";
import type { EvidenceItemView } from "@/lib/domain/evidence/view";
import { addFileEvidence, addLinkEvidence } from "@/lib/server/assessment/evidence";
import { parseEvidenceLink, readEvidenceUpload } from "@/lib/server/http/evidence-upload";
import { authorizedRoute, errorResponse } from "@/lib/server/http/route-handler";

/**
 * Adds evidence to one indicator: a file as multipart/form-data (fields `indicatorCode`, `file`),
 * or a link as JSON `{ indicatorCode, url, title? }`. Answers 201 with the item. The body is read
 * and bounded by readEvidenceUpload, the same for every route that takes evidence.
 */
export const POST = authorizedRoute("/api/assessments/[id]/evidence", z.object({ id: z.uuid() }), async ({ actor, params, request }) => {
  const upload = await readEvidenceUpload(request);
  if (upload instanceof Response) return upload;
  let item: EvidenceItemView;
  if (upload.kind === "file") {
    const indicatorCode = ZIndicatorCode.safeParse(upload.form.get("indicatorCode"));
    if (!indicatorCode.success) return errorResponse(422, "evidence.indicatorInvalid");
    item = await addFileEvidence(actor, { assessmentId: params.id, indicatorCode: indicatorCode.data, originalName: upload.originalName, bytes: upload.bytes });
  } else {
    const link = parseEvidenceLink(upload.body, ZAddEvidenceLink);
    if (link instanceof Response) return link;
    item = await addLinkEvidence(actor, { assessmentId: params.id, ...link });
  }
  revalidatePath(`/assessments/${params.id}`);
  return NextResponse.json(item, { status: 201, headers: { "cache-control": "no-store" } });
});
