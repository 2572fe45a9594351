import "server-only";
import type { Actor } from "@/lib/auth/policies";
import { db } from "../db/client";
import { loadInstitutionCycle, loadInstitutionRecommendations } from "./institution";

/**
 * The report card's data: one institution in one cycle (the latest finalised one unless named),
 * for the admin or the institution's own head; null when out of scope, unknown or without a cycle.
 */
export async function loadReportCard(actor: Actor, institutionId: string, cycleId?: string) {
  const view = await loadInstitutionCycle(actor, "results.reportCard", institutionId, cycleId);
  if (!view || view.loci.length === 0) return null;
  const [institution, recommendations] = await Promise.all([
    db.institution.findUniqueOrThrow({ where: { id: institutionId }, select: { name: true } }),
    loadInstitutionRecommendations(actor, "results.reportCard", institutionId, view.cycle.id),
  ]);
  return { institutionName: institution.name, view, recommendations };
}
