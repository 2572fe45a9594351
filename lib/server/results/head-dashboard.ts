import "server-only";
import type { Actor } from "@/lib/auth/policies";
import { awardsOf } from "@/lib/domain/results/awards";
import { loadHeadResults, loadInstitutionRecommendations, loadInstitutionTrend } from "./institution";
import { listPublishedCycles, loadAwardsFor, loadPublishedResults } from "./published";

/**
 * Everything the head's dashboard shows for its own institution: the running and the latest
 * finalised cycle, the trend, and from the latest PUBLISHED cycle its standing and award
 * eligibility (only final, published results make anything eligible: docs/domain.md §6).
 */
export async function loadHeadDashboard(actor: Actor) {
  if (actor.role !== "HEAD" || !actor.institutionId) return null;
  const institutionId = actor.institutionId;
  const [results, trend, published] = await Promise.all([
    loadHeadResults(actor),
    loadInstitutionTrend(actor, "results.institution", institutionId),
    listPublishedCycles(),
  ]);
  const latestPublished = published[0] ?? null;
  const [ranking, recommendations] = await Promise.all([
    latestPublished ? loadPublishedResults(latestPublished.id) : null,
    results?.finalised ? loadInstitutionRecommendations(actor, "results.institution", institutionId, results.finalised.cycle.id) : [],
  ]);
  const awards = ranking ? await loadAwardsFor(ranking) : null;
  const own = ranking?.institutions.find((i) => i.id === institutionId) ?? null;
  return {
    institutionId,
    results,
    trend,
    // With its result version: the current one, and when it was corrected (docs/domain.md §6.4).
    publishedCycle: ranking?.cycle ?? latestPublished,
    standing: own ? { type: own.type, national: own.national, province: own.province, provinceName: own.provinceName, published: own.published } : null,
    awards: awards ? awardsOf(awards.eligibility, institutionId).map((e) => ({ ...e, rule: awards.rules.find((r) => r.id === e.ruleId)! })) : [],
    recommendations,
  };
}
