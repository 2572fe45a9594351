import "server-only";

/**
 * The largest JSON body a route handler reads (parseJsonBody). The largest legitimate one, an
 * autosave with a 5,000-character justification or note, is at most about 30 KB even with every
 * character escaped as \uXXXX.
 */
export const JSON_BODY_LIMIT = 64 * 1024;

/**
 * The request body, read up to `limit` bytes: the declared Content-Length is checked before
 * reading anything, and the bytes are counted as they arrive (a body sent without a length, or
 * longer than declared, stops at the limit and the rest is never read). Null when the body is
 * larger. Every route handler that reads a body reads it through here (JSON through
 * parseJsonBody, evidence through readEvidenceUpload).
 */
export async function readBoundedBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (declaredLength(request) > limit) return null;
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

/** The Content-Length the client declared; 0 when absent or unreadable (the count then decides). */
function declaredLength(request: Request): number {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  return Number.isFinite(declared) ? declared : 0;
}
