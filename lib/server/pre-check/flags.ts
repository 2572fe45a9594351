import "server-only";
import type { PreCheckSeverity } from "@/lib/domain/pre-check";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db/client";
import { disabledPreCheckRules } from "./settings";

export interface PreCheckFlagView {
  id: string;
  ruleId: string;
  severity: PreCheckSeverity;
  indicatorCode: string | null;
  params: Record<string, string | number>;
}

/** The statuses whose pre-check a verifier needs now; a locus past them keeps what it has. */
const AWAITING_REVIEW = new Set(["SUBMITTED", "IN_REVIEW"]);

const SEVERITY_ORDER: Record<string, number> = { high: 0, medium: 1, low: 2 };

/**
 * The stored flags of one locus, for a reader whose scope is `scope` (the caller's policy as a
 * `where`: a locus outside it has no flags to show), without the rules switched off in its cycle.
 */
export async function loadPreCheckFlags(scope: Prisma.AssessmentWhereInput, assessmentId: string): Promise<PreCheckFlagView[]> {
  return (await loadPreCheck(scope, assessmentId))?.flags ?? [];
}

/**
 * The locus's flags (as `loadPreCheckFlags`) and whether they belong to its current submission:
 * `current` is false for a locus awaiting review whose pre-check has not run for its round. Null: not
 * in the reader's scope.
 */
export async function loadPreCheck(scope: Prisma.AssessmentWhereInput, assessmentId: string) {
  const assessment = await db.assessment.findFirst({
    where: { AND: [scope, { id: assessmentId }] },
    select: { cycleId: true, round: true, status: true, preCheckRun: { select: { round: true } } },
  });
  if (!assessment) return null;
  const current = !AWAITING_REVIEW.has(assessment.status) || assessment.preCheckRun?.round === assessment.round;
  return { current, flags: await flagsOf(assessmentId, assessment.cycleId) };
}

async function flagsOf(assessmentId: string, cycleId: string): Promise<PreCheckFlagView[]> {
  const disabled = await disabledPreCheckRules(cycleId);
  const rows = await db.preCheckFlag.findMany({
    where: { assessmentId, ruleId: { notIn: [...disabled] } },
    select: {
      id: true,
      ruleId: true,
      severity: true,
      params: true,
      indicator: { select: { code: true, position: true, aspect: { select: { position: true } } } },
    },
  });
  return rows
    .map((r) => ({
      id: r.id,
      ruleId: r.ruleId,
      severity: r.severity as PreCheckSeverity,
      indicatorCode: r.indicator?.code ?? null,
      params: (r.params ?? {}) as Record<string, string | number>,
      order: [r.indicator?.aspect.position ?? -1, r.indicator?.position ?? -1, SEVERITY_ORDER[r.severity] ?? 3] as const,
    }))
    .sort(
      (a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.order[2] - b.order[2] || a.ruleId.localeCompare(b.ruleId) || a.id.localeCompare(b.id),
    )
    .map(({ order: _order, ...flag }) => flag);
}

/**
 * The flags of each locus of one queue page (rules switched off in the cycle left out). Counted for
 * the page's rows alone: a relation `_count` with a filter aggregates the whole table first (issue 17).
 */
export async function countPreCheckFlags(cycleId: string, assessmentIds: string[]): Promise<Map<string, number>> {
  if (assessmentIds.length === 0) return new Map();
  const disabled = await disabledPreCheckRules(cycleId);
  const rows = await db.preCheckFlag.groupBy({
    by: ["assessmentId"],
    where: { assessmentId: { in: assessmentIds }, ruleId: { notIn: [...disabled] } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.assessmentId, r._count._all]));
}
