import { revalidatePath } from "next/cache";
import { NextResponse } from "next/server";
import { z } from "zod";
import { ZOpenCorrection } from "@/lib/schemas/correction";
import { openCorrection } from "@/lib/server/correction/correction";
import { readEvidenceUpload } from "@/lib/server/http/evidence-upload";
import { errorResponse, authorizedRoute } from "@/lib/server/http/route-handler";

/**
 * Opens an audited correction of a FINAL locus (`[id]`, docs/domain.md §6.4): multipart/form-data
 * with `reason`, `decreeReference` and the decree document as `file`, read and checked by the
 * evidence rules. Answers 201; the locus is then IN_CORRECTION.
 */
export const POST = authorizedRoute("/api/assessments/[id]/correction", z.object({ id: z.uuid() }), async ({ actor, params, request }) => {
  const upload = await readEvidenceUpload(request);
  if (upload instanceof Response) return upload;
  if (upload.kind !== "file") return errorResponse(422, "correction.decreeFileMissing");
  const parsed = ZOpenCorrection.safeParse({ reason: upload.form.get("reason"), decreeReference: upload.form.get("decreeReference") });
  if (!parsed.success) {
    return errorResponse(422, parsed.error.issues[0]?.message ?? "validation.invalid", { fieldErrors: z.flattenError(parsed.error).fieldErrors });
  }
  const opened = await openCorrection(actor, params.id, parsed.data, { originalName: upload.originalName, bytes: upload.bytes });
  revalidatePath(`/admin/corrections/${params.id}`);
  return NextResponse.json(opened, { status: 201, headers: { "cache-control": "no-store" } });
});
