import "server-only";
import { createHash } from "node:crypto";
import { fromFraction, toDecimalString } from "@/lib/domain/rational";
import { type BeritaAcaraBody, canonicalJson } from "@/lib/domain/sign-off";
import type { db } from "../db/client";

export type Reader = Pick<
  typeof db,
  "assessment" | "instrumentIndicator" | "locusResult" | "recommendation" | "reviewRound" | "resultVersionLocus" | "resultCorrection"
>;

export const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** The SHA-256 of a body as signed: over its canonical JSON. */
export const bodyHash = (body: BeritaAcaraBody) => sha256Hex(canonicalJson(body));

/** Everything the printed Berita Acara shows besides the signed body (not signed: may be re-rendered). */
export interface BeritaAcaraDetails {
  status: string;
  institutionId: string;
  verifierIds: string[];
  instrumentName: string;
  indicators: { code: string; name: string; weight: number; selfLevel: number | null; verifiedLevel: number | null; note: string }[];
  f02: string | null;
  f03: string | null;
  surveyRespondents: number;
  minSurveyRespondents: number;
  recommendations: { target: string; text: string; targetDate: string | null }[];
  rounds: { round: number; decision: string; decidedBy: string | null; decidedAt: string; summary: string }[];
}

/**
 * The body of a locus's Berita Acara as the data stands now: every indicator's verified level,
 * and the index and grade of its current result (lib/server/results, written by the one scoring
 * module): the latest published result version that holds the locus (docs/domain.md §6.4: what
 * is official once a cycle is published), else the stored verified result. After a published
 * correction the body also names it (decree, date, version), so the body differs from the one
 * signed before it even when the correction leaves every number as it was: the old code is then
 * superseded and a new Berita Acara is issued for the corrected data. Plus the details the
 * printed copy shows. Null when the locus does not exist. No authorization here: callers apply
 * their scope first.
 */
export async function loadBeritaAcaraContent(reader: Reader, assessmentId: string): Promise<{ body: BeritaAcaraBody; details: BeritaAcaraDetails } | null> {
  const a = await reader.assessment.findUnique({
    where: { id: assessmentId },
    select: {
      id: true,
      status: true,
      cycleId: true,
      cycle: {
        select: {
          id: true,
          name: true,
          year: true,
          minSurveyRespondents: true,
          instrumentVersion: { select: { id: true, code: true, version: true, name: true } },
        },
      },
      locus: {
        select: {
          id: true,
          name: true,
          serviceType: true,
          institution: { select: { id: true, name: true, verifierAssignments: { select: { cycleId: true, verifierId: true } } } },
        },
      },
      selfAnswers: { select: { indicatorId: true, level: true } },
      verifiedAnswers: { select: { indicatorId: true, level: true, note: true } },
    },
  });
  if (!a) return null;
  const [indicators, result, version, correction, recommendations, rounds] = await Promise.all([
    reader.instrumentIndicator.findMany({
      where: { instrumentVersionId: a.cycle.instrumentVersion.id },
      select: { id: true, code: true, name: true, weight: true },
      orderBy: { position: "asc" },
    }),
    reader.locusResult.findUnique({ where: { assessmentId_kind: { assessmentId, kind: "VERIFIED" } } }),
    reader.resultVersionLocus.findFirst({
      where: { assessmentId },
      orderBy: { version: { number: "desc" } },
      select: { indexPublished: true, grade: true },
    }),
    reader.resultCorrection.findFirst({
      where: { assessmentId, publishedAt: { not: null } },
      orderBy: { publishedAt: "desc" },
      select: { decreeReference: true, publishedAt: true, versionNumber: true },
    }),
    reader.recommendation.findMany({
      where: { assessmentId },
      select: { text: true, targetDate: true, indicator: { select: { code: true } }, aspect: { select: { code: true, name: true } } },
      orderBy: { createdAt: "asc" },
    }),
    reader.reviewRound.findMany({
      where: { assessmentId },
      select: { round: true, decision: true, summary: true, decidedAt: true, decidedBy: { select: { name: true } } },
      orderBy: { round: "asc" },
    }),
  ]);
  const self = new Map(a.selfAnswers.map((s) => [s.indicatorId, s.level]));
  const verified = new Map(a.verifiedAnswers.map((v) => [v.indicatorId, v]));
  const body: BeritaAcaraBody = {
    assessmentId: a.id,
    institution: { id: a.locus.institution.id, name: a.locus.institution.name },
    locus: { id: a.locus.id, name: a.locus.name, serviceType: a.locus.serviceType },
    cycle: { id: a.cycle.id, name: a.cycle.name, year: a.cycle.year },
    instrument: { code: a.cycle.instrumentVersion.code, version: a.cycle.instrumentVersion.version },
    indicators: indicators.map((i) => ({ code: i.code, verifiedLevel: verified.get(i.id)?.level ?? null })),
    index: version ? version.indexPublished.toFixed(2) : result ? result.indexPublished.toFixed(2) : null,
    grade: version ? version.grade : result ? result.grade : null,
    ...(correction?.publishedAt
      ? {
          correction: {
            decreeReference: correction.decreeReference,
            publishedAt: correction.publishedAt.toISOString(),
            version: correction.versionNumber,
          },
        }
      : {}),
  };
  const details: BeritaAcaraDetails = {
    status: a.status,
    institutionId: a.locus.institution.id,
    verifierIds: a.locus.institution.verifierAssignments.filter((v) => v.cycleId === a.cycleId).map((v) => v.verifierId),
    instrumentName: a.cycle.instrumentVersion.name,
    indicators: indicators.map((i) => ({
      code: i.code,
      name: i.name,
      weight: i.weight,
      selfLevel: self.get(i.id) ?? null,
      verifiedLevel: verified.get(i.id)?.level ?? null,
      note: verified.get(i.id)?.note ?? "",
    })),
    f02: result ? toDecimalString(fromFraction(result.f02TenThousandths, 10_000), 2) : null,
    f03:
      result?.f03Numerator != null && result.f03Denominator != null
        ? toDecimalString(fromFraction(BigInt(result.f03Numerator.toFixed(0)), BigInt(result.f03Denominator.toFixed(0))), 2)
        : null,
    surveyRespondents: result?.surveyRespondents ?? 0,
    minSurveyRespondents: a.cycle.minSurveyRespondents,
    recommendations: recommendations.map((r) => ({
      target: r.indicator?.code ?? (r.aspect ? `${r.aspect.code}. ${r.aspect.name}` : "—"),
      text: r.text,
      targetDate: r.targetDate ? r.targetDate.toISOString().slice(0, 10) : null,
    })),
    rounds: rounds.map((r) => ({
      round: r.round,
      decision: r.decision,
      decidedBy: r.decidedBy?.name ?? null,
      decidedAt: r.decidedAt.toISOString(),
      summary: r.summary,
    })),
  };
  return { body, details };
}
