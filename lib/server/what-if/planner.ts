import "server-only";
import { type Actor, can } from "@/lib/auth/policies";
import { type ScoringInstrument, scoringInstrumentOf } from "@/lib/domain/instrument/types";
import { f03Score, type ScoringSettings, scoringSettingsOf } from "@/lib/domain/scoring";
import { type F03Wire, f03ToWire } from "@/lib/domain/what-if";
import { maySeeVerifierWork } from "@/lib/domain/workflow/visibility";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assessmentScope, findAssessment, policyTargetOf } from "../assessment/queries";
import { db } from "../db/client";
import { pgPool } from "../db/pg-pool";
import { serialRead } from "../db/serial-read";
import { sqlAssessmentScope } from "../db/sql-scope";
import { loadInstrument } from "../instrument/load";

/** Which levels a locus's projection starts from: the verifier's where the viewer may read them, else the unit's own. */
export type WhatIfBasis = "VERIFIED" | "SELF" | "MIXED";

export interface WhatIfLocusView {
  id: string;
  name: string;
  status: string;
  basis: WhatIfBasis;
  /** Current level per indicator code (unanswered ones are absent: they score 0). */
  levels: Record<string, number>;
  f03: F03Wire;
}

/** What the what-if planner needs, all of one cycle: its instrument and settings, and the loci. */
export interface WhatIfView {
  cycle: { id: string; name: string };
  /** Only what scoring reads: the planner runs in the browser, and the rubric texts need not travel there. */
  instrument: ScoringInstrument;
  settings: ScoringSettings;
  loci: WhatIfLocusView[];
}

const locusFields = {
  id: true,
  status: true,
  locus: { select: { name: true, serviceType: true } },
  selfAnswers: { select: { level: true, indicator: { select: { code: true } } } },
  verifiedAnswers: { select: { level: true, indicator: { select: { code: true } } } },
  surveyResponses: { select: { ratings: true } },
} satisfies Prisma.AssessmentSelect;

type LocusRow = Prisma.AssessmentGetPayload<{ select: typeof locusFields }>;

/**
 * A locus's starting point: per indicator the verified level where the viewer may read the
 * verifier's work (docs/domain.md §5.9; maySeeVerifierWork, the rule of the export and the
 * history), else the self level; and its F-03 result.
 */
function locusView(actor: Actor, row: LocusRow, itemCount: number): WhatIfLocusView {
  const levels: Record<string, number> = {};
  for (const answer of row.selfAnswers) if (answer.level !== null) levels[answer.indicator.code] = answer.level;
  let verified = 0;
  if (maySeeVerifierWork(actor.role, row.status)) {
    for (const answer of row.verifiedAnswers) {
      if (answer.level === null) continue;
      levels[answer.indicator.code] = answer.level;
      verified += 1;
    }
  }
  const basis: WhatIfBasis = verified === 0 ? "SELF" : verified >= Object.keys(levels).length ? "VERIFIED" : "MIXED";
  // Responses stored with another item count (never written by the portal) would make the score throw; they are left out.
  const responses = row.surveyResponses.map((r) => r.ratings).filter((ratings) => ratings.length === itemCount);
  return {
    id: row.id,
    name: row.locus.name,
    status: row.status,
    basis,
    levels,
    f03: f03ToWire(f03Score(responses, { itemCount })),
  };
}

type CycleFields = { id: string; name: string; instrumentVersionId: string; f02SharePercent: number; minSurveyRespondents: number };

async function viewOf(actor: Actor, cycle: CycleFields, rows: LocusRow[]): Promise<WhatIfView> {
  const instrument = await loadInstrument(cycle.instrumentVersionId);
  return {
    cycle: { id: cycle.id, name: cycle.name },
    instrument: scoringInstrumentOf(instrument),
    settings: scoringSettingsOf(cycle),
    loci: rows.map((row) => locusView(actor, row, instrument.surveyItems.length)),
  };
}

/** The planner of one locus, for whoever may plan for it (whatIf.view); null (not found) for anyone else. */
export async function loadAssessmentWhatIf(actor: Actor, assessmentId: string): Promise<WhatIfView | null> {
  const assessment = await findAssessment(actor, assessmentId);
  if (!assessment || !can(actor, "whatIf.view", policyTargetOf(assessment))) return null;
  const row = await db.assessment.findFirst({
    where: { AND: [{ id: assessmentId }, assessmentScope(actor, "whatIf.view", assessment.cycleId)] },
    select: locusFields,
  });
  return row ? viewOf(actor, assessment.cycle, [row]) : null;
}

