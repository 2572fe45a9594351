import "server-only";
import type { Actor } from "@/lib/auth/policies";
import { awardsOf } from "@/lib/domain/results/awards";
import { loadHeadResults, loadInstitutionRecommendations, loadInstitutionTrend } from "./institution";
import { listPublishedCycles, loadAwardsFor, loadPublishedResults, type PublishedCycle } from "./published";

/**
 * An institution's standing in one PUBLISHED cycle (the latest one unless named): its ranks and
 * its award eligibility, from the published results (only final, published results make anything
 * eligible: docs/domain.md §6). The head dashboard and the report card both read it here, so they
 * can never disagree. Public data: the caller has already checked that the reader may see the
 * institution.
 */
export async function loadInstitutionStanding(institutionId: string, cycleId?: string) {
  const published = await listPublishedCycles();
  const chosen = cycleId ? (published.find((c) => c.id === cycleId) ?? null) : (published[0] ?? null);
  const ranking = chosen ? await loadPublishedResults(chosen.id) : null;
  const awards = ranking ? await loadAwardsFor(ranking) : null;
  const own = ranking?.institutions.find((i) => i.id === institutionId) ?? null;
  return {
    // With its result version: the current one, and when it was corrected (docs/domain.md §6.4).
    publishedCycle: (ranking?.cycle ?? chosen) as PublishedCycle | null,
    standing: own
      ? {
          type: own.type,
          national: own.national,
          province: own.province,
          provinceName: own.provinceName,
          published: own.published,
          grade: own.grade,
          label: own.label,
        }
      : null,
    awards: awards ? awardsOf(awards.eligibility, institutionId).map((e) => ({ ...e, rule: awards.rules.find((r) => r.id === e.ruleId)! })) : [],
  };
}

/**
 * Everything the head's dashboard shows for its own institution: the running and the latest
 * finalised cycle, the trend, and from the latest PUBLISHED cycle its standing and award
 * eligibility.
 */
export async function loadHeadDashboard(actor: Actor) {
  if (actor.role !== "HEAD" || !actor.institutionId) return null;
  const institutionId = actor.institutionId;
  const [results, trend, standing] = await Promise.all([
    loadHeadResults(actor),
    loadInstitutionTrend(actor, "results.institution", institutionId),
    loadInstitutionStanding(institutionId),
  ]);
  const recommendations = results?.finalised
    ? await loadInstitutionRecommendations(actor, "results.institution", institutionId, results.finalised.cycle.id)
    : [];
  return { institutionId, results, trend, ...standing, recommendations };
}
