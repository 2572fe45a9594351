import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contentDisposition, csvCell, fileNameSlug, restoreCsvCell, SHEET_NAME_MAX, spreadsheetSheetName } from "@/lib/domain/export-files";
import { downloadResponse, tableToCsv, tableToXlsx, type ExportTable } from "@/lib/server/http/table-file";

// Issue 13, defects 9 (formulas in CSV exports) and 11 (invalid sheet and file names).

describe("CSV cells never carry a formula (defect 9)", () => {
  it.each([
    ['=HYPERLINK("http://evil.test","klik")', '\'=HYPERLINK("http://evil.test","klik")'],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "'\r=1+1"],
    ["SK Wali Kota = ada", "SK Wali Kota = ada"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it("keeps numbers numbers: a number, and a text that is a plain decimal number", () => {
    expect(csvCell(-1)).toBe(-1);
    expect(csvCell(4)).toBe(4);
    expect(csvCell("-0.25")).toBe("-0.25");
    expect(csvCell("+3")).toBe("+3");
    expect(csvCell("4.51")).toBe("4.51");
    expect(csvCell(null)).toBe("");
  });

  it("is undone by restoreCsvCell, so a file the portal wrote re-imports as it was", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(restoreCsvCell(String(csvCell(text)))).toBe(text);
      }),
    );
  });

  it("guards every cell of the shared CSV writer, headers included", () => {
    const table: ExportTable<{ note: string; gap: string; rank: number }> = {
      sheetName: "Uji",
      columns: [
        { header: "=Catatan", value: (r) => r.note },
        { header: "Selisih", value: (r) => r.gap },
        { header: "Peringkat", value: (r) => r.rank },
      ],
      rows: [
        { note: '=HYPERLINK("http://evil.test")', gap: "-0.25", rank: 1 },
        { note: "@evil", gap: "0.50", rank: -2 },
      ],
    };
    const rows = parse(tableToCsv(table), { bom: true }) as string[][];
    expect(rows).toEqual([
      ["'=Catatan", "Selisih", "Peringkat"],
      ['\'=HYPERLINK("http://evil.test")', "-0.25", "1"],
      ["'@evil", "0.50", "-2"],
    ]);
  });
});

describe("sheet names Excel accepts (defect 11)", () => {
  it.each([
    ["K/L", "K-L"],
    ["Kantor [Pusat] \\ Cabang: A*B?", "Kantor -Pusat- - Cabang- A-B-"],
    ["'Lokus'", "Lokus"],
    ["", "Data"],
    ["   ", "Data"],
    ["History", "Data"],
    ["Mal Pelayanan Publik Kota Palembang Sumatera Selatan", "Mal Pelayanan Publik Kota Palem"],
  ])("%j → %j", (input, expected) => {
    expect(spreadsheetSheetName(input)).toBe(expected);
  });

  it("gives a name exceljs takes for any text", () => {
    const workbook = new ExcelJS.Workbook();
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: "binary" }), (name) => {
        const sheet = spreadsheetSheetName(name);
        expect(sheet.length).toBeGreaterThan(0);
        expect(sheet.length).toBeLessThanOrEqual(SHEET_NAME_MAX);
        const added = workbook.addWorksheet(sheet);
        workbook.removeWorksheet(added.id);
      }),
      { numRuns: 50 },
    );
  });

  it("lets the shared XLSX writer write a locus or group name holding / \\ ? * : [ ]", async () => {
    const bytes = await tableToXlsx({
      sheetName: "K/L: Lokus [1]?*\\",
      columns: [{ header: "Nama", value: (r: { n: string }) => r.n }],
      rows: [{ n: "=1+1" }],
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.name).toBe("K-L- Lokus -1----");
    // In XLSX a text is a text cell, never a formula.
    expect(workbook.worksheets[0]!.getCell("A2").value).toBe("=1+1");
  });
});

describe("download names (defect 11)", () => {
  it("gives an ASCII filename and a UTF-8 filename* for any name", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (name) => {
        const header = contentDisposition("attachment", name);
        // A valid header value (Headers throws on anything else), with both parameters.
        expect(() => new Headers({ "content-disposition": header })).not.toThrow();
        expect(header).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%!#$&+\-.^_`|~]*$/);
      }),
    );
  });

  it("answers a download named after anything without a server error", () => {
    const response = downloadResponse(Buffer.from("x"), 'penilaian-Kantor "A/B"\u0000 \ud800 Ọ́kè.csv', "csv");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="penilaian-Kantor _A_B_ Oke.csv"; filename*=UTF-8''penilaian-Kantor%20_A_B_%20%EF%BF%BD%20%E1%BB%8C%CC%81k%C3%A8.csv`,
    );
  });

  it("builds the ASCII part of a file name from the names an export is about", () => {
    expect(fileNameSlug("PEKPPP 2025", "K/L")).toBe("pekppp-2025-k-l");
    expect(fileNameSlug("Kota Palembang", "Mal Pelayanan Publik (Ọ́kè)")).toBe("kota-palembang-mal-pelayanan-publik-oke");
  });
});