/**
 * The planner of a head's institution: every locus it has in the named cycle, else in its latest
 * cycle under way or finalised, so that the institution index (the mean of its loci, docs/domain.md §5.6) can be
 * projected too. Null without such a cycle or for anyone but the institution's readers.
 */
export async function loadInstitutionWhatIf(actor: Actor, cycleId?: string): Promise<WhatIfView | null> {
  if (!actor.institutionId || !can(actor, "whatIf.view", { institutionId: actor.institutionId })) return null;
  const scope = sqlAssessmentScope(actor, "whatIf.view", 2);
  const found = await pgPool.query<CycleFields>(
    `SELECT c.id, c.name, c."instrumentVersionId", c."f02SharePercent", c."minSurveyRespondents" FROM "Cycle" c
     -- The cycle the dashboard shows (issue 16: one cycle per view), else the latest under way or finalised.
     WHERE ${cycleId ? `c.id = $${2 + scope.params.length}` : `c.status IN ('ACTIVE', 'FINALISED', 'ARCHIVED')`}
       AND EXISTS (SELECT 1 FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a."cycleId" = c.id AND l."institutionId" = $1 AND ${scope.sql})
     -- The ministry's cycle first when the institution also runs its own that year (issue 16): the same view as the dashboard's.
     ORDER BY c.year DESC, c."ownerInstitutionId" ASC NULLS FIRST, c."createdAt" DESC LIMIT 1`,
    [actor.institutionId, ...scope.params, ...(cycleId ? [cycleId] : [])],
  );
  const cycle = found.rows[0];
  if (!cycle) return null;
  return viewOf(actor, cycle, await institutionLoci(actor, actor.institutionId, cycle.id));
}

/**
 * The institution's loci in the cycle with their levels and F-03 ratings, in the shape of
 * `locusFields`: three plain statements instead of the nested read, as every head's dashboard
 * carries the planner (issue 17). The scope of whatIf.view is part of the query.
 */
async function institutionLoci(actor: Actor, institutionId: string, cycleId: string): Promise<LocusRow[]> {
  const scope = sqlAssessmentScope(actor, "whatIf.view", 3);
  const loci = await pgPool.query<{ id: string; status: LocusRow["status"]; name: string; serviceType: LocusRow["locus"]["serviceType"] }>(
    `SELECT a.id, a.status, l.name, l."serviceType" FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId"
     WHERE a."cycleId" = $1 AND l."institutionId" = $2 AND ${scope.sql} ORDER BY l."serviceType", l.name`,
    [cycleId, institutionId, ...scope.params],
  );
  const ids = loci.rows.map((r) => r.id);
  const [answers, responses] = await Promise.all([
    serialRead<{ kind: "S" | "V"; assessmentId: string; code: string; level: number | null }>(
      `SELECT 'S' AS kind, s."assessmentId", i.code, s.level FROM "SelfAnswer" s JOIN "InstrumentIndicator" i ON i.id = s."indicatorId" WHERE s."assessmentId" = ANY($1::uuid[])
       UNION ALL
       SELECT 'V', v."assessmentId", i.code, v.level FROM "VerifiedAnswer" v JOIN "InstrumentIndicator" i ON i.id = v."indicatorId" WHERE v."assessmentId" = ANY($1::uuid[])`,
      [ids],
    ),
    pgPool.query<{ assessmentId: string; ratings: number[] }>(`SELECT "assessmentId", ratings FROM "SurveyResponse" WHERE "assessmentId" = ANY($1::uuid[])`, [
      ids,
    ]),
  ]);
  const rows = new Map<string, LocusRow>(
    loci.rows.map((r) => [
      r.id,
      { id: r.id, status: r.status, locus: { name: r.name, serviceType: r.serviceType }, selfAnswers: [], verifiedAnswers: [], surveyResponses: [] },
    ]),
  );
  for (const answer of answers.rows) {
    const row = rows.get(answer.assessmentId)!;
    (answer.kind === "S" ? row.selfAnswers : row.verifiedAnswers).push({ level: answer.level, indicator: { code: answer.code } });
  }
  for (const response of responses.rows) rows.get(response.assessmentId)!.surveyResponses.push({ ratings: response.ratings });
  return [...rows.values()];
}
