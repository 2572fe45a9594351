import "server-only";
import path from "node:path";

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
