import "server-only";
import type { BeritaAcaraBody, Signatory } from "@/lib/domain/sign-off";
import { qrCodePng, startPortalPdf } from "../http/pdf-fonts";
import type { BeritaAcaraDetails } from "./document";

export interface BeritaAcaraPdfInput {
  body: BeritaAcaraBody;
  details: BeritaAcaraDetails;
  /** The issued document, if any: its code, the verification address, the signed content and hash. */
  signed: { code: string; url: string; content: string; contentHash: string; signatories: Signatory[]; current: boolean } | null;
}

/** The translator of the `signOff` catalogue, with values. */
export type Translate = (key: string, values?: Record<string, string | number>) => string;

const MARGIN = 45;

/**
 * The Berita Acara Verifikasi of one locus, on A4 in the bundled Noto Sans. A signed copy carries
 * its short code, a QR code of the public verification address, the SHA-256 of the signed
 * content, and that content itself (canonical JSON) in the document information under
 * /PekpppContent, so an uploaded copy can be checked against its signatures (sign-off.ts).
 */
export async function renderBeritaAcara(input: BeritaAcaraPdfInput, t: Translate, formatDate: (iso: string) => string): Promise<Buffer> {
  const { body, details, signed } = input;
  const { doc, done } = startPortalPdf({
    margin: MARGIN,
    info: { Title: `${t("pdf.title")}: ${body.locus.name}`, Author: "Portal PEKPPP" },
  });
  if (signed) {
    const info = doc.info as Record<string, unknown>;
    info.PekpppCode = signed.code;
    info.PekpppHash = signed.contentHash;
    info.PekpppContent = signed.content;
  }
  const width = doc.page.width - 2 * MARGIN;

  doc.font("Bold").fontSize(16).text(t("pdf.title"), { align: "center" });
  doc
    .font("Body")
    .fontSize(10)
    .text(signed ? t("pdf.code", { code: signed.code }) : t("pdf.unsigned"), { align: "center" })
    .moveDown();
  const facts: [string, string][] = [
    [t("pdf.institution"), body.institution.name],
    [t("pdf.locus"), `${body.locus.name} (${body.locus.serviceType})`],
    [t("pdf.cycle"), `${body.cycle.name} (${body.cycle.year})`],
    [t("pdf.instrument"), `${details.instrumentName} · ${body.instrument.code} ${body.instrument.version}`],
    ["F-02", details.f02 ?? "—"],
    ["F-03", details.f03 ?? t("pdf.f03LeftOut", { respondents: details.surveyRespondents, minimum: details.minSurveyRespondents })],
    [t("pdf.index"), body.index ?? "—"],
    [t("pdf.grade"), body.grade ?? "—"],
    ...(body.correction
      ? ([[t("pdf.correction"), t("pdf.correctedOn", { date: formatDate(body.correction.publishedAt), decree: body.correction.decreeReference })]] as [
          string,
          string,
        ][])
      : []),
  ];
  for (const [label, value] of facts) doc.font("Bold").fontSize(10).text(`${label}: `, { continued: true }).font("Body").text(value);

  heading(doc, t("pdf.indicators"));
  table(
    doc,
    width,
    [0.11, 0.45, 0.1, 0.1, 0.24],
    [t("pdf.codeColumn"), t("pdf.indicator"), t("pdf.self"), t("pdf.verified"), t("pdf.note")],
    details.indicators.map((i) => [i.code, i.name, level(i.selfLevel), level(i.verifiedLevel), i.note]),
  );

  heading(doc, t("pdf.recommendations"));
  if (details.recommendations.length === 0) doc.font("Body").fontSize(9).text(t("pdf.none"));
  for (const r of details.recommendations) {
    doc
      .font("Body")
      .fontSize(9)
      .text(`${r.target} — ${r.text} (${t("pdf.targetDate")}: ${r.targetDate ?? "—"})`);
  }

  heading(doc, t("pdf.rounds"));
  if (details.rounds.length === 0) doc.font("Body").fontSize(9).text(t("pdf.none"));
  for (const r of details.rounds) {
    doc
      .font("Body")
      .fontSize(9)
      .text(`${t("pdf.round", { round: r.round })}: ${r.decision} · ${r.decidedBy ?? "—"} · ${formatDate(r.decidedAt)}${r.summary ? ` · ${r.summary}` : ""}`);
  }

  heading(doc, t("pdf.signatories"));
  if (!signed || signed.signatories.length === 0) doc.font("Body").fontSize(9).text(t("pdf.noSignatures"));
  for (const s of signed?.signatories ?? []) {
    doc
      .font("Body")
      .fontSize(10)
      .text(`${t(`role.${s.role}`)}: ${s.name} · ${formatDate(s.signedAt)}`);
  }

  if (signed) {
    heading(doc, t("pdf.verification"));
    const qr = await qrCodePng(signed.url, 110);
    if (doc.y + 120 > doc.page.height - MARGIN) doc.addPage();
    const top = doc.y;
    doc.image(qr, MARGIN, top, { width: 110 });
    doc
      .font("Body")
      .fontSize(9)
      .text(t("pdf.verifyAt", { url: signed.url }), MARGIN + 125, top, { width: width - 125 })
      .text(`${t("pdf.code", { code: signed.code })}`, { width: width - 125 })
      .text(`SHA-256: ${signed.contentHash}`, { width: width - 125 });
    doc.y = Math.max(doc.y, top + 115);
  }
  doc.end();
  return done;
}

const level = (value: number | null) => (value === null ? "—" : String(value));

function heading(doc: PDFKit.PDFDocument, text: string) {
  doc.x = MARGIN;
  doc.moveDown(0.6).font("Bold").fontSize(12).text(text).moveDown(0.2);
}

function table(doc: PDFKit.PDFDocument, width: number, shares: number[], headers: string[], rows: string[][]) {
  const draw = (cells: string[], bold: boolean) => {
    doc.font(bold ? "Bold" : "Body").fontSize(8);
    const heights = cells.map((c, i) => doc.heightOfString(c, { width: shares[i]! * width - 4 }));
    const height = Math.max(...heights) + 4;
    if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
    const top = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      doc.text(c, x + 2, top + 2, { width: shares[i]! * width - 4 });
      x += shares[i]! * width;
    });
    doc.y = top + height;
    doc
      .moveTo(MARGIN, doc.y)
      .lineTo(MARGIN + width, doc.y)
      .lineWidth(0.3)
      .strokeColor("#999999")
      .stroke();
  };
  draw(headers, true);
  for (const row of rows) draw(row, false);
  doc.x = MARGIN;
}
