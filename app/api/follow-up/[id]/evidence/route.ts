import { revalidatePath } from "next/cache";
import { NextResponse } from "next/server";
import { z } from "zod";
import { ZEvidenceLink } from "@/lib/domain/evidence/link";
import type { EvidenceItemView } from "@/lib/domain/evidence/view";
import { addFollowUpFileEvidence, addFollowUpLinkEvidence } from "@/lib/server/follow-up/evidence";
import { parseEvidenceLink, readEvidenceUpload } from "@/lib/server/http/evidence-upload";
import { authorizedRoute } from "@/lib/server/http/route-handler";

/**
 * Adds evidence to one follow-up action (`[id]`): a file as multipart/form-data (field `file`), or
 * a link as JSON `{ url, title? }`, read and checked exactly as the self-assessment's evidence.
 * Answers 201 with the item; the action goes back to the verifier.
 */
export const POST = authorizedRoute("/api/follow-up/[id]/evidence", z.object({ id: z.uuid() }), async ({ actor, params, request }) => {
  const upload = await readEvidenceUpload(request);
  if (upload instanceof Response) return upload;
  let item: EvidenceItemView;
  if (upload.kind === "file") {
    item = await addFollowUpFileEvidence(actor, { followUpId: params.id, originalName: upload.originalName, bytes: upload.bytes });
  } else {
    const link = parseEvidenceLink(upload.body, ZEvidenceLink);
    if (link instanceof Response) return link;
    item = await addFollowUpLinkEvidence(actor, { followUpId: params.id, ...link });
  }
  revalidatePath("/follow-up", "layout");
  return NextResponse.json(item, { status: 201, headers: { "cache-control": "no-store" } });
});
