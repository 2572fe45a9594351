import "server-only";
import { can, type Actor, type PolicyKey } from "@/lib/auth/policies";
import { dateOf, isoDateOf } from "@/lib/domain/cycle/dates";
import { calendarDate, followUpEditProblem, isOverdue, progressOf, type IsoDate } from "@/lib/domain/follow-up";
import type { EvidenceItemView } from "@/lib/domain/evidence/view";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TFollowUpListFilter } from "@/lib/schemas/follow-up";
import { db } from "../db/client";
import { assessmentScope, policyTargetFields, policyTargetOf } from "../assessment/queries";
import { listEntityHistory } from "../audit/search";
import { itemFields, toView } from "../assessment/evidence";
import { listCyclesForActor } from "../cycle/cycles";

const PAGE_SIZE = 50;

/**
 * The cycles with recommendations that the actor takes part in (issue 16: the national cycle, its
 * institution's own …), running first, grouped by programme; never another institution's cycle.
 */
export function listFollowUpCycles(actor: Actor) {
  return listCyclesForActor(actor, { withRecommendations: true });
}

/**
 * The cycle a follow-up page shows: the one asked for if it has recommendations; otherwise the
 * latest finalised cycle with recommendations (follow-up comes after the results, docs/domain.md §3
 * stage 9), or failing that the latest with any.
 */
export function chooseFollowUpCycle<C extends { id: string; status: string }>(cycles: readonly C[], requested?: string) {
  return cycles.find((c) => c.id === requested) ?? cycles.find((c) => c.status === "FINALISED" || c.status === "ARCHIVED") ?? cycles[0] ?? null;
}

/** Where a recommendation points: an indicator (code and name) or a whole aspect. */
export interface RecommendationTarget {
  kind: "indicator" | "aspect";
  code: string;
  name: string;
  aspectCode: string;
}

export const recommendationFields = {
  id: true,
  text: true,
  targetDate: true,
  status: true,
  createdAt: true,
  assessmentId: true,
  indicator: { select: { code: true, name: true, aspect: { select: { code: true } } } },
  aspect: { select: { code: true, name: true } },
  followUps: { select: { status: true, review: true } },
} satisfies Prisma.RecommendationSelect;

type RecommendationRowData = Prisma.RecommendationGetPayload<{ select: typeof recommendationFields }>;

export function targetOf(row: Pick<RecommendationRowData, "indicator" | "aspect">): RecommendationTarget {
  if (row.indicator) return { kind: "indicator", code: row.indicator.code, name: row.indicator.name, aspectCode: row.indicator.aspect.code };
  return { kind: "aspect", code: row.aspect?.code ?? "", name: row.aspect?.name ?? "", aspectCode: row.aspect?.code ?? "" };
}

/** A target as one line: "code name" for an indicator, "code. name" for a whole aspect. */
export function targetLabel(target: RecommendationTarget) {
  return target.kind === "indicator" ? `${target.code} ${target.name}` : target.code ? `${target.code}. ${target.name}` : "";
}

/** A recommendation with where it stands (the pure rules of lib/domain/follow-up decide). */
export function withProgress(row: RecommendationRowData, today: IsoDate) {
  const facts = { status: row.status, targetDate: row.targetDate ? isoDateOf(row.targetDate) : null, followUps: row.followUps };
  return {
    id: row.id,
    text: row.text,
    status: row.status,
    targetDate: facts.targetDate,
    assessmentId: row.assessmentId,
    target: targetOf(row),
    progress: progressOf(facts),
    overdue: isOverdue(facts, today),
    followUpCount: row.followUps.length,
    pendingCount: row.followUps.filter((f) => f.review === "PENDING").length,
  };
}

/**
 * The list filters, as conditions that mirror the pure rules: "open" is not completed (not closed,
 * no action DONE and ACCEPTED), "overdue" is open with a target date before today, "pending" has
 * an action waiting for the verifier. Tests check the lists against the pure rules.
 */
function showWhere(show: TFollowUpListFilter["show"], today: IsoDate): Prisma.RecommendationWhereInput {
  const open: Prisma.RecommendationWhereInput = { status: "OPEN", followUps: { none: { status: "DONE", review: "ACCEPTED" } } };
  switch (show) {
    case "open":
      return open;
    case "overdue":
      return { AND: [open, { targetDate: { lt: dateOf(today) } }] };
    case "pending":
      return { followUps: { some: { review: "PENDING" } } };
    default:
      return {};
  }
}

/**
 * The recommendations of a cycle in the actor's scope under `key` (the evaluator's own loci, the
 * verifier's institutions assigned in that cycle; a head's institution, every one for an admin),
 * filtered, the earliest target first: 50 a page, or every row for an export (`all`, no count needed).
 */
