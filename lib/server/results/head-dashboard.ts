import "server-only";
import { type Actor, can } from "@/lib/auth/policies";
import { awardsOf } from "@/lib/domain/results/awards";
import { pickCycleForActor } from "../cycle/cycles";
import { pgPool } from "../db/pg-pool";
import { loadInstitutionRecommendations, loadInstitutionTrend } from "./institution";
import { type StoredCycle, storedInstitutionInCycle } from "./institution-stored";
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

/** The cycles shown beside one another on the dashboard and the report card: one programme and owner (issue 16), never mixed. */
export interface LineageCycle extends StoredCycle {
  publishedAt: Date | null;
}

/**
 * The cycles of the same programme and owner as `cycleId` that the institution took part in,
 * newest first (the cycle itself included): its earlier results, its trend and its standing come
 * from these only, so a Mandiri index never lands in the national trend.
 */
export async function cycleLineage(institutionId: string, cycleId: string): Promise<LineageCycle[]> {
  const rows = await pgPool.query<LineageCycle>(
    `SELECT c.id, c.name, c.year, c.status::text AS status, c."f02SharePercent", c."minSurveyRespondents", c."instrumentVersionId", c."publishedAt",
            c."resultsGeneration" AS generation
     FROM "Cycle" c JOIN "Cycle" chosen ON chosen.id = $2
     WHERE c."programmeCode" = chosen."programmeCode" AND c."ownerInstitutionId" IS NOT DISTINCT FROM chosen."ownerInstitutionId"
       AND EXISTS (SELECT 1 FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a."cycleId" = c.id AND l."institutionId" = $1)
     ORDER BY c.year DESC, c."createdAt" DESC`,
    [institutionId, cycleId],
  );
  return rows.rows;
}

const isFinal = (c: { status: string }) => c.status === "FINALISED" || c.status === "ARCHIVED";

/**
 * Everything the head's dashboard shows for its own institution in one cycle it takes part in
 * (`cycleId`, else its default: the ministry's running cycle, issue 16): that cycle's results
 * (as far as verified) and, when it is still running, the latest finalised cycle of the same
 * programme and owner before it; the trend of that programme and owner; the standing and award
 * eligibility of the latest of those published. Read from stored results only (issue 17).
 */
export async function loadHeadDashboard(actor: Actor, cycleId?: string) {
  if (actor.role !== "HEAD" || !actor.institutionId || !can(actor, "results.institution", { institutionId: actor.institutionId })) return null;
  const institutionId = actor.institutionId;
  const chosenId = cycleId ?? (await pickCycleForActor(actor, undefined)).cycle?.id;
  const lineage = chosenId ? await cycleLineage(institutionId, chosenId) : [];
  const at = lineage.findIndex((c) => c.id === chosenId);
  // Not a cycle of the institution (or out of scope): nothing, like an unknown one.
  if (at < 0) return { institutionId, results: null, trend: [], publishedCycle: null, standing: null, awards: [], recommendations: [] };
  const chosen = lineage[at]!;
  const earlier = lineage.slice(at);
  const finalised = earlier.find(isFinal) ?? null;
  const published = new Set((await listPublishedCycles()).map((c) => c.id));
  const standingCycle = earlier.find((c) => published.has(c.id)) ?? null;
  const view = (cycle: StoredCycle | null) => (cycle ? storedInstitutionInCycle(actor, "results.institution", institutionId, cycle) : null);
  const [current, finalisedView, trend, standing, recommendations] = await Promise.all([
    isFinal(chosen) ? null : view(chosen),
    view(finalised),
    loadInstitutionTrend(
      actor,
      "results.institution",
      institutionId,
      lineage.map((c) => c.id),
    ),
    standingCycle ? loadInstitutionStanding(institutionId, standingCycle.id) : { publishedCycle: null, standing: null, awards: [] },
    finalised ? loadInstitutionRecommendations(actor, "results.institution", institutionId, finalised.id) : [],
  ]);
  return { institutionId, results: { current, finalised: finalisedView }, trend, ...standing, recommendations };
}
