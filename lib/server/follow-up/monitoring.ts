import "server-only";
import { ruleFor, type Actor } from "@/lib/auth/policies";
import {
  calendarDate,
  completionPercent,
  countCompletion,
  groupCompletion,
  type CompletionCount,
  type FollowUpReview,
  type FollowUpStatus,
  type RecommendationFacts,
  type RecommendationStatus,
} from "@/lib/domain/follow-up";
import { db } from "../db/client";
import { sqlAssessmentScope } from "../db/sql-scope";

interface FactRow {
  status: RecommendationStatus;
  targetDate: string | null;
  institutionId: string;
  institutionName: string;
  provinceId: string | null;
  provinceName: string | null;
  aspectCode: string;
  aspectName: string;
  aspectPosition: number;
  statuses: FollowUpStatus[];
  reviews: FollowUpReview[];
}

/** A group's counts with its rate, ready to show. */
export interface CompletionGroup extends CompletionCount {
  key: string;
  label: string;
  /** Percent with one decimal, rounded half up with integers; null without recommendations. */
  percent: string | null;
}

function toGroup(key: string, label: string, count: CompletionCount): CompletionGroup {
  return { key, label, ...count, percent: completionPercent(count) };
}

/** Lowest completion first (those needing attention), compared exactly (cross-multiplied), then by name. */
const byRate = (a: CompletionGroup, b: CompletionGroup) => a.completed * b.total - b.completed * a.total || a.label.localeCompare(b.label, "id");

/**
 * One row per recommendation of the cycle in the actor's scope ("followUp.monitor": admins all,
 * heads their own institution), with the aspect it belongs to (its own, or its indicator's) and
 * the status and review of each follow-up action. One statement; the counting is the pure module's.
 */
async function loadFacts(actor: Actor, cycleId: string): Promise<FactRow[]> {
  const scope = sqlAssessmentScope(actor, "followUp.monitor", 2);
  return db.$queryRawUnsafe<FactRow[]>(
    `SELECT r.status::text AS status, to_char(r."targetDate", 'YYYY-MM-DD') AS "targetDate",
            i.id::text AS "institutionId", i.name AS "institutionName", p.id::text AS "provinceId", p.name AS "provinceName",
            asp.code AS "aspectCode", asp.name AS "aspectName", asp.position AS "aspectPosition",
            COALESCE(array_agg(f.status::text ORDER BY f.id) FILTER (WHERE f.id IS NOT NULL), '{}') AS statuses,
            COALESCE(array_agg(f.review::text ORDER BY f.id) FILTER (WHERE f.id IS NOT NULL), '{}') AS reviews
       FROM "Recommendation" r
       JOIN "Assessment" a ON a.id = r."assessmentId"
       JOIN "Locus" l ON l.id = a."locusId"
       JOIN "Institution" i ON i.id = l."institutionId"
       LEFT JOIN "Province" p ON p.id = i."provinceId"
       LEFT JOIN "InstrumentIndicator" ind ON ind.id = r."indicatorId"
       JOIN "InstrumentAspect" asp ON asp.id = COALESCE(r."aspectId", ind."aspectId")
       LEFT JOIN "FollowUpAction" f ON f."recommendationId" = r.id
      WHERE a."cycleId" = $1::uuid AND ${scope.sql}
      GROUP BY r.id, i.id, p.id, asp.id`,
    cycleId,
    ...scope.params,
  );
}

const factsOf = (row: FactRow): RecommendationFacts => ({
  status: row.status,
  targetDate: row.targetDate,
  followUps: row.statuses.map((status, i) => ({ status, review: row.reviews[i]! })),
});

/**
 * Completion of follow-up in a cycle, overall and per institution, per province (agencies and
 * state enterprises, which have none, form one national group) and per aspect. Null for a role
 * without the monitoring policy.
 */
export async function loadFollowUpMonitoring(actor: Actor, cycleId: string, now = new Date()) {
  if (!ruleFor(actor, "followUp.monitor")) return null;
  const today = calendarDate(now);
  const rows = (await loadFacts(actor, cycleId)).map((row) => ({ ...row, ...factsOf(row) }));
  const labels = new Map<string, string>();
  for (const row of rows) {
    labels.set(`i:${row.institutionId}`, row.institutionName);
    labels.set(`p:${row.provinceId ?? ""}`, row.provinceName ?? "");
    labels.set(`a:${row.aspectCode}`, `${row.aspectCode}. ${row.aspectName}`);
  }
  const grouped = (prefix: string, keyOf: (row: (typeof rows)[number]) => string) =>
    [...groupCompletion(rows, (row) => `${prefix}:${keyOf(row)}`, today)].map(([key, count]) => toGroup(key.slice(2), labels.get(key) ?? "", count));
  const position = new Map(rows.map((row) => [row.aspectCode, row.aspectPosition]));
  return {
    today,
    overall: toGroup("all", "", countCompletion(rows, today)),
    institutions: grouped("i", (row) => row.institutionId).sort(byRate),
    provinces: grouped("p", (row) => row.provinceId ?? "").sort(byRate),
    aspects: grouped("a", (row) => row.aspectCode).sort((a, b) => (position.get(a.key) ?? 0) - (position.get(b.key) ?? 0)),
  };
}
