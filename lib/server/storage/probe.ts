import "server-only";
import { randomUUID } from "node:crypto";
import { logger } from "../logger";
import { evidenceStorage, type EvidenceStorage } from "./index";

/** The readiness probe's limit for writing, reading back and deleting its probe object. */
export const STORAGE_PROBE_TIMEOUT_MS = 2_000;

/**
 * Readiness of the evidence storage: writes a small probe object under `readiness/`, reads it back
 * byte for byte and deletes it, within timeoutMs. A full disk, a folder the portal may not write,
 * a bucket that refuses the credentials or an S3 server that does not answer all make it false
 * (logged at warn with the reason; the route says only which check failed).
 */
export async function probeEvidenceStorage({
  timeoutMs = STORAGE_PROBE_TIMEOUT_MS,
  storage: given,
}: {
  timeoutMs?: number;
  storage?: EvidenceStorage;
} = {}): Promise<boolean> {
  const key = `readiness/${randomUUID()}.probe`;
  const bytes = new TextEncoder().encode(key);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`evidence storage did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([
      (async () => {
        const storage = given ?? (await evidenceStorage());
        await storage.put(key, bytes, "text/plain");
        try {
          const object = await storage.get(key);
          const read = object ? new Uint8Array(await new Response(object.body).arrayBuffer()) : null;
          if (!read || read.length !== bytes.length || !read.every((b, i) => b === bytes[i])) throw new Error("the probe object read back differs");
        } finally {
          await storage.delete(key);
        }
        return true;
      })(),
      deadline,
    ]);
  } catch (error) {
    logger.warn({ reason: error instanceof Error ? error.message : String(error) }, "evidence storage not ready");
    return false;
  } finally {
    clearTimeout(timer);
  }
}
