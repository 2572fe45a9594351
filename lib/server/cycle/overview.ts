import "server-only";
import type { Actor } from "@/lib/auth/policies";
import { statusMatrix, verifierWorkload, type StatusMatrix, type WorkloadRow } from "@/lib/domain/cycle";
import type { InstitutionType } from "@/lib/domain/registry";
import type { AssessmentStatus } from "@/lib/domain/workflow";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TCycleLociQuery } from "@/lib/schemas/cycles";
import { db } from "../db/client";
import { cycleInScope } from "./scope";

/**
 * The admin's picture of a running cycle: loci per status per institution type, overdue loci,
 * each verifier's load, and a searchable list of the cycle's loci.
 */

export async function cycleStatusMatrix(actor: Actor, cycleId: string): Promise<StatusMatrix | null> {
  if (!(await cycleInScope(actor, "cycles.view", cycleId))) return null;
  // Kept by triggers (CycleStatusCount, issue 17): at most 40 rows, whatever the cycle's size.
  const rows = await db.$queryRaw<{ type: InstitutionType; status: AssessmentStatus; count: number }[]>`
    SELECT "institutionType" AS type, status, count FROM "CycleStatusCount" WHERE "cycleId" = ${cycleId}::uuid AND count > 0`;
  return statusMatrix(rows);
}

export interface WorkloadView extends WorkloadRow {
  name: string;
  email: string;
}

/** Every verifier assigned in the cycle: institutions, loci per status, open work first. */
export async function cycleVerifierWorkload(actor: Actor, cycleId: string): Promise<WorkloadView[]> {
  if (!(await cycleInScope(actor, "cycles.view", cycleId))) return [];
  // Loci per institution and status are kept by triggers (InstitutionStatusCount, issue 17), and
  // summed per verifier and status here: a row per verifier and status reaches the portal, not
  // one per assignment and status (thousands at Mandiri scale, ~200 ms of row conversion).
  const rows = await db.$queryRaw<{ verifierId: string; name: string; email: string; institutions: number; status: AssessmentStatus | null; count: number }[]>`
    WITH assigned AS (
      SELECT "verifierId", count(DISTINCT "institutionId")::int AS institutions FROM "VerifierAssignment" WHERE "cycleId" = ${cycleId}::uuid GROUP BY "verifierId"
    ), per_status AS (
      SELECT va."verifierId", s.status, sum(s.count)::int AS count
      FROM "VerifierAssignment" va
      JOIN "InstitutionStatusCount" s ON s."cycleId" = va."cycleId" AND s."institutionId" = va."institutionId" AND s.count > 0
      WHERE va."cycleId" = ${cycleId}::uuid
      GROUP BY va."verifierId", s.status
    )
    SELECT a."verifierId", u.name, u.email, a.institutions, p.status, coalesce(p.count, 0)::int AS count
    FROM assigned a JOIN "User" u ON u.id = a."verifierId" LEFT JOIN per_status p ON p."verifierId" = a."verifierId"`;
  const users = new Map(rows.map((r) => [r.verifierId, r]));
  return verifierWorkload(rows).map((w) => ({ ...w, name: users.get(w.verifierId)?.name ?? "", email: users.get(w.verifierId)?.email ?? "" }));
}

/**
 * The SQL form of lib/domain/cycle's `isOverdue`, for filtering and counting in the database:
 * still with the unit (draft or returned), the self-assessment stage over, no reopening running.
 * tests/integration/cycles.test.ts checks that both agree on every locus.
 */
const overdueCondition = (now: Date) => Prisma.sql`
  a.status IN ('DRAFT', 'RETURNED')
  AND EXISTS (SELECT 1 FROM "CycleStage" s WHERE s."cycleId" = a."cycleId" AND s.kind = 'SELF_ASSESSMENT' AND s."endsAt" < ${now})
  AND NOT (a."reopenedUntil" IS NOT NULL AND a."reopenedUntil" >= ${now}
           AND EXISTS (SELECT 1 FROM "CycleStage" s WHERE s."cycleId" = a."cycleId" AND s.kind = 'SELF_ASSESSMENT' AND s."startsAt" <= ${now}))`;

export const CYCLE_LOCI_PAGE_SIZE = 50;

/** The statuses overdueCondition accepts: a locus still with its unit. */
const OVERDUE_STATUSES: readonly AssessmentStatus[] = ["DRAFT", "RETURNED"];

