import { STAGE_KINDS, type CycleStageDates, type StageKind } from "../workflow/stage-window";
import { endOfDayWib, shiftYearsWib, startOfDayWib } from "./dates";

export { STAGE_KINDS, type CycleStageDates, type StageKind };

type Edge = "startsAt" | "endsAt";

/**
 * The order of a cycle (docs/domain.md §3): self-assessment, with the user survey beside it, then
 * verification, finalisation, publication and follow-up. Stages may overlap where practice has
 * them overlap (verification starts while units still submit), but never so that a stage needs
 * something that comes after it. Each rule reads "`later`'s edge is not before `earlier`'s edge".
 */
export const STAGE_ORDER_RULES: readonly { later: StageKind; laterEdge: Edge; earlier: StageKind; earlierEdge: Edge }[] = [
  // Respondents rate a unit that is being evaluated: the survey opens with or after the self-assessment.
  { later: "SURVEY", laterEdge: "startsAt", earlier: "SELF_ASSESSMENT", earlierEdge: "startsAt" },
  // Nothing can be verified before units can submit, and the last submission must still be verifiable.
  { later: "VERIFICATION", laterEdge: "startsAt", earlier: "SELF_ASSESSMENT", earlierEdge: "startsAt" },
  { later: "VERIFICATION", laterEdge: "endsAt", earlier: "SELF_ASSESSMENT", earlierEdge: "endsAt" },
  // Appeals (sanggah) contest verified levels: the window opens with or after verification and
  // outlasts it, so the last locus verified can still be contested, and closes before results are fixed.
  { later: "APPEAL", laterEdge: "startsAt", earlier: "VERIFICATION", earlierEdge: "startsAt" },
  { later: "APPEAL", laterEdge: "endsAt", earlier: "VERIFICATION", earlierEdge: "endsAt" },
  { later: "FINALISATION", laterEdge: "startsAt", earlier: "APPEAL", earlierEdge: "endsAt" },
  // Results are fixed once every input is closed: verified levels and F-03 responses.
  { later: "FINALISATION", laterEdge: "startsAt", earlier: "VERIFICATION", earlierEdge: "endsAt" },
  { later: "FINALISATION", laterEdge: "startsAt", earlier: "SURVEY", earlierEdge: "endsAt" },
  // Only fixed results are published (a ministerial decree first), and followed up after.
  { later: "PUBLICATION", laterEdge: "startsAt", earlier: "FINALISATION", earlierEdge: "endsAt" },
  { later: "FOLLOW_UP", laterEdge: "startsAt", earlier: "PUBLICATION", earlierEdge: "startsAt" },
];

export type StageProblem =
  | { code: "MISSING"; kind: StageKind }
  | { code: "DUPLICATE"; kind: StageKind }
  | { code: "END_NOT_AFTER_START"; kind: StageKind }
  | { code: "OUT_OF_ORDER"; kind: StageKind; edge: Edge; other: StageKind; otherEdge: Edge };

export type StageValidation = { ok: true; stages: CycleStageDates[] } | { ok: false; problems: StageProblem[] };

/**
 * Checks a cycle's stage dates: each of the seven stages exactly once, each ending after it starts,
 * and the order rules above. Every problem is reported, not only the first, so an admin fixes the
 * whole schedule in one round. On success the stages come back in their canonical order.
 */
export function validateStageDates(stages: readonly CycleStageDates[]): StageValidation {
  const problems: StageProblem[] = [];
  const byKind = new Map<StageKind, CycleStageDates>();
  for (const stage of stages) {
    if (byKind.has(stage.kind)) problems.push({ code: "DUPLICATE", kind: stage.kind });
    else byKind.set(stage.kind, stage);
  }
  for (const kind of STAGE_KINDS) {
    const stage = byKind.get(kind);
    if (!stage) problems.push({ code: "MISSING", kind });
    else if (!(stage.endsAt.getTime() > stage.startsAt.getTime())) problems.push({ code: "END_NOT_AFTER_START", kind });
  }
  for (const rule of STAGE_ORDER_RULES) {
    const later = byKind.get(rule.later);
    const earlier = byKind.get(rule.earlier);
    if (!later || !earlier) continue;
    if (later[rule.laterEdge].getTime() < earlier[rule.earlierEdge].getTime()) {
      problems.push({ code: "OUT_OF_ORDER", kind: rule.later, edge: rule.laterEdge, other: rule.earlier, otherEdge: rule.earlierEdge });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, stages: STAGE_KINDS.map((kind) => byKind.get(kind)!) };
}

/** A cycle's stages `years` later, each at the same WIB wall-clock moment (copying a cycle's set-up). */
export function shiftStagesByYears(stages: readonly CycleStageDates[], years: number): CycleStageDates[] {
  return stages.map((stage) => ({ kind: stage.kind, startsAt: shiftYearsWib(stage.startsAt, years), endsAt: shiftYearsWib(stage.endsAt, years) }));
}

/**
 * The usual calendar of a PEKPPP year (published practice 2023–2025): self-assessment May–July,
 * survey May to mid-August, verification August to mid-October, appeals (sanggah) for the rest of
 * October, finalisation from November to the year's end,
 * publication in the second half of March and follow-up from April of the next year. A new cycle
 * starts from it; the demo seed uses it for the past cycles.
 */
export function standardStageDates(year: number): CycleStageDates[] {
  const day = (y: number, month: number, d: number) => `${y}-${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  const stage = (kind: StageKind, from: string, to: string): CycleStageDates => ({ kind, startsAt: startOfDayWib(from), endsAt: endOfDayWib(to) });
  return [
    stage("SELF_ASSESSMENT", day(year, 5, 1), day(year, 7, 31)),
    stage("SURVEY", day(year, 5, 1), day(year, 8, 15)),
    stage("VERIFICATION", day(year, 8, 1), day(year, 10, 15)),
    stage("APPEAL", day(year, 10, 16), day(year, 10, 31)),
    stage("FINALISATION", day(year, 11, 1), day(year, 12, 31)),
    stage("PUBLICATION", day(year + 1, 3, 15), day(year + 1, 3, 31)),
    stage("FOLLOW_UP", day(year + 1, 4, 1), day(year + 1, 12, 31)),
  ];
}
