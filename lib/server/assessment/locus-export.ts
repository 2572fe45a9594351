import "server-only";
import type { Actor } from "@/lib/auth/policies";
import { computeLocusResult } from "@/lib/domain/scoring";
import { isVerifiedStatus, maySeeVerifierWork } from "@/lib/domain/workflow";
import { db } from "../db/client";
import { loadWorkspace } from "./workspace";

/**
 * One locus's full assessment for export: per indicator the self level and justification, the
 * verified level and note, and the evidence list; plus the scores the pages show. The workspace
 * loader applies the scope (assessment.view, the same rule as assessment.export). Verified levels
 * are included once the locus is verified, or for its verifier and admins before that: a unit
 * does not read the verifier's work in progress (maySeeVerifierWork, the same rule as the locus's
 * history).
 */
export async function loadLocusExport(actor: Actor, assessmentId: string) {
  const workspace = await loadWorkspace(actor, assessmentId);
  if (!workspace) return null;
  const isVerified = isVerifiedStatus(workspace.assessment.status);
  const showVerified = maySeeVerifierWork(actor.role, workspace.assessment.status);
  const verified = showVerified
    ? await db.verifiedAnswer.findMany({ where: { assessmentId }, select: { level: true, note: true, indicator: { select: { code: true } } } })
    : [];
  const verifiedOf = new Map(verified.map((v) => [v.indicator.code, v]));
  const selfLevels = new Map(Object.entries(workspace.answers).flatMap(([code, a]) => (a.level === null ? [] : [[code, a.level] as const])));
  const verifiedLevels = new Map(verified.flatMap((v) => (v.level === null ? [] : [[v.indicator.code, v.level] as const])));
  const rows = workspace.instrument.aspects.flatMap((aspect) =>
    aspect.indicators.map((indicator) => ({
      aspect: `${aspect.code}. ${aspect.name}`,
      code: indicator.code,
      indicator: indicator.name,
      weight: indicator.weight,
      selfLevel: workspace.answers[indicator.code]?.level ?? null,
      justification: workspace.answers[indicator.code]?.justification ?? "",
      verifiedLevel: verifiedOf.get(indicator.code)?.level ?? null,
      verifierNote: verifiedOf.get(indicator.code)?.note ?? "",
      evidence: workspace.evidence
        .filter((e) => e.indicatorCode === indicator.code)
        .map((e) => (e.kind === "LINK" ? `${e.title} <${e.url}>` : `${e.title} (${e.safeName})`)),
    })),
  );
  return {
    assessment: workspace.assessment,
    rows,
    self: computeLocusResult(workspace.instrument, selfLevels, workspace.surveyResponses, workspace.settings),
    verified: isVerified ? computeLocusResult(workspace.instrument, verifiedLevels, workspace.surveyResponses, workspace.settings) : null,
  };
}
