import "server-only";
import { can, ruleFor, type Actor, type PolicyKey } from "@/lib/auth/policies";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db/client";
import { scoredIndicatorWhere } from "../db/scored-indicator";

const NOTHING: Prisma.AssessmentWhereInput = { id: { in: [] } };

/**
 * The assessments an actor may reach under a policy, as a `where` clause derived from the policy
 * table: the scope is part of every query, so a record outside it is simply not found.
 * With a cycle, "assigned" is exact; without one, it narrows to institutions ever assigned to the
 * verifier, and callers of single records confirm the cycle with `can` (findAssessment does).
 */
export function assessmentScope(actor: Actor, key: PolicyKey, cycleId?: string): Prisma.AssessmentWhereInput {
  const inCycle = cycleId ? { cycleId } : {};
  switch (ruleFor(actor, key)) {
    case "any":
    case "public":
      return inCycle;
    case "own":
      return actor.institutionId ? { ...inCycle, locus: { institutionId: actor.institutionId } } : NOTHING;
    case "assigned":
      return {
        ...inCycle,
        locus: { institution: { verifierAssignments: { some: { verifierId: actor.id, ...(cycleId ? { cycleId } : {}) } } } },
      };
    case "assignedOrValidating":
      // The first tier's loci, or one awaiting this validator (docs/domain.md §3.10), read-only.
      return {
        ...inCycle,
        OR: [
          { locus: { institution: { verifierAssignments: { some: { verifierId: actor.id, ...(cycleId ? { cycleId } : {}) } } } } },
          {
            status: "AWAITING_VALIDATION",
            locus: { institution: { validatorAssignments: { some: { validatorId: actor.id, ...(cycleId ? { cycleId } : {}) } } } },
          },
        ],
      };
    default:
      return NOTHING;
  }
}

/**
 * What a policy decision about one assessment needs: its institution, its verifiers in its cycle,
 * and its validators there, who count (for the read-only rules) only when the row also carries
 * its status and that is AWAITING_VALIDATION: a row selected without its status fails closed.
 */
export const policyTargetFields = {
  cycleId: true,
  locus: {
    select: {
      institutionId: true,
      institution: {
        select: {
          verifierAssignments: { select: { cycleId: true, verifierId: true } },
          validatorAssignments: { select: { cycleId: true, validatorId: true } },
        },
      },
    },
  },
} satisfies Prisma.AssessmentSelect;

export function policyTargetOf(row: Prisma.AssessmentGetPayload<{ select: typeof policyTargetFields }> & { status?: string }) {
  return {
    institutionId: row.locus.institutionId,
    verifierIds: row.locus.institution.verifierAssignments.filter((a) => a.cycleId === row.cycleId).map((a) => a.verifierId),
    validatorIds:
      row.status === "AWAITING_VALIDATION" ? row.locus.institution.validatorAssignments.filter((a) => a.cycleId === row.cycleId).map((a) => a.validatorId) : [],
  };
}

/**
 * The evaluator's loci with their progress. The counts are read for these loci only: Prisma's
 * relation `_count` with a filter aggregates the whole SelfAnswer and EvidenceItem tables before
 * joining (issue 17: seconds at Mandiri scale).
 */
export async function listLociForEvaluator(actor: Actor, cycleId: string) {
  const rows = await db.assessment.findMany({
    where: assessmentScope(actor, "loci.list", cycleId),
    include: { locus: { select: { name: true, serviceType: true } } },
    orderBy: [{ locus: { serviceType: "asc" } }, { locus: { name: "asc" } }],
  });
  const ids = rows.map((r) => r.id);
  const [answered, evidence] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          // Only scored indicators count towards "answered out of 30" (the weight-0 item is optional).
          db.selfAnswer.groupBy({
            by: ["assessmentId"],
            where: { assessmentId: { in: ids }, level: { not: null }, indicator: scoredIndicatorWhere },
            _count: { _all: true },
          }),
          db.evidenceItem.groupBy({ by: ["assessmentId"], where: { assessmentId: { in: ids }, removedAt: null }, _count: { _all: true } }),
        ]);
  const answeredOf = new Map(answered.map((g) => [g.assessmentId, g._count._all]));
  const evidenceOf = new Map(evidence.map((g) => [g.assessmentId, g._count._all]));
  return rows.map((row) => ({ ...row, _count: { selfAnswers: answeredOf.get(row.id) ?? 0, evidence: evidenceOf.get(row.id) ?? 0 } }));
}

/**
 * One assessment, if the actor may see it; otherwise null, exactly as for an id that does not
 * exist. Also says whether the actor may see its history.
 */
export async function findAssessment(actor: Actor, assessmentId: string) {
  const assessment = await db.assessment.findFirst({
    where: { AND: [{ id: assessmentId }, assessmentScope(actor, "assessment.view")] },
    include: {
      cycle: {
        select: {
          id: true,
          name: true,
          stages: true,
          instrumentVersionId: true,
          f02SharePercent: true,
          minSurveyRespondents: true,
          evidenceRequiredAboveZero: true,
        },
      },
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
  });
  if (!assessment) return null;
  const target = policyTargetOf(assessment);
  if (!can(actor, "assessment.view", target)) return null;
  return { ...assessment, canSeeHistory: can(actor, "assessment.history", target) };
}

/** The number of scored indicators of a cycle's instrument (30 for code A). */
export async function countScoredIndicators(cycleId: string) {
  return db.instrumentIndicator.count({
    where: { ...scoredIndicatorWhere, instrumentVersion: { cycles: { some: { id: cycleId } } } },
  });
}
