import { fileTypeFromBuffer } from "file-type/core";
import type { StoredFileState } from "./types";

const latin1 = new TextDecoder("latin1");

/**
 * What a stored evidence file's bytes show (docs/domain.md §8.1): empty, an encrypted PDF (its
 * trailer names an /Encrypt dictionary), or unreadable (the content is not of its declared type, or
 * the file is cut short: a PDF without its end marker, a PNG without IEND, a JPEG without EOI).
 * Other types are "ok" once they are not empty: the upload already checked their type.
 */
export async function storedFileState(bytes: Uint8Array, mimeType: string | null): Promise<StoredFileState> {
  if (bytes.byteLength === 0) return "empty";
  const mime = mimeType ?? "";
  if (mime === "application/pdf") {
    const text = latin1.decode(bytes);
    if (!text.startsWith("%PDF-")) return "unreadable";
    if (!text.slice(-2048).includes("%%EOF")) return "unreadable";
    return /\/Encrypt[\s/<\d]/.test(text) ? "encrypted" : "ok";
  }
  if (mime.startsWith("image/")) {
    const detected = await fileTypeFromBuffer(bytes);
    if (!detected || detected.mime !== mime) return "unreadable";
    if (mime === "image/png" && !latin1.decode(bytes.subarray(-16)).includes("IEND")) return "unreadable";
    if (mime === "image/jpeg" && !endsWithJpegEoi(bytes)) return "unreadable";
  }
  return "ok";
}

/** A JPEG ends with FF D9 (some cameras append a few bytes after it). */
function endsWithJpegEoi(bytes: Uint8Array) {
  const from = Math.max(0, bytes.byteLength - 1024);
  for (let i = bytes.byteLength - 2; i >= from; i--) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  return false;
}
