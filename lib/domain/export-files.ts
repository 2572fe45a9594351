import { wellFormed } from "./text";

/**
 * What every file the portal writes (CSV, XLSX, PDF) must respect, whatever the names and texts
 * users typed: a valid worksheet name, a download name every browser takes, and CSV cells that a
 * spreadsheet shows as text rather than runs as a formula. Pure: the writers in
 * lib/server/http/table-file.ts apply these rules to every export.
 */

// Control characters (C0, DEL, C1) and invisible format characters (such as U+202E, which makes
// "gpj.exe" look like "exe.jpg").
const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

// ───────────────────────────── Worksheet names ─────────────────────────────

/** Excel's limit, in UTF-16 code units (what Excel and exceljs count). */
export const SHEET_NAME_MAX = 31;
// Excel refuses these in a sheet name (exceljs throws on them: issue 13, defect 11).
const SHEET_FORBIDDEN = /[\\/?*:[\]]/g;

/**
 * A worksheet name Excel accepts, from any text: control characters removed, each of `\ / ? * : [ ]`
 * replaced by "-" ("K/L" gives "K-L"), spaces collapsed, at most 31 characters (never splitting a
 * surrogate pair), no apostrophe or space at either end, and not "History" (reserved by Excel).
 * What is left empty becomes `fallback`.
 */
export function spreadsheetSheetName(name: string, fallback = "Data"): string {
  let cleaned = wellFormed(name).normalize("NFC").replace(CONTROL, "").replace(SHEET_FORBIDDEN, "-").replace(/\s+/g, " ");
  if (cleaned.length > SHEET_NAME_MAX) {
    const cut = /[\uD800-\uDBFF]/.test(cleaned[SHEET_NAME_MAX - 1] ?? "") ? SHEET_NAME_MAX - 1 : SHEET_NAME_MAX;
    cleaned = cleaned.slice(0, cut);
  }
  cleaned = cleaned.replace(/^[\s']+|[\s']+$/g, "");
  if (!cleaned || cleaned.toLowerCase() === "history") return fallback;
  return cleaned;
}

// ───────────────────────────── Download names ─────────────────────────────

/** The name a download falls back to when nothing of its own name is left. */
export const DOWNLOAD_FALLBACK_NAME = "unduhan";

/**
 * A download name fit for a Content-Disposition header and for every operating system: control
 * characters removed, unpaired surrogates replaced, the characters Windows reserves (`< > : " / \ | ? *`)
 * replaced by "_", spaces collapsed, no dot or space at either end.
 */
export function cleanDownloadName(name: string, fallback = DOWNLOAD_FALLBACK_NAME): string {
  const cleaned = wellFormed(name)
    .normalize("NFC")
    .replace(CONTROL, "")
    .replace(/[<>:"/\\|?*]/g, "_")
    .replace(/\s+/g, " ")
    .replace(/^[\s.]+|[\s.]+$/g, "");
  return cleaned || fallback;
}

/**
 * The Content-Disposition of a download (RFC 6266): the name in `filename*` as UTF-8
 * percent-encoding (RFC 5987 / RFC 8187: every character outside attr-char encoded, `'()*`
 * included), and a plain printable-ASCII `filename` for clients that do not read it (diacritics
 * dropped, `" \ % ; /` replaced by "_"). Safe for any input: control characters are dropped and
 * an unpaired surrogate replaced, so the header is always valid. Pass the name through
 * `cleanDownloadName` first unless it is already safe (evidence names are: `safeFileName`).
 */
export function contentDisposition(type: "inline" | "attachment", name: string, fallback = DOWNLOAD_FALLBACK_NAME): string {
  const clean = wellFormed(name).replace(CONTROL, "") || fallback;
  const ascii =
    clean
      .normalize("NFKD")
      .replace(/[^\x20-\x7e]/g, "")
      .replace(/["\\%;/]/g, "_")
      .replace(/ +/g, " ")
      .trim() || fallback;
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * The ASCII part of an export's file name from the names it is about ("Kota Palembang",
 * "PEKPPP 2025"): lower case, diacritics dropped, every run of other characters one "-".
 */
export function fileNameSlug(...parts: string[]): string {
  return parts
    .join("-")
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

// ───────────────────────────── CSV cells (formula injection) ─────────────────────────────

// A spreadsheet reads a cell starting with one of these as a formula (or, for tab and carriage
// return, strips them and reads what follows): "=HYPERLINK(…)", "+cmd|' /C calc'!A0", "@SUM(…)".
const FORMULA_START = /^[=+\-@\t\r]/;
// A plain number is read as a number, never run: "-0.25", "+3", "4.51" stay as they are.
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

/**
 * A CSV cell a spreadsheet opens as data (OWASP "CSV injection"): a text starting with
 * `= + - @`, a tab or a carriage return gets a leading apostrophe, which Excel and LibreOffice take
 * as "this is text" and do not show. Numbers stay numbers: a `number` is written as it is, and so
 * is a text that is a plain decimal number (the portal writes published values as text, "4.51",
 * and a gap can be negative, "-0.25"): a spreadsheet reads those as numbers, which run nothing.
 */
export function csvCell(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return value;
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** The text a `csvCell` was made from: a file the portal wrote re-imports as it was exported. */
export function restoreCsvCell(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) && !PLAIN_NUMBER.test(value.slice(1)) ? value.slice(1) : value;
}
