/**
 * File names from users are metadata only. The storage key is generated and never derived from
 * them; `safeFileName` gives a name fit to show and to offer in a download (Content-Disposition),
 * on any operating system.
 */

import { contentDisposition as dispositionOf } from "../export-files";

export const ORIGINAL_NAME_MAX = 200;
export const SAFE_NAME_MAX = 200;
const EXTENSION_MAX = 10;
export const FALLBACK_BASE_NAME = "bukti-dukung";

// Control characters (C0, DEL, C1) and invisible format characters such as the right-to-left
// override (U+202E), which can make "gpj.exe" look like "exe.jpg".
const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
// Reserved on Windows or meaningful to shells and headers.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this removes from a file name.
const RESERVED = /[<>:"/\\|?*\u0000-\u001f]/g;
// Device names Windows refuses as file names, whatever the extension.
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/** The name as received, kept for the record: trimmed, without control characters, at most 200 characters. */
export function cleanOriginalName(name: string): string {
  return Array.from(name.normalize("NFC").replace(CONTROL, "").trim()).slice(0, ORIGINAL_NAME_MAX).join("").trim();
}

/**
 * A display and download name: the last path segment only ("../../x.pdf" and "..\\..\\x.pdf"
 * give "x.pdf"), without control or reserved characters, without leading or trailing dots and
 * spaces, at most 200 characters with its extension kept. An empty result becomes "bukti-dukung"
 * (with the extension, if there was one).
 */
export function safeFileName(name: string): string {
  const lastSegment = name.normalize("NFC").replace(CONTROL, "").split(/[/\\]/).pop() ?? "";
  const cleaned = lastSegment.replace(RESERVED, "").replace(/\s+/g, " ").trim();
  const dot = cleaned.lastIndexOf(".");
  let base = dot >= 0 ? cleaned.slice(0, dot) : cleaned;
  let extension = dot >= 0 ? cleaned.slice(dot + 1) : "";
  extension = extension.replace(/[^\p{L}\p{N}]/gu, "");
  if (Array.from(extension).length > EXTENSION_MAX) {
    // Not an extension but part of the name ("laporan.final versi dua").
    base = `${base} ${extension}`;
    extension = "";
  }
  base = base.replace(/^[\s.]+|[\s.]+$/g, "");
  if (WINDOWS_DEVICE.test(base)) base = `_${base}`;
  if (!base) base = FALLBACK_BASE_NAME;
  const suffix = extension ? `.${extension}` : "";
  const room = SAFE_NAME_MAX - Array.from(suffix).length;
  base =
    Array.from(base)
      .slice(0, room)
      .join("")
      .replace(/[\s.]+$/g, "") || FALLBACK_BASE_NAME;
  return `${base}${suffix}`;
}

/** The extension of a (safe) name, lower case without the dot, or "" when it has none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

/**
 * The Content-Disposition of an evidence download: the portal's one rule (lib/domain/export-files.ts,
 * RFC 6266 with an ASCII `filename` and a UTF-8 `filename*`), falling back to "bukti-dukung".
 */
export function contentDisposition(type: "inline" | "attachment", name: string): string {
  return dispositionOf(type, name, FALLBACK_BASE_NAME);
}
