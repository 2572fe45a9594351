import "server-only";
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { cleanDownloadName, contentDisposition, csvCell, spreadsheetSheetName } from "@/lib/domain/export-files";

/** One column of an exported table: its heading (already translated) and how to read a row. */
export interface ExportColumn<Row> {
  header: string;
  value: (row: Row) => string | number | null;
  /** Excel width in characters; a sensible default otherwise. */
  width?: number;
}

export interface ExportTable<Row> {
  /** Sheet name in the workbook, any text: made valid for Excel by `spreadsheetSheetName`. */
  sheetName: string;
  columns: readonly ExportColumn<Row>[];
  rows: readonly Row[];
}

export type ExportFormat = "xlsx" | "csv";

const CONTENT_TYPES: Record<ExportFormat | "pdf", string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  pdf: "application/pdf",
};

/**
 * CSV with a byte-order mark and comma separators: Excel in an Indonesian locale then opens it as
 * UTF-8 (names with diacritics stay intact). Numbers are written exactly as given: callers pass
 * published values as strings ("4.51") so that no float ever reaches a file. Every cell goes
 * through `csvCell`: a text a spreadsheet would run as a formula ("=HYPERLINK(…)" typed as a
 * justification) gets a leading apostrophe; numbers, and texts that are plain numbers, stay as they are.
 */
export function tableToCsv<Row>(table: ExportTable<Row>): Buffer {
  const body = stringify([table.columns.map((c) => csvCell(c.header)), ...table.rows.map((row) => table.columns.map((c) => csvCell(c.value(row))))], {
    bom: true,
    record_delimiter: "\r\n",
  });
  return Buffer.from(body, "utf8");
}

/**
 * One sheet, a bold frozen header row, filters on every column. Texts are written as text cells
 * (exceljs never turns a string into a formula), so they need no guard; the sheet name does.
 */
export async function tableToXlsx<Row>(table: ExportTable<Row>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Portal PEKPPP";
  const sheet = workbook.addWorksheet(spreadsheetSheetName(table.sheetName), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(12, Math.min(60, c.header.length + 4)) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(table.columns.map((c) => c.value(row) ?? ""));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function tableToFile<Row>(table: ExportTable<Row>, format: ExportFormat): Promise<Buffer> {
  return format === "xlsx" ? tableToXlsx(table) : tableToCsv(table);
}

/**
 * A download response: the right type, an attachment name safe for every browser and operating
 * system (`cleanDownloadName`, then an ASCII `filename` and a UTF-8 `filename*`), never cached.
 */
export function downloadResponse(body: Buffer, fileName: string, format: ExportFormat | "pdf"): Response {
  return new Response(new Uint8Array(body), {
    headers: {
      "content-type": CONTENT_TYPES[format],
      "content-disposition": contentDisposition("attachment", cleanDownloadName(fileName)),
      "cache-control": "no-store",
      "content-length": String(body.length),
    },
  });
}
