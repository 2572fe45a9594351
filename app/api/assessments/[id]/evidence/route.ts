import { revalidatePath } from "next/cache";
import type { NextRequest } from "next/server";
import { NextResponse } from "next/server";
import { z } from "zod";
import { evidenceMaxBytes } from "@/lib/domain/evidence/limits";
import { ZAddEvidenceLink, ZIndicatorCode } from "@/lib/domain/evidence/link";
import type { EvidenceItemView } from "@/lib/domain/evidence/view";
import { ActionError } from "@/lib/server/actions/errors";
import { addFileEvidence, addLinkEvidence } from "@/lib/server/data/evidence";
import { authorizedRoute, errorResponse } from "@/lib/server/routes/handler";

/** Room for the multipart envelope and the indicatorCode field around the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;
const JSON_LIMIT = 16 * 1024;

/**
 * Status of the refusals that are not plain validation (422): too large, wrong type, and a
 * self-assessment that cannot be changed now (locked status or outside the stage dates: 423).
 */
const STATUS_OF_KEY: Record<string, number> = {
  "evidence.fileTooLarge": 413,
  "evidence.typeNotAllowed": 415,
  "evidence.typeMismatch": 415,
  "selfAssessment.locked": 423,
  "selfAssessment.noStage": 423,
  "selfAssessment.notStarted": 423,
  "selfAssessment.ended": 423,
};

/**
 * Adds evidence to one indicator: a file as multipart/form-data (fields `indicatorCode`, `file`),
 * or a link as JSON `{ indicatorCode, url, title? }`. Answers 201 with the item.
 */
export const POST = authorizedRoute("/api/assessments/[id]/evidence", z.object({ id: z.uuid() }), async ({ actor, params, request }) => {
  const contentType = request.headers.get("content-type") ?? "";
  try {
    let item: EvidenceItemView | Response;
    if (/^multipart\/form-data\s*;/i.test(contentType)) item = await addFile(request, params.id, actor);
    else if (/^application\/json\s*(;|$)/i.test(contentType)) item = await addLink(request, params.id, actor);
    else return errorResponse(415, "evidence.requestUnsupported");
    if (item instanceof Response) return item;
    revalidatePath(`/assessments/${params.id}`);
    return NextResponse.json(item, { status: 201, headers: { "cache-control": "no-store" } });
  } catch (error) {
    const status = error instanceof ActionError ? STATUS_OF_KEY[error.messageKey] : undefined;
    if (error instanceof ActionError && status) return errorResponse(status, error.messageKey, { values: error.values });
    throw error;
  }
});

type Actor = Parameters<typeof addFileEvidence>[0];

async function addFile(request: NextRequest, assessmentId: string, actor: Actor) {
  const maxBytes = evidenceMaxBytes(process.env);
  const body = await readBounded(request, maxBytes + MULTIPART_OVERHEAD);
  if (!body) return errorResponse(413, "evidence.requestTooLarge", { values: { limit: maxBytes } });
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": request.headers.get("content-type")! } }).formData();
  } catch {
    return errorResponse(422, "evidence.requestInvalid");
  }
  const file = form.get("file");
  if (!(file instanceof File)) return errorResponse(422, "evidence.fileMissing");
  const indicatorCode = ZIndicatorCode.safeParse(form.get("indicatorCode"));
  if (!indicatorCode.success) return errorResponse(422, "evidence.indicatorInvalid");
  if (file.size > maxBytes) {
    return errorResponse(413, "evidence.fileTooLarge", { values: { name: file.name.slice(0, 200), size: file.size, limit: maxBytes } });
  }
  return addFileEvidence(actor, { assessmentId, indicatorCode: indicatorCode.data, originalName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
}

async function addLink(request: NextRequest, assessmentId: string, actor: Actor) {
  const body = await readBounded(request, JSON_LIMIT);
  if (!body) return errorResponse(413, "evidence.requestInvalid");
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return errorResponse(422, "evidence.requestInvalid");
  }
  const parsed = ZAddEvidenceLink.safeParse(raw);
  if (!parsed.success) {
    const { fieldErrors } = z.flattenError(parsed.error);
    return errorResponse(422, parsed.error.issues[0]?.message ?? "validation.invalid", { fieldErrors });
  }
  return addLinkEvidence(actor, { assessmentId, ...parsed.data });
}

/**
 * The request body, read up to `limit` bytes: the declared Content-Length is checked before
 * reading anything, and the bytes are counted as they arrive (a body sent without a length, or
 * longer than declared, stops at the limit). Null when the body is larger.
 */
async function readBounded(request: NextRequest, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
