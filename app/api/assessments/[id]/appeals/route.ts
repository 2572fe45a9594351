import { revalidatePath } from "next/cache";
import { NextResponse } from "next/server";
import { z } from "zod";
import { ZFileAppeal } from "@/lib/schemas/appeals";
import { fileAppeal } from "@/lib/server/appeals/appeals";
import { readEvidenceUpload } from "@/lib/server/http/evidence-upload";
import { authorizedRoute, errorResponse } from "@/lib/server/http/route-handler";

/**
 * Files an appeal (sanggah) of one verified level: multipart/form-data with `indicatorCode`,
 * `argument` and an evidence `file`, or JSON `{ indicatorCode, argument }` without a file. The
 * body is read and bounded by readEvidenceUpload, as for every route that takes evidence. 201.
 */
export const POST = authorizedRoute("/api/assessments/[id]/appeals", z.object({ id: z.uuid() }), async ({ actor, params, request }) => {
  const upload = await readEvidenceUpload(request);
  if (upload instanceof Response) return upload;
  const fields = upload.kind === "file" ? { indicatorCode: upload.form.get("indicatorCode"), argument: upload.form.get("argument") } : upload.body;
  const parsed = ZFileAppeal.safeParse({ ...(typeof fields === "object" && fields ? fields : {}), assessmentId: params.id });
  if (!parsed.success) return errorResponse(422, parsed.error.issues[0]?.message ?? "validation.invalid");
  const filed = await fileAppeal(actor, parsed.data, upload.kind === "file" ? { originalName: upload.originalName, bytes: upload.bytes } : null);
  revalidatePath(`/assessments/${params.id}`);
  return NextResponse.json(filed, { status: 201, headers: { "cache-control": "no-store" } });
});