export interface CycleLocusRow {
  id: string;
  status: AssessmentStatus;
  locusName: string;
  serviceType: string;
  institutionName: string;
  institutionType: InstitutionType;
  submittedAt: Date | null;
  reopenedUntil: Date | null;
  overdue: boolean;
}

/** The cycle's loci, filtered (name, status, overdue) and paged, institutions in name order. */
export async function listCycleLoci(actor: Actor, cycleId: string, query: TCycleLociQuery, now = new Date()) {
  if (!(await cycleInScope(actor, "cycles.view", cycleId))) return { rows: [] as CycleLocusRow[], total: 0, overdueTotal: 0, page: 1, pages: 1 };
  // Nothing is overdue before the cycle's self-assessment stage has ended (overdueCondition): one
  // lookup of the stage instead of testing every locus of the cycle (issue 17).
  const selfAssessmentOver = await db.cycleStage.count({ where: { cycleId, kind: "SELF_ASSESSMENT", endsAt: { lt: now } } });
  if (query.overdue && selfAssessmentOver === 0) return { rows: [] as CycleLocusRow[], total: 0, overdueTotal: 0, page: 1, pages: 1 };
  const filters = [Prisma.sql`a."cycleId" = ${cycleId}::uuid`];
  if (query.q) filters.push(Prisma.sql`(i.name ILIKE ${`%${query.q}%`} OR l.name ILIKE ${`%${query.q}%`})`);
  if (query.status) filters.push(Prisma.sql`a.status = ${query.status}::"AssessmentStatus"`);
  if (query.overdue) filters.push(overdueCondition(now));
  const where = Prisma.join(filters, " AND ");
  const from = Prisma.sql`FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"`;
  // Only drafts and returned loci can be overdue, and none before the stage is over. Without a
  // search the count needs no locus row (issue 17): the kept count of the cycle's drafts and
  // returned loci (CycleStatusCount) less those of them whose reopening still runs, found through
  // the partial index of reopened loci. With a search, the matching loci are counted.
  const overdueStatuses = query.status ? [query.status] : [...OVERDUE_STATUSES];
  const overdueTotal =
    selfAssessmentOver === 0 || (query.status && !OVERDUE_STATUSES.includes(query.status))
      ? 0
      : query.q
        ? ((
            await db.$queryRaw<{ n: number }[]>`
              SELECT count(*)::int AS n ${from} WHERE ${where} AND a.status IN ('DRAFT', 'RETURNED') AND ${overdueCondition(now)}`
          )[0]?.n ?? 0)
        : ((
            await db.$queryRaw<{ n: number }[]>`
              SELECT ((SELECT coalesce(sum(count), 0) FROM "CycleStatusCount"
                        WHERE "cycleId" = ${cycleId}::uuid AND status::text = ANY(${overdueStatuses}))
                    - (SELECT count(*) FROM "Assessment" a
                        WHERE a."cycleId" = ${cycleId}::uuid AND a."reopenedUntil" IS NOT NULL AND a.status::text = ANY(${overdueStatuses})
                          AND NOT (${overdueCondition(now)})))::int AS n`
          )[0]?.n ?? 0);
  const total = query.overdue
    ? overdueTotal
    : query.q
      ? ((await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n ${from} WHERE ${where}`)[0]?.n ?? 0)
      : ((await db.cycleStatusCount.aggregate({ where: { cycleId, ...(query.status ? { status: query.status } : {}) }, _sum: { count: true } }))._sum.count ??
        0);
  const pages = Math.max(1, Math.ceil(total / CYCLE_LOCI_PAGE_SIZE));
  const page = Math.min(query.page ?? 1, pages);
  if (total === 0) return { rows: [] as CycleLocusRow[], total, overdueTotal, page, pages };
  const rows = await db.$queryRaw<CycleLocusRow[]>`
    SELECT a.id, a.status, l.name AS "locusName", l."serviceType", i.name AS "institutionName", i.type AS "institutionType",
           a."submittedAt", a."reopenedUntil", (${overdueCondition(now)}) AS overdue
    ${from} WHERE ${where}
    ORDER BY i.name, l."serviceType", l.name
    LIMIT ${CYCLE_LOCI_PAGE_SIZE} OFFSET ${(page - 1) * CYCLE_LOCI_PAGE_SIZE}`;
  return { rows, total, overdueTotal, page, pages };
}
