/**
 * The kinds of file accepted as evidence (bukti dukung), recognised from the file's content.
 * `detected` is the extension `file-type` reports for the content; legacy Office files are all
 * OLE/CFB containers ("cfb"), which content alone cannot tell apart, so for them the declared
 * extension decides between .doc, .xls and .ppt (and nothing else is accepted as CFB).
 * Macro-enabled Office formats (docm, xlsm, pptm) are detected as their own types and refused.
 */
export type EvidenceDisposition = "inline" | "attachment";

export interface EvidenceFileType {
  /** Extension reported by file-type for this content. */
  detected: string;
  /** The type served back: Content-Type of the download. */
  mime: string;
  /** Extensions a file of this type may carry (lower case, without the dot); the first is canonical. */
  extensions: readonly string[];
  /** Inline only where browsers render the type without running anything (PDF, raster images). */
  disposition: EvidenceDisposition;
  /** Short name shown to users. */
  label: string;
}

export const EVIDENCE_FILE_TYPES: readonly EvidenceFileType[] = [
  { detected: "pdf", mime: "application/pdf", extensions: ["pdf"], disposition: "inline", label: "PDF" },
  { detected: "png", mime: "image/png", extensions: ["png"], disposition: "inline", label: "PNG" },
  { detected: "jpg", mime: "image/jpeg", extensions: ["jpg", "jpeg"], disposition: "inline", label: "JPEG" },
  { detected: "webp", mime: "image/webp", extensions: ["webp"], disposition: "inline", label: "WebP" },
  { detected: "gif", mime: "image/gif", extensions: ["gif"], disposition: "inline", label: "GIF" },
  {
    detected: "docx",
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: ["docx"],
    disposition: "attachment",
    label: "DOCX",
  },
  {
    detected: "xlsx",
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extensions: ["xlsx"],
    disposition: "attachment",
    label: "XLSX",
  },
  {
    detected: "pptx",
    mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    extensions: ["pptx"],
    disposition: "attachment",
    label: "PPTX",
  },
  { detected: "odt", mime: "application/vnd.oasis.opendocument.text", extensions: ["odt"], disposition: "attachment", label: "ODT" },
  { detected: "ods", mime: "application/vnd.oasis.opendocument.spreadsheet", extensions: ["ods"], disposition: "attachment", label: "ODS" },
  { detected: "cfb", mime: "application/msword", extensions: ["doc"], disposition: "attachment", label: "DOC" },
  { detected: "cfb", mime: "application/vnd.ms-excel", extensions: ["xls"], disposition: "attachment", label: "XLS" },
  { detected: "cfb", mime: "application/vnd.ms-powerpoint", extensions: ["ppt"], disposition: "attachment", label: "PPT" },
];

/** The `accept` attribute of a file input: every allowed extension and MIME type. */
export const EVIDENCE_ACCEPT = [
  ...EVIDENCE_FILE_TYPES.flatMap((type) => type.extensions.map((ext) => `.${ext}`)),
  ...new Set(EVIDENCE_FILE_TYPES.map((type) => type.mime)),
].join(",");

export type TypeMatch =
  | { ok: true; type: EvidenceFileType }
  | { ok: false; reason: "notAllowed" }
  | { ok: false; reason: "noExtension" }
  | { ok: false; reason: "mismatch"; detected: string };

/**
 * Whether content of the detected kind may be stored under this extension: the content must be
 * an allowed type, and the declared extension must belong to that type (a PDF named x.docx, or a
 * PNG named x.pdf, is refused). `detected` undefined means file-type did not recognise it
 * (plain text, HTML, SVG …), which is never allowed.
 */
export function matchEvidenceType(detected: string | undefined, extension: string): TypeMatch {
  const candidates = EVIDENCE_FILE_TYPES.filter((type) => type.detected === detected);
  if (candidates.length === 0) return { ok: false, reason: "notAllowed" };
  if (!extension) return { ok: false, reason: "noExtension" };
  const type = candidates.find((candidate) => candidate.extensions.includes(extension.toLowerCase()));
  if (!type) return { ok: false, reason: "mismatch", detected: candidates.map((c) => c.label).join("/") };
  return { ok: true, type };
}

/** How a stored type is served: inline only for types in the table marked so; anything else downloads. */
export function dispositionOf(mime: string | null | undefined): EvidenceDisposition {
  return EVIDENCE_FILE_TYPES.find((type) => type.mime === mime)?.disposition ?? "attachment";
}
