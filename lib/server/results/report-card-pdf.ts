import "server-only";
import PDFDocument from "pdfkit";
import { toDecimalString, type Rational } from "@/lib/domain/rational";
import { applyPortalFonts } from "../http/pdf-fonts";
import type { InstitutionResultView } from "./institution";

export interface ReportCardData {
  institutionName: string;
  view: InstitutionResultView;
  recommendations: { locusName: string; target: string; text: string; targetDate: string | null; status: string }[];
  generatedAt: string;
}

/** Every text of the card, already translated by the caller (the route knows the reader's language). */
export interface ReportCardTexts {
  title: string;
  cycle: string;
  index: string;
  notComplete: string;
  aspects: string;
  aspectHeaders: [string, string, string, string, string];
  loci: string;
  lociHeaders: [string, string, string, string, string, string];
  serviceType: (code: string) => string;
  notVerified: string;
  recommendations: string;
  none: string;
  footer: string;
}

const MARGIN = 50;

/**
 * The report card of one institution in one cycle (issue: "index, grade, aspects, loci,
 * recommendations"), on A4 in the bundled Noto Sans (lib/server/http/pdf-fonts.ts), so every name prints as written. The numbers are the published strings the
 * dashboard shows, never re-rounded here.
 */
export function renderReportCard(data: ReportCardData, t: ReportCardTexts): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: MARGIN, info: { Title: `${t.title}: ${data.institutionName}`, Author: "Portal PEKPPP" } });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  applyPortalFonts(doc);
  const width = doc.page.width - 2 * MARGIN;

  doc.font("Bold").fontSize(18).text(t.title);
  doc.font("Body").fontSize(12).text(data.institutionName).text(t.cycle).moveDown();
  if (data.view.index) {
    doc
      .font("Bold")
      .fontSize(28)
      .text(`${data.view.index.published}`, { continued: true })
      .fontSize(16)
      .text(`   ${data.view.index.grade} · ${data.view.index.label}`);
    doc.font("Body").fontSize(10).text(t.index);
  } else {
    doc.font("Body").fontSize(11).text(t.notComplete);
  }
  doc.moveDown();

  heading(doc, t.aspects);
  table(
    doc,
    width,
    [0.46, 0.12, 0.14, 0.14, 0.14],
    t.aspectHeaders,
    data.view.aspects.map((a) => [`${a.code}. ${a.name}`, `${a.weight}%`, a.self, a.verified, a.gap]),
  );

  heading(doc, t.loci);
  table(
    doc,
    width,
    [0.34, 0.14, 0.13, 0.13, 0.13, 0.13],
    t.lociHeaders,
    data.view.loci.map((l) =>
      l.result
        ? [
            l.name,
            t.serviceType(l.serviceType),
            publishedOf(l.result.f02.total),
            l.result.f03.score ? publishedOf(l.result.f03.score) : "—",
            l.result.classification.published,
            l.result.classification.grade,
          ]
        : [l.name, t.serviceType(l.serviceType), t.notVerified, "", "", ""],
    ),
  );

  heading(doc, t.recommendations);
  if (data.recommendations.length === 0) doc.font("Body").fontSize(10).text(t.none);
  for (const r of data.recommendations) {
    doc.font("Bold").fontSize(10).text(`${r.locusName} · ${r.target}`);
    doc
      .font("Body")
      .fontSize(10)
      .text(r.text)
      .text(`${r.targetDate ?? "—"} · ${r.status}`, { oblique: true })
      .moveDown(0.5);
  }
  doc.moveDown().fontSize(8).fillColor("#555555").text(t.footer);
  doc.end();
  return done;
}

function publishedOf(value: Rational): string {
  return toDecimalString(value, 2);
}

function heading(doc: PDFKit.PDFDocument, text: string) {
  doc.moveDown(0.5).font("Bold").fontSize(13).fillColor("#000000").text(text).moveDown(0.3);
}

/** A plain table: header row in bold, rows with wrapped cells, a new page when the next row does not fit. */
function table(doc: PDFKit.PDFDocument, width: number, shares: number[], headers: readonly string[], rows: readonly string[][]) {
  const widths = shares.map((s) => s * width);
  const drawRow = (cells: readonly string[], bold: boolean) => {
    doc.font(bold ? "Bold" : "Body").fontSize(9);
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 6 }))) + 6;
    if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
    const top = doc.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      doc.text(cell, x + 3, top + 3, { width: widths[i]! - 6 });
      x += widths[i]!;
    });
    doc
      .moveTo(MARGIN, top + height)
      .lineTo(MARGIN + width, top + height)
      .strokeColor("#cccccc")
      .stroke();
    doc.x = MARGIN;
    doc.y = top + height;
  };
  drawRow(headers, true);
  for (const row of rows) drawRow(row, false);
  doc.moveDown();
}
