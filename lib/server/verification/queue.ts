import "server-only";
import { ruleFor, type Actor } from "@/lib/auth/policies";
import type { AssessmentStatus } from "@/lib/domain/workflow";
import type { Prisma } from "@/lib/generated/prisma/client";
import { QUEUE_TODO_STATUSES, type TQueueFilter } from "@/lib/schemas/verification";
import { db } from "../db/client";
import { scoredIndicatorWhere } from "../db/scored-indicator";
import { assessmentScope } from "../assessment/queries";
import { countPreCheckFlags } from "../pre-check/flags";

const PAGE_SIZE = 50;

/**
 * The verifier's queue in a cycle: its assigned loci, filtered, oldest submission first, one page
 * at a time, with the count per status over the same filters (except the status filter itself).
 */
export async function loadVerifierQueue(actor: Actor, cycleId: string, filter: TQueueFilter) {
  const scope = await queueScope(actor, cycleId);
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
      },
      orderBy: [{ submittedAt: { sort: "asc", nulls: "last" } }, { id: "asc" }],
      skip: (filter.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
    }),
    unfiltered(filter) && ruleFor(actor, "verification.queue") === "assigned"
      ? keptCounts(actor, cycleId)
      : db.assessment
          .groupBy({ by: ["status"], where: withoutStatus, _count: { _all: true } })
          .then((groups) => groups.map((g) => ({ status: g.status, count: g._count._all }))),
  ]);
  // Verified levels and pre-check flags (rules switched off left out) of this page's rows only.
  const [verified, flags] = await Promise.all([
    verifiedCounts(rows.map((r) => r.id)),
    countPreCheckFlags(
      cycleId,
      rows.map((r) => r.id),
    ),
  ]);
  const countsByStatus = Object.fromEntries(byStatus.map((g) => [g.status, g.count])) as Record<string, number>;
  // The filtered total is one of the status counts (or all of them): no separate count query.
  const all = byStatus.reduce((sum, g) => sum + g.count, 0);
  const todo = QUEUE_TODO_STATUSES.reduce((sum, s) => sum + (countsByStatus[s] ?? 0), 0);
  const total = filter.status === "TODO" ? todo : !filter.status || filter.status === "ALL" ? all : (countsByStatus[filter.status] ?? 0);
  return {
    rows: rows.map((row) => ({ ...row, _count: { verifiedAnswers: verified.get(row.id) ?? 0, preCheckFlags: flags.get(row.id) ?? 0 } })),
    total,
    page: filter.page,
    pageSize: PAGE_SIZE,
    countsByStatus,
    todo,
    all,
  };
}

/**
 * Verified levels given per assessment of one page, scored indicators only (scoredIndicatorWhere:
 * weight above 0). Counted for the page's rows alone: Prisma's relation `_count` with a filter
 * aggregates the whole VerifiedAnswer table before joining (seconds at Mandiri scale, issue 17).
 */
async function verifiedCounts(assessmentIds: string[]): Promise<Map<string, number>> {
  if (assessmentIds.length === 0) return new Map();
  const rows = await db.verifiedAnswer.groupBy({
    by: ["assessmentId"],
    where: { assessmentId: { in: assessmentIds }, level: { not: null }, indicator: scoredIndicatorWhere },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.assessmentId, r._count._all]));
}

/**
 * assessmentScope's "assigned" with the verifier's institutions in the cycle read first (a few
 * dozen ids): the page's query then reaches the loci through their institution's index. The
 * nested relation filter let PostgreSQL read every locus of the registry per request (issue 17).
 */
async function queueScope(actor: Actor, cycleId: string): Promise<Prisma.AssessmentWhereInput> {
  if (ruleFor(actor, "verification.queue") !== "assigned") return assessmentScope(actor, "verification.queue", cycleId);
  const assigned = await db.verifierAssignment.findMany({ where: { verifierId: actor.id, cycleId }, select: { institutionId: true } });
  return { cycleId, locus: { institutionId: { in: assigned.map((a) => a.institutionId) } } };
}

const unfiltered = (filter: TQueueFilter) => !filter.service && !filter.type && !filter.province && !filter.q;

/**
 * The queue's counts per status without a filter, from the loci per institution and status kept by
 * triggers (InstitutionStatusCount, issue 17): one row per assigned institution and status instead
 * of every assigned locus. The scope is the same as assessmentScope's "assigned": the verifier's
 * assignments in the cycle.
 */
function keptCounts(actor: Actor, cycleId: string) {
  return db.$queryRaw<{ status: AssessmentStatus; count: number }[]>`
    SELECT s.status, sum(s.count)::int AS count
    FROM "VerifierAssignment" va
    JOIN "InstitutionStatusCount" s ON s."cycleId" = va."cycleId" AND s."institutionId" = va."institutionId"
    WHERE va."verifierId" = ${actor.id}::uuid AND va."cycleId" = ${cycleId}::uuid AND s.count > 0
    GROUP BY s.status`;
}

/** Provinces of the verifier's assigned institutions in the cycle, for the filter. */
export function queueProvinces(actor: Actor, cycleId: string) {
  return db.province.findMany({
    where: { institutions: { some: { verifierAssignments: { some: { verifierId: actor.id, cycleId } } } } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}
