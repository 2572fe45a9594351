import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CurrentUser } from "../auth/current-user";
import { db } from "../db";

/**
 * The assessments a user may see in a cycle, as a `where` clause: the scope is part of every
 * query, so a record outside it is simply not found.
 */
export function assessmentScope(user: CurrentUser, cycleId: string): Prisma.AssessmentWhereInput {
  switch (user.role) {
    case "ADMIN":
      return { cycleId };
    case "EVALUATOR":
    case "HEAD":
      return user.institutionId ? { cycleId, locus: { institutionId: user.institutionId } } : { id: { in: [] } };
    case "VERIFIER":
      return { cycleId, locus: { institution: { verifierAssignments: { some: { cycleId, verifierId: user.id } } } } };
    default:
      return { id: { in: [] } };
  }
}

const progressCounts = {
  _count: {
    select: {
      // Only scored indicators count towards "answered out of 30" (the weight-0 item is optional).
      selfAnswers: { where: { level: { not: null }, indicator: { weight: { gt: 0 } } } },
      evidence: { where: { removedAt: null } },
    },
  },
} satisfies Prisma.AssessmentInclude;

export function listLociForEvaluator(user: CurrentUser, cycleId: string) {
  return db.assessment.findMany({
    where: user.role === "EVALUATOR" ? assessmentScope(user, cycleId) : { id: { in: [] } },
    include: { locus: { select: { name: true, serviceType: true } }, ...progressCounts },
    orderBy: [{ locus: { serviceType: "asc" } }, { locus: { name: "asc" } }],
  });
}

export function listLociForVerifier(user: CurrentUser, cycleId: string, take = 200) {
  return db.assessment.findMany({
    where: user.role === "VERIFIER" ? assessmentScope(user, cycleId) : { id: { in: [] } },
    include: {
      locus: { select: { name: true, serviceType: true, institution: { select: { name: true, type: true } } } },
      ...progressCounts,
    },
    orderBy: [{ submittedAt: { sort: "asc", nulls: "last" } }, { locus: { name: "asc" } }],
    take,
  });
}

/** The number of scored indicators of a cycle's instrument (30 for code A). */
export async function countScoredIndicators(cycleId: string) {
  return db.instrumentIndicator.count({
    where: { weight: { gt: 0 }, instrumentVersion: { cycles: { some: { id: cycleId } } } },
  });
}
