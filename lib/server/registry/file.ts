import "server-only";
import { createHash } from "node:crypto";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { restoreCsvCell } from "@/lib/domain/export-files";
import { ActionError } from "../errors";

/** Largest registry file accepted: the whole country is about 200 KB as CSV and 150 KB as XLSX. */
export const REGISTRY_FILE_MAX_BYTES = 10 * 1024 * 1024;

export type RegistryFileFormat = "csv" | "xlsx";

export interface RegistryTable {
  format: RegistryFileFormat;
  /** SHA-256 of the bytes, so "apply" can prove it carries the file that was previewed. */
  sha256: string;
  rows: string[][];
}

/** The message of a file that cannot be read as a table at all (not a spreadsheet, broken quoting). */
export const UNREADABLE_FILE = "registryImport.fileProblems.unreadable";

/** The ActionError of an unreadable file; `values.detail` is the parser's reason. */
function unreadable(error: unknown) {
  return new ActionError(UNREADABLE_FILE, { detail: error instanceof Error ? error.message : String(error) });
}

/** Why a file could not be read, when `error` is readRegistryFile's "unreadable"; null for any other error. */
export function unreadableDetail(error: unknown): string | null {
  return error instanceof ActionError && error.messageKey === UNREADABLE_FILE ? String(error.values.detail ?? "") : null;
}

/** Parses a file's bytes (CSV or XLSX); an unreadable file is an answer, not an error. */
export async function readImportTable(bytes: Uint8Array): Promise<{ table: RegistryTable } | { unreadable: string }> {
  try {
    return { table: await readRegistryFile(bytes) };
  } catch (error) {
    const detail = unreadableDetail(error);
    if (detail !== null) return { unreadable: detail };
    throw error;
  }
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * Reads a registry file into rows of text cells. The format is told by the content, not the name:
 * an XLSX workbook is a zip file; anything else is read as CSV text.
 */
export async function readRegistryFile(bytes: Uint8Array): Promise<RegistryTable> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const isZip = ZIP_MAGIC.every((b, i) => bytes[i] === b);
  return isZip ? { format: "xlsx", sha256, rows: await readXlsx(bytes) } : { format: "csv", sha256, rows: readCsv(bytes) };
}

/**
 * UTF-8 (with or without a byte-order mark); a file that is not valid UTF-8 was most likely saved
 * by Excel as "CSV" in the Windows code page, and is read as Windows-1252. The separator is the
 * one the header line uses most: comma, semicolon (Excel in an Indonesian locale) or tab.
 */
function readCsv(bytes: Uint8Array): string[][] {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("windows-1252").decode(bytes);
  }
  text = text.replace(/^\uFEFF/, "");
  const headerLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [",", ";", "\t"].map((d) => [d, headerLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  try {
    const rows = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
    // The portal's own CSV export guards cells against formulas ("'=…"): read them back as they were.
    return rows.map((cells) => cells.map(restoreCsvCell));
  } catch (error) {
    throw unreadable(error);
  }
}

/** The first worksheet, every cell as the text it shows (numbers as typed, e.g. a province code 16). */
async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    throw unreadable(error);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c += 1) cells.push(cellText(row.getCell(c)));
    rows.push(cells);
  }
  return rows;
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return cell.text ?? "";
}
