import "server-only";
import { toDecimalString, type Rational } from "@/lib/domain/rational";
import { startPortalPdf } from "../http/pdf-fonts";
import type { InstitutionResultView } from "./institution";

/**
 * What the card prints, every date and sentence already written in the reader's language by the
 * caller. The standing, awards and trend are the dashboard's own lines (the same data function,
 * loadInstitutionStanding, and the same messages), so the card and the dashboard always agree.
 */
export interface ReportCardData {
  institutionName: string;
  view: InstitutionResultView;
  /**
   * Short notices printed under the index, one line each (e.g. a correction mark "dikoreksi pada …"):
   * an empty list prints nothing.
   */
  notices: string[];
  /** The rank lines of the dashboard's "Peringkat" box; empty when the cycle is not published. */
  standing: string[];
  /** Award eligibility: the rule's name (and locus) and the reason, as on the dashboard. */
  awards: { title: string; reason: string }[];
  /** The institution index per cycle, oldest first: cycle, index, grade, note. */
  trend: [string, string, string, string][];
  recommendations: { locusName: string; target: string; text: string; targetDate: string; status: string }[];
}

/** Every fixed text of the card, already translated by the caller (the route knows the reader's language). */
export interface ReportCardTexts {
  title: string;
  cycle: string;
  index: string;
  notComplete: string;
  standing: string;
  noStanding: string;
  awards: string;
  noAwards: string;
  trend: string;
  trendHeaders: [string, string, string, string];
  aspects: string;
  aspectsIntro: string;
  aspectHeaders: [string, string, string, string, string, string];
  loci: string;
  lociHeaders: [string, string, string, string, string, string];
  serviceType: (code: string) => string;
  notVerified: string;
  recommendations: string;
  none: string;
  footer: string;
  /** Where every number of the card is explained with its formula (issue 18): one printed line. */
  explain?: string;
}

const MARGIN = 50;
const INK = "#000000";
const MUTED = "#555555";

/**
 * The report card of one institution in one cycle, on A4 in the bundled Noto Sans
 * (lib/server/http/pdf-fonts.ts), so every name prints as written. Every block is placed by its
 * measured height (heightOfString in the font and size it is drawn in), so nothing overprints the
 * next line. The numbers are the published strings the dashboard shows, never re-rounded here.
 */
export function renderReportCard(data: ReportCardData, t: ReportCardTexts): Promise<Buffer> {
  const { doc, done } = startPortalPdf({ margin: MARGIN, info: { Title: `${t.title}: ${data.institutionName}`, Author: "Portal PEKPPP" } });
  const width = doc.page.width - 2 * MARGIN;

  paragraph(doc, t.title, { font: "Bold", size: 18 });
  paragraph(doc, data.institutionName, { size: 12 });
  paragraph(doc, t.cycle, { size: 12, after: 10 });
  indexBlock(doc, width, data.view, t);
  if (t.explain) paragraph(doc, t.explain, { size: 9, color: MUTED, after: 6 });
  for (const notice of data.notices) paragraph(doc, notice, { font: "Bold", size: 10, color: "#7a4a00" });

  heading(doc, t.standing);
  if (data.standing.length === 0) paragraph(doc, t.noStanding, { size: 10 });
  for (const line of data.standing) paragraph(doc, line, { size: 10, after: 2 });

  heading(doc, t.awards);
  if (data.awards.length === 0) paragraph(doc, t.noAwards, { size: 10 });
  for (const award of data.awards) {
    paragraph(doc, award.title, { font: "Bold", size: 10 });
    paragraph(doc, award.reason, { size: 10, color: MUTED, after: 4 });
  }

  if (data.trend.length > 0) {
    heading(doc, t.trend);
    table(doc, width, [0.4, 0.15, 0.15, 0.3], t.trendHeaders, data.trend);
  }

  heading(doc, t.aspects);
  paragraph(doc, t.aspectsIntro, { size: 8, color: MUTED, after: 4 });
  table(
    doc,
    width,
    [0.4, 0.1, 0.12, 0.13, 0.12, 0.13],
    t.aspectHeaders,
    data.view.aspects.map((a) => [`${a.code}. ${a.name}`, `${a.weight}%`, a.self, a.verified, a.gap, a.loss]),
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
  if (data.recommendations.length === 0) paragraph(doc, t.none, { size: 10 });
  for (const r of data.recommendations) {
    paragraph(doc, `${r.locusName} · ${r.target}`, { font: "Bold", size: 10 });
    paragraph(doc, r.text, { size: 10 });
    paragraph(doc, `${r.targetDate} · ${r.status}`, { size: 10, color: MUTED, after: 6 });
  }
  doc.moveDown();
  paragraph(doc, t.footer, { size: 8, color: MUTED });
  doc.end();
  return done;
}

function publishedOf(value: Rational): string {
  return toDecimalString(value, 2);
}

interface Style {
  font?: "Body" | "Bold";
  size: number;
  color?: string;
  /** Space below, in points. */
  after?: number;
}

/** One block of text at the left margin, starting on a new page when it does not fit. */
function paragraph(doc: PDFKit.PDFDocument, text: string, style: Style) {
  const width = doc.page.width - 2 * MARGIN;
  doc
    .font(style.font ?? "Body")
    .fontSize(style.size)
    .fillColor(style.color ?? INK);
  const height = doc.heightOfString(text, { width });
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
  const top = doc.y;
  doc.text(text, MARGIN, top, { width });
  doc.x = MARGIN;
  doc.y = top + height + (style.after ?? 0);
}

/**
 * The institution index in large type with its grade beside it: both are drawn from the same top
 * and the block ends below the taller of the two, so the caption never runs into the figure.
 */
function indexBlock(doc: PDFKit.PDFDocument, width: number, view: InstitutionResultView, t: ReportCardTexts) {
  if (!view.index) {
    paragraph(doc, t.notComplete, { size: 11, after: 6 });
    return;
  }
  const top = doc.y;
  doc.font("Bold").fontSize(28).fillColor(INK);
  const figure = view.index.published;
  const figureWidth = doc.widthOfString(figure);
  const figureHeight = doc.heightOfString(figure, { width: figureWidth + 1 });
  doc.text(figure, MARGIN, top, { width: figureWidth + 1, lineBreak: false });
  const grade = `${view.index.grade} · ${view.index.label}`;
  const gradeX = MARGIN + figureWidth + 16;
  doc.font("Bold").fontSize(16);
  const gradeHeight = doc.heightOfString(grade, { width: width - (gradeX - MARGIN) });
  // The grade sits on the figure's baseline area: vertically centred against the large figure.
  doc.text(grade, gradeX, top + Math.max(0, (figureHeight - gradeHeight) / 2), { width: width - (gradeX - MARGIN) });
  doc.x = MARGIN;
  doc.y = top + Math.max(figureHeight, gradeHeight) + 2;
  paragraph(doc, t.index, { size: 10, color: MUTED, after: 6 });
}

function heading(doc: PDFKit.PDFDocument, text: string) {
  doc.y += 8;
  paragraph(doc, text, { font: "Bold", size: 13, after: 4 });
}

/** A plain table: header row in bold, rows with wrapped cells, a new page when the next row does not fit. */
function table(doc: PDFKit.PDFDocument, width: number, shares: number[], headers: readonly string[], rows: readonly string[][]) {
  const widths = shares.map((s) => s * width);
  const drawRow = (cells: readonly string[], bold: boolean) => {
    doc
      .font(bold ? "Bold" : "Body")
      .fontSize(9)
      .fillColor(INK);
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
  doc.y += 6;
}
