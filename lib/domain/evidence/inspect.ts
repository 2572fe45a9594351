import { fileTypeFromBuffer } from "file-type/core";
import { matchEvidenceType, type EvidenceFileType } from "./file-types";
import { cleanOriginalName, extensionOf, safeFileName } from "./names";

export type EvidenceFileProblem =
  | { key: "evidence.fileEmpty"; values: { name: string } }
  | { key: "evidence.fileTooLarge"; values: { name: string; size: number; limit: number } }
  | { key: "evidence.typeNotAllowed"; values: { name: string } }
  | { key: "evidence.nameNoExtension"; values: { name: string } }
  | { key: "evidence.typeMismatch"; values: { name: string; ext: string; detected: string } };

export interface InspectedEvidenceFile {
  type: EvidenceFileType;
  originalName: string;
  safeName: string;
}

/**
 * Decides whether a file may be stored as evidence, from its content (never from its name or
 * the browser's Content-Type): not empty, within the size limit, of an allowed type, and named
 * with an extension of that type. Every refusal is one problem with a catalogue key.
 */
export async function inspectEvidenceFile(input: {
  name: string;
  bytes: Uint8Array;
  maxBytes: number;
}): Promise<{ ok: true; file: InspectedEvidenceFile } | { ok: false; problem: EvidenceFileProblem }> {
  const originalName = cleanOriginalName(input.name);
  const safeName = safeFileName(input.name);
  const name = safeName;
  const size = input.bytes.byteLength;
  if (size === 0) return { ok: false, problem: { key: "evidence.fileEmpty", values: { name } } };
  if (size > input.maxBytes) return { ok: false, problem: { key: "evidence.fileTooLarge", values: { name, size, limit: input.maxBytes } } };
  const detected = await fileTypeFromBuffer(input.bytes);
  const ext = extensionOf(safeName);
  const match = matchEvidenceType(detected?.ext, ext);
  if (!match.ok) {
    if (match.reason === "notAllowed") return { ok: false, problem: { key: "evidence.typeNotAllowed", values: { name } } };
    if (match.reason === "noExtension") return { ok: false, problem: { key: "evidence.nameNoExtension", values: { name } } };
    return { ok: false, problem: { key: "evidence.typeMismatch", values: { name, ext, detected: match.detected } } };
  }
  return { ok: true, file: { type: match.type, originalName, safeName } };
}
