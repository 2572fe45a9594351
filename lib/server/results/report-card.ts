import "server-only";
import type { Actor } from "@/lib/auth/policies";
import { db } from "../db/client";
import { cycleLineage, loadInstitutionStanding } from "./head-dashboard";
import { loadInstitutionCycle, loadInstitutionRecommendations, loadInstitutionTrend } from "./institution";

/**
 * The report card's data: one institution in one cycle (the latest finalised one unless named),
 * for the admin or the institution's own head; null when out of scope, unknown or without a cycle.
 * The standing and award eligibility of that cycle (once published) and the trend come from the
 * same data functions as the head dashboard, so the card holds the dashboard's figures.
 */
export async function loadReportCard(actor: Actor, institutionId: string, cycleId?: string) {
  const view = await loadInstitutionCycle(actor, "results.reportCard", institutionId, cycleId);
  if (!view || view.loci.length === 0) return null;
  const [institution, recommendations, standing, trend, correction] = await Promise.all([
    db.institution.findUniqueOrThrow({ where: { id: institutionId }, select: { name: true } }),
    loadInstitutionRecommendations(actor, "results.reportCard", institutionId, view.cycle.id),
    loadInstitutionStanding(institutionId, view.cycle.id),
    // The trend of the card's programme and owner only (issue 16), as on the dashboard.
    cycleLineage(institutionId, view.cycle.id).then((lineage) =>
      loadInstitutionTrend(
        actor,
        "results.reportCard",
        institutionId,
        lineage.map((c) => c.id),
      ),
    ),
    // The latest published correction of one of its loci in that cycle: the card marks the result
    // "dikoreksi pada …" (docs/domain.md §6.4), as the published listing does.
    db.resultCorrection.findFirst({
      where: { cycleId: view.cycle.id, publishedAt: { not: null }, assessment: { locus: { institutionId } } },
      orderBy: { publishedAt: "desc" },
      select: { publishedAt: true, decreeReference: true, versionNumber: true },
    }),
  ]);
  return {
    institutionName: institution.name,
    view,
    recommendations,
    standing,
    trend,
    correction: correction?.publishedAt
      ? { publishedAt: correction.publishedAt, decreeReference: correction.decreeReference, version: correction.versionNumber }
      : null,
  };
}
