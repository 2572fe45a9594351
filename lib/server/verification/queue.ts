import "server-only";
import { ruleFor, type Actor } from "@/lib/auth/policies";
import type { ServiceType } from "@/lib/domain/registry/fields";
import type { AssessmentStatus } from "@/lib/domain/workflow";
import { QUEUE_TODO_STATUSES, type TQueueFilter } from "@/lib/schemas/verification";
import { pgPool } from "../db/pg-pool";

const PAGE_SIZE = 50;

export interface QueueRow {
  id: string;
  status: AssessmentStatus;
  submittedAt: Date | null;
  locusName: string;
  serviceType: ServiceType;
  institutionName: string;
  provinceName: string | null;
  /** Verified levels given, scored indicators only (weight above 0: scoredIndicatorWhere). */
  verifiedAnswers: number;
  /** Stored pre-check flags, rules switched off in the cycle left out. */
  preCheckFlags: number;
  /** Whether the pre-check ran for the locus's current submission round. */
  preCheckCurrent: boolean;
}

export interface VerifierQueue {
  rows: QueueRow[];
  total: number;
  page: number;
  pageSize: number;
  countsByStatus: Record<string, number>;
  todo: number;
  all: number;
  /** The scored indicators of the cycle's instrument: "n of total" verified. */
  scoredIndicators: number;
  /** Provinces of the verifier's assigned institutions in the cycle, for the filter. */
  provinces: { id: string; name: string }[];
}

interface QueueStatement {
  rows: (Omit<QueueRow, "submittedAt"> & { submittedAt: string | null })[] | null;
  counts: { status: AssessmentStatus; count: number }[] | null;
  scored: number;
  provinces: { id: string; name: string }[] | null;
}

/**
 * The verifier's queue in a cycle: its assigned loci, filtered, oldest submission first, one page
 * at a time, with the count per status over the same filters (except the status filter itself),
 * the cycle's scored indicators and the provinces to filter by. One statement (issue 17: the page
 * made ten Prisma queries a request); the scope is in it: the loci of the institutions the
 * verifier is assigned in the cycle (assessmentScope's "assigned"), nothing for any other rule.
 */
