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

const SEVERITY_ORDER: Record<string, number> = { high: 0, medium: 1, low: 2 };

/**
 * The stored flags of one locus, for a reader whose scope is `scope` (the caller's policy as a
 * `where`: a locus outside it has no flags to show), without the rules switched off in its cycle.
 */
export async function loadPreCheckFlags(scope: Prisma.AssessmentWhereInput, assessmentId: string): Promise<PreCheckFlagView[]> {
  const assessment = await db.assessment.findFirst({ where: { AND: [scope, { id: assessmentId }] }, select: { cycleId: true } });
  if (!assessment) return [];
  const disabled = await disabledPreCheckRules(assessment.cycleId);
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

/** The `_count` selection of an assessment's shown flags (the verifier queue counts them per row, in its one query). */
export async function preCheckCountSelect(cycleId: string) {
  const disabled = await disabledPreCheckRules(cycleId);
  return { where: { ruleId: { notIn: [...disabled] } } } satisfies Prisma.Assessment$preCheckFlagsArgs;
}
