import "server-only";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { env } from "@/lib/env";
import { JSON_BODY_LIMIT, readBoundedBody } from "./request-body";
import { errorResponse } from "./route-handler";

/** Room for the multipart envelope and the small fields around the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** What an evidence request carries: a file with the other form fields, or a JSON body for a link. */
export type EvidenceUpload = { kind: "file"; form: FormData; originalName: string; bytes: Uint8Array } | { kind: "link"; body: unknown };

/**
 * Reads an evidence request the same way for every route that takes evidence: a file as
 * multipart/form-data (field `file`, other fields kept in `form`), or a link as JSON. Answers a
 * refusal as a Response: 415 for another type, 413 when too large (the declared length is checked
 * before reading, and the bytes are counted as they arrive), 422 when malformed or without a file.
 */
export async function readEvidenceUpload(request: NextRequest): Promise<EvidenceUpload | Response> {
  const contentType = request.headers.get("content-type") ?? "";
  if (/^multipart\/form-data\s*;/i.test(contentType)) {
    const maxBytes = env.EVIDENCE_MAX_BYTES;
    const body = await readBoundedBody(request, maxBytes + MULTIPART_OVERHEAD);
    if (!body) return errorResponse(413, "evidence.requestTooLarge", { values: { limit: maxBytes } });
    let form: FormData;
    try {
      form = await new Response(body, { headers: { "content-type": contentType } }).formData();
    } catch {
      return errorResponse(422, "evidence.requestInvalid");
    }
    const file = form.get("file");
    if (!(file instanceof File)) return errorResponse(422, "evidence.fileMissing");
    if (file.size > maxBytes) {
      return errorResponse(413, "evidence.fileTooLarge", { values: { name: file.name.slice(0, 200), size: file.size, limit: maxBytes } });
    }
    return { kind: "file", form, originalName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  }
  if (/^application\/json\s*(;|$)/i.test(contentType)) {
    // The same bound as every JSON body (parseJsonBody).
    const body = await readBoundedBody(request, JSON_BODY_LIMIT);
    if (!body) return errorResponse(413, "errors.requestTooLarge", { values: { limitKb: JSON_BODY_LIMIT / 1024 } });
    try {
      return { kind: "link", body: JSON.parse(new TextDecoder().decode(body)) as unknown };
    } catch {
      return errorResponse(422, "evidence.requestInvalid");
    }
  }
  return errorResponse(415, "evidence.requestUnsupported");
}

/** A link's JSON body parsed with the route's schema, or the 422 naming the first problem and each field's. */
export function parseEvidenceLink<S extends z.ZodType>(body: unknown, schema: S): z.infer<S> | Response {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  return errorResponse(422, parsed.error.issues[0]?.message ?? "validation.invalid", { fieldErrors: z.flattenError(parsed.error).fieldErrors });
}
