import "server-only";
import path from "node:path";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";

/**
 * The one font of every PDF the portal writes (report card, Berita Acara): Noto Sans (SIL Open
 * Font License 1.1, from the npm package @expo-google-fonts/noto-sans, licence in its
 * LICENSE_FONT). It covers Latin, Latin Extended, Greek and Cyrillic, so every name a registry may
 * hold prints as written (the built-in Helvetica has Latin-1 only). pdfkit embeds the subset used.
 */
const FONT_DIR = path.join(process.cwd(), "node_modules", "@expo-google-fonts", "noto-sans");
export const PDF_FONT_REGULAR = path.join(FONT_DIR, "400Regular", "NotoSans_400Regular.ttf");
export const PDF_FONT_BOLD = path.join(FONT_DIR, "700Bold", "NotoSans_700Bold.ttf");

/** Registers the portal's fonts on a pdfkit document as "Body" and "Bold", and selects "Body". */
export function applyPortalFonts(doc: PDFKit.PDFDocument): PDFKit.PDFDocument {
  doc.registerFont("Body", PDF_FONT_REGULAR);
  doc.registerFont("Bold", PDF_FONT_BOLD);
  return doc.font("Body");
}

/**
 * A new A4 document in the portal's fonts, and the promise of its bytes once `doc.end()` is called
 * (report card, Berita Acara, survey poster).
 */
export function startPortalPdf(options: PDFKit.PDFDocumentOptions): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument({ size: "A4", ...options });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  applyPortalFonts(doc);
  return { doc, done };
}

/** A QR code of `text` as a PNG, `width` pixels wide (the Berita Acara's check address, a survey link). */
export function qrCodePng(text: string, width: number): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: "png", margin: 1, width, errorCorrectionLevel: "M" });
}