export async function listFollowUpRecommendations(
  actor: Actor,
  key: PolicyKey,
  cycleId: string,
  filter: TFollowUpListFilter,
  { all = false, now = new Date() }: { all?: boolean; now?: Date } = {},
) {
  const today = calendarDate(now);
  const where: Prisma.RecommendationWhereInput = { AND: [{ assessment: assessmentScope(actor, key, cycleId) }, showWhere(filter.show, today)] };
  const [rows, count] = await Promise.all([
    db.recommendation.findMany({
      where,
      select: {
        ...recommendationFields,
        assessment: {
          select: { locus: { select: { name: true, serviceType: true, institution: { select: { name: true, province: { select: { name: true } } } } } } },
        },
      },
      orderBy: [
        { targetDate: { sort: "asc", nulls: "last" } },
        { assessment: { locus: { institution: { name: "asc" } } } },
        { assessment: { locus: { name: "asc" } } },
        { createdAt: "asc" },
        { id: "asc" },
      ],
      ...(all ? {} : { skip: (filter.page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
    }),
    all ? null : db.recommendation.count({ where }),
  ]);
  return {
    rows: rows.map((row) => ({
      ...withProgress(row, today),
      locusName: row.assessment.locus.name,
      serviceType: row.assessment.locus.serviceType,
      institutionName: row.assessment.locus.institution.name,
      provinceName: row.assessment.locus.institution.province?.name ?? null,
    })),
    total: count ?? rows.length,
    page: filter.page,
    pageSize: PAGE_SIZE,
  };
}

export type FollowUpListRow = Awaited<ReturnType<typeof listFollowUpRecommendations>>["rows"][number];

/**
 * One recommendation with its follow-up actions and their evidence, for anyone who may see the
 * locus's recommendations; null (not found) for anyone else. Says what the viewer may do: report
 * (its evaluator, while the recommendation is open), review (its verifier in that cycle).
 */
export async function loadRecommendationDetail(actor: Actor, recommendationId: string, now = new Date()) {
  const row = await db.recommendation.findFirst({
    where: { id: recommendationId, assessment: assessmentScope(actor, "recommendations.view") },
    select: {
      ...recommendationFields,
      followUps: {
        select: {
          id: true,
          description: true,
          actionDate: true,
          status: true,
          review: true,
          reviewNote: true,
          reviewedAt: true,
          version: true,
          createdAt: true,
          updatedAt: true,
          reviewedBy: { select: { name: true } },
          createdBy: { select: { name: true } },
          evidence: { where: { removedAt: null }, select: itemFields, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
        },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      },
      createdBy: { select: { name: true } },
      assessment: {
        select: {
          ...policyTargetFields,
          locusId: true,
          cycle: { select: { id: true, name: true, year: true } },
          locus: {
            select: {
              name: true,
              serviceType: true,
              institutionId: true,
              institution: {
                select: {
                  name: true,
                  verifierAssignments: { select: { cycleId: true, verifierId: true } },
                  validatorAssignments: { select: { cycleId: true, validatorId: true } },
                },
              },
            },
          },
        },
      },
    },
  });
  if (!row) return null;
  const target = policyTargetOf(row.assessment);
  if (!can(actor, "recommendations.view", target)) return null;
  const today = calendarDate(now);
  const mayReport = can(actor, "followUp.report", target);
  const nextAssessment = await db.assessment.findFirst({
    where: { AND: [{ locusId: row.assessment.locusId, cycle: { year: { gt: row.assessment.cycle.year } } }, assessmentScope(actor, "assessment.view")] },
    select: { id: true, cycle: { select: { name: true } }, ...policyTargetFields },
    orderBy: [{ cycle: { year: "asc" } }, { cycle: { createdAt: "asc" } }],
  });
  return {
    ...withProgress(row, today),
    createdBy: row.createdBy?.name ?? null,
    cycle: row.assessment.cycle,
    locusName: row.assessment.locus.name,
    serviceType: row.assessment.locus.serviceType,
    institutionName: row.assessment.locus.institution.name,
    canReport: mayReport && followUpEditProblem(row) === null,
    canReview: can(actor, "followUp.review", target),
    nextCycle:
      nextAssessment && can(actor, "assessment.view", policyTargetOf(nextAssessment))
        ? { assessmentId: nextAssessment.id, cycleName: nextAssessment.cycle.name }
        : null,
    followUps: row.followUps.map((a) => ({
      id: a.id,
      description: a.description,
      actionDate: isoDateOf(a.actionDate),
      status: a.status,
      review: a.review,
      reviewNote: a.reviewNote,
      reviewedAt: a.reviewedAt?.toISOString() ?? null,
      reviewedBy: a.reviewedBy?.name ?? null,
      createdBy: a.createdBy?.name ?? null,
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
      version: a.version,
      evidence: a.evidence.map(toView) as EvidenceItemView[],
      editable: mayReport && followUpEditProblem(row, a) === null,
    })),
  };
}

/**
 * The audit trail of one recommendation: its closing, its follow-up actions and their evidence
 * (removed items included), newest first, for those who may see the locus's history
 * ("assessment.history": its evaluator, its verifier in that cycle, admins), as their role may read
 * it (listEntityHistory); empty for others.
 */
export async function listFollowUpHistory(actor: Actor, recommendationId: string) {
  const row = await db.recommendation.findFirst({
    where: { id: recommendationId, assessment: assessmentScope(actor, "assessment.history") },
    select: { assessmentId: true, assessment: { select: policyTargetFields }, followUps: { select: { id: true, evidence: { select: { id: true } } } } },
  });
  if (!row || !can(actor, "assessment.history", policyTargetOf(row.assessment))) return [];
  const ids = [recommendationId, ...row.followUps.flatMap((f) => [f.id, ...f.evidence.map((e) => e.id)])];
  return listEntityHistory(actor, row.assessmentId, ids, 200);
}

export type RecommendationDetail = NonNullable<Awaited<ReturnType<typeof loadRecommendationDetail>>>;
export type FollowUpView = RecommendationDetail["followUps"][number];
