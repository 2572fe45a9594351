import "server-only";
import { ruleFor, type Actor } from "@/lib/auth/policies";
import { qrCodePng, startPortalPdf } from "../http/pdf-fonts";
import { db } from "../db/client";
import { findManagedAssessmentOf } from "./survey";

export interface SurveyPosterData {
  locusName: string;
  institutionName: string;
  cycleName: string;
  token: string;
}

/** A link's poster facts if the actor manages the link's locus survey (the scope is in the query); else null, as for no link. */
export async function loadSurveyPoster(actor: Actor, linkId: string): Promise<SurveyPosterData | null> {
  if (!ruleFor(actor, "survey.manage")) return null;
  const link = await db.surveyLink.findUnique({
    where: { id: linkId },
    select: {
      token: true,
      assessmentId: true,
      assessment: { select: { locus: { select: { name: true, institution: { select: { name: true } } } }, cycle: { select: { name: true } } } },
    },
  });
  if (!link || !(await findManagedAssessmentOf(actor, link.assessmentId))) return null;
  return {
    locusName: link.assessment.locus.name,
    institutionName: link.assessment.locus.institution.name,
    cycleName: link.assessment.cycle.name,
    token: link.token,
  };
}

/** The translator of the poster's texts (always Bahasa Indonesia: the poster hangs at a service counter). */
export type PosterTexts = (key: string, values?: Record<string, string>) => string;

const MARGIN = 56;

/**
 * A printable A4 poster of one F-03 link: the locus and institution, a large QR code of the link,
 * the link itself written out (without "https://", so it can be typed), and how to answer.
 */
export async function renderSurveyPoster(data: SurveyPosterData, url: string, t: PosterTexts): Promise<Buffer> {
  const { doc, done } = startPortalPdf({ margin: MARGIN, info: { Title: `${t("title")}: ${data.locusName}`, Author: "Portal PEKPPP" } });
  const width = doc.page.width - 2 * MARGIN;
  doc.font("Bold").fontSize(30).text(t("title"), { align: "center" });
  doc.moveDown(0.4).font("Body").fontSize(14).text(t("subtitle"), { align: "center" });
  doc.moveDown(1).font("Bold").fontSize(22).text(data.locusName, { align: "center" });
  doc.font("Body").fontSize(14).text(data.institutionName, { align: "center" });
  doc.fontSize(11).fillColor("#475569").text(data.cycleName, { align: "center" }).fillColor("black");
  const size = 260;
  const top = doc.y + 20;
  doc.image(await qrCodePng(url, 600), MARGIN + (width - size) / 2, top, { width: size, height: size });
  doc.y = top + size + 16;
  doc.font("Body").fontSize(12).text(t("orOpen"), MARGIN, doc.y, { align: "center", width });
  doc
    .font("Bold")
    .fontSize(12)
    .text(url.replace(/^https?:\/\//, ""), { align: "center", width });
  doc.moveDown(1).font("Bold").fontSize(14).text(t("howTitle"), { width });
  doc.font("Body").fontSize(12);
  for (const step of ["step1", "step2", "step3"]) doc.text(`•  ${t(step)}`, { width, paragraphGap: 4 });
  doc.moveDown(0.5).fontSize(10).fillColor("#475569").text(t("privacy"), { width });
  doc.end();
  return done;
}
