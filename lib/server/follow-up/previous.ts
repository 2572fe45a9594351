import "server-only";
import { can, type Actor } from "@/lib/auth/policies";
import { isoDateOf } from "@/lib/domain/cycle/dates";
import { calendarDate, previousCycleOf } from "@/lib/domain/follow-up";
import { db } from "../db/client";
import { assessmentScope, policyTargetFields, policyTargetOf } from "../assessment/queries";
import { recommendationFields, withProgress } from "./views";

/**
 * What the locus was recommended in its previous cycle (the same Locus in the cycle of the latest
 * earlier year), with each recommendation's follow-up, for the new cycle's workspace and review
 * page. Anyone who may view the new assessment sees it: its evaluator and head, its verifier in
 * the new cycle (even when another verifier had the previous one), admins. Null when there is
 * nothing to show or the assessment is out of scope.
 */
export async function loadPreviousRecommendations(actor: Actor, assessmentId: string, now = new Date()) {
  const current = await db.assessment.findFirst({
    where: { AND: [{ id: assessmentId }, assessmentScope(actor, "assessment.view")] },
    select: { locusId: true, cycle: { select: { id: true, year: true } }, ...policyTargetFields },
  });
  if (!current || !can(actor, "assessment.view", policyTargetOf(current))) return null;
  const cycles = await db.cycle.findMany({
    where: { assessments: { some: { locusId: current.locusId } } },
    select: { id: true, year: true, name: true, createdAt: true },
  });
  const previous = previousCycleOf(cycles, current.cycle);
  if (!previous) return null;
  const assessment = await db.assessment.findUnique({
    where: { cycleId_locusId: { cycleId: previous.id, locusId: current.locusId } },
    select: {
      ...policyTargetFields,
      recommendations: {
        select: {
          ...recommendationFields,
          followUps: {
            select: {
              status: true,
              review: true,
              description: true,
              actionDate: true,
              reviewNote: true,
              _count: { select: { evidence: { where: { removedAt: null } } } },
            },
            orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          },
        },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      },
    },
  });
  if (!assessment || assessment.recommendations.length === 0) return null;
  const today = calendarDate(now);
  // The detail page follows the previous assessment's scope (a verifier of the new cycle only may not open it).
  const canOpenDetail = can(actor, "recommendations.view", policyTargetOf(assessment));
  const items = assessment.recommendations.map((r) => ({
    ...withProgress(r, today),
    followUps: r.followUps.map((f) => ({
      status: f.status,
      review: f.review,
      description: f.description,
      actionDate: isoDateOf(f.actionDate),
      reviewNote: f.reviewNote,
      evidenceCount: f._count.evidence,
    })),
  }));
  return { cycleName: previous.name, year: previous.year, canOpenDetail, items };
}

export type PreviousRecommendations = NonNullable<Awaited<ReturnType<typeof loadPreviousRecommendations>>>;
export type PreviousRecommendationItem = PreviousRecommendations["items"][number];