export async function loadVerifierQueue(actor: Actor, cycleId: string, filter: TQueueFilter): Promise<VerifierQueue> {
  const empty: VerifierQueue = {
    rows: [],
    total: 0,
    page: filter.page,
    pageSize: PAGE_SIZE,
    countsByStatus: {},
    todo: 0,
    all: 0,
    scoredIndicators: 0,
    provinces: [],
  };
  if (ruleFor(actor, "verification.queue") !== "assigned") return empty;
  const values: unknown[] = [actor.id, cycleId];
  const param = (value: unknown) => `$${values.push(value)}`;
  const conditions: string[] = [];
  if (filter.service) conditions.push(`l."serviceType" = ${param(filter.service)}::"ServiceType"`);
  if (filter.type) conditions.push(`i.type = ${param(filter.type)}::"InstitutionType"`);
  if (filter.province) conditions.push(`i."provinceId" = ${param(filter.province)}::uuid`);
  if (filter.q) {
    const pattern = param(`%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    conditions.push(`(l.name ILIKE ${pattern} OR i.name ILIKE ${pattern})`);
  }
  // TODO: submitted or in review (the queue's default view); ALL or none: every status.
  const statuses = filter.status === "TODO" ? [...QUEUE_TODO_STATUSES] : filter.status && filter.status !== "ALL" ? [filter.status] : null;
  const statusCondition = statuses ? `a.status = ANY(${param(statuses)}::"AssessmentStatus"[])` : "TRUE";
  const filtered = conditions.length > 0 ? conditions.join(" AND ") : "TRUE";
  // The verifier's institutions in the cycle read first (an array, one index lookup), then their
  // loci through the locus index per institution: a join or semi-join on the assignments let
  // PostgreSQL read every locus of the registry per request (issue 17, EXPLAIN in bench:results).
  const scoped = `FROM "Locus" l JOIN "Assessment" a ON a."locusId" = l.id AND a."cycleId" = $2 JOIN "Institution" i ON i.id = l."institutionId"
    LEFT JOIN "Province" p ON p.id = i."provinceId"
    WHERE l."institutionId" = ANY(ARRAY(SELECT va."institutionId" FROM "VerifierAssignment" va WHERE va."verifierId" = $1 AND va."cycleId" = $2))
      AND ${filtered}`;
  // Without a filter the counts per status are the ones kept by triggers per institution
  // (InstitutionStatusCount, issue 17): a row per assigned institution and status, not every locus.
  const counts =
    conditions.length === 0
      ? `SELECT s.status, sum(s.count)::int AS count FROM "VerifierAssignment" va
         JOIN "InstitutionStatusCount" s ON s."cycleId" = va."cycleId" AND s."institutionId" = va."institutionId"
         WHERE va."verifierId" = $1 AND va."cycleId" = $2 AND s.count > 0 GROUP BY s.status`
      : `SELECT a.status, count(*)::int AS count ${scoped} GROUP BY a.status`;
  const { rows } = await pgPool.query<QueueStatement>(
    `SELECT
       (SELECT json_agg(r ORDER BY r."submittedAt" ASC NULLS LAST, r.id) FROM (
          SELECT page.id, page.status, page."submittedAt", page."locusName", page."serviceType", page."institutionName", page."provinceName",
                 (SELECT count(*)::int FROM "VerifiedAnswer" v JOIN "InstrumentIndicator" ii ON ii.id = v."indicatorId"
                  WHERE v."assessmentId" = page.id AND v.level IS NOT NULL AND ii.weight > 0) AS "verifiedAnswers",
                 (SELECT count(*)::int FROM "PreCheckFlag" f WHERE f."assessmentId" = page.id
                    AND NOT EXISTS (SELECT 1 FROM "PreCheckRuleSetting" rs WHERE rs."cycleId" = $2 AND rs."ruleId" = f."ruleId" AND NOT rs.enabled)) AS "preCheckFlags",
                 coalesce((SELECT run.round = page.round FROM "PreCheckRun" run WHERE run."assessmentId" = page.id), false) AS "preCheckCurrent"
          FROM (SELECT a.id, a.status, a."submittedAt", a.round, l.name AS "locusName", l."serviceType", i.name AS "institutionName", p.name AS "provinceName"
                ${scoped}
                  AND ${statusCondition}
                ORDER BY a."submittedAt" ASC NULLS LAST, a.id
                LIMIT ${PAGE_SIZE} OFFSET ${param((filter.page - 1) * PAGE_SIZE)}) page
        ) r) AS rows,
       (SELECT json_agg(c) FROM (${counts}) c) AS counts,
       (SELECT count(*)::int FROM "Cycle" c JOIN "InstrumentIndicator" ii ON ii."instrumentVersionId" = c."instrumentVersionId" WHERE c.id = $2 AND ii.weight > 0) AS scored,
       (SELECT json_agg(json_build_object('id', p.id, 'name', p.name) ORDER BY p.name) FROM "Province" p
        WHERE p.id IN (SELECT i."provinceId" FROM "VerifierAssignment" va JOIN "Institution" i ON i.id = va."institutionId" WHERE va."verifierId" = $1 AND va."cycleId" = $2)) AS provinces`,
    values,
  );
  const found = rows[0]!;
  const byStatus = found.counts ?? [];
  const countsByStatus = Object.fromEntries(byStatus.map((g) => [g.status, g.count])) as Record<string, number>;
  // The filtered total is one of the status counts (or all of them): no separate count query.
  const all = byStatus.reduce((sum, g) => sum + g.count, 0);
  const todo = QUEUE_TODO_STATUSES.reduce((sum, s) => sum + (countsByStatus[s] ?? 0), 0);
  const total = filter.status === "TODO" ? todo : !filter.status || filter.status === "ALL" ? all : (countsByStatus[filter.status] ?? 0);
  return {
    rows: (found.rows ?? []).map((row) => ({ ...row, submittedAt: row.submittedAt ? new Date(row.submittedAt) : null })),
    total,
    page: filter.page,
    pageSize: PAGE_SIZE,
    countsByStatus,
    todo,
    all,
    scoredIndicators: found.scored,
    provinces: found.provinces ?? [],
  };
}
