import "server-only";
import type { Actor } from "@/lib/auth/policies";
import type { Prisma } from "@/lib/generated/prisma/client";
import { QUEUE_TODO_STATUSES, type TQueueFilter } from "@/lib/schemas/verification";
import { db } from "../db/client";
import { scoredIndicatorWhere } from "../db/scored-indicator";
import { assessmentScope } from "../assessment/queries";
import { preCheckCountSelect } from "../pre-check/flags";

const PAGE_SIZE = 50;

/**
 * The verifier's queue in a cycle: its assigned loci, filtered, oldest submission first, one page
 * at a time, with the count per status over the same filters (except the status filter itself).
 */
export async function loadVerifierQueue(actor: Actor, cycleId: string, filter: TQueueFilter) {
  const scope = assessmentScope(actor, "verification.queue", cycleId);
  const locus: Prisma.LocusWhereInput = {
    ...(filter.service ? { serviceType: filter.service } : {}),
    ...(filter.type || filter.province
      ? { institution: { ...(filter.type ? { type: filter.type } : {}), ...(filter.province ? { provinceId: filter.province } : {}) } }
      : {}),
    ...(filter.q
      ? { OR: [{ name: { contains: filter.q, mode: "insensitive" } }, { institution: { name: { contains: filter.q, mode: "insensitive" } } }] }
      : {}),
  };
  const withoutStatus: Prisma.AssessmentWhereInput = { AND: [scope, { locus }] };
  // TODO: submitted or in review (the queue's default view); ALL or none: every status.
  const status = filter.status === "TODO" ? { in: [...QUEUE_TODO_STATUSES] } : filter.status && filter.status !== "ALL" ? filter.status : undefined;
  const where: Prisma.AssessmentWhereInput = status ? { AND: [withoutStatus, { status }] } : withoutStatus;
  // The pre-check flags shown per row, counted in the same query (rules switched off left out).
  const preCheckFlags = await preCheckCountSelect(cycleId);
  const [rows, byStatus] = await Promise.all([
    db.assessment.findMany({
      where,
      select: {
        id: true,
        status: true,
        submittedAt: true,
        round: true,
        preCheckRun: { select: { round: true } },
        locus: { select: { name: true, serviceType: true, institution: { select: { name: true, type: true, province: { select: { name: true } } } } } },
        _count: { select: { verifiedAnswers: { where: { level: { not: null }, indicator: scoredIndicatorWhere } }, preCheckFlags } },
      },
      orderBy: [{ submittedAt: { sort: "asc", nulls: "last" } }, { id: "asc" }],
      skip: (filter.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
    }),
    db.assessment.groupBy({ by: ["status"], where: withoutStatus, _count: { _all: true } }),
  ]);
  const countsByStatus = Object.fromEntries(byStatus.map((g) => [g.status, g._count._all])) as Record<string, number>;
  // The filtered total is one of the status counts (or all of them): no separate count query.
  const all = byStatus.reduce((sum, g) => sum + g._count._all, 0);
  const todo = QUEUE_TODO_STATUSES.reduce((sum, s) => sum + (countsByStatus[s] ?? 0), 0);
  const total = filter.status === "TODO" ? todo : !filter.status || filter.status === "ALL" ? all : (countsByStatus[filter.status] ?? 0);
  return { rows, total, page: filter.page, pageSize: PAGE_SIZE, countsByStatus, todo, all };
}

/** Provinces of the verifier's assigned institutions in the cycle, for the filter. */
export function queueProvinces(actor: Actor, cycleId: string) {
  return db.province.findMany({
    where: { institutions: { some: { verifierAssignments: { some: { verifierId: actor.id, cycleId } } } } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}
