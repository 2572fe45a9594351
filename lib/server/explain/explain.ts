import "server-only";
import { type Actor, can } from "@/lib/auth/policies";
import {
  type ExplainedAspect,
  type ExplainedIndicator,
  type ExplainedInstitution,
  type ExplainedLocus,
  exactText,
  explainInstitution,
  explainLocus,
} from "@/lib/domain/explain";
import { classify, type Grade } from "@/lib/domain/grades";
import { Rational } from "@/lib/domain/rational";
import { type ScoringSettings, scoringSettingsOf } from "@/lib/domain/scoring";
import { isVerifiedStatus } from "@/lib/domain/workflow/state-machine";
import { maySeeVerifierWork } from "@/lib/domain/workflow/visibility";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assessmentScope, findAssessment, policyTargetOf } from "../assessment/queries";
import { db } from "../db/client";
import { pgPool } from "../db/pg-pool";
import { serialRead } from "../db/serial-read";
import { sqlAssessmentScope } from "../db/sql-scope";
import { loadInstrument } from "../instrument/load";
import { loadInstitutionStanding } from "../results/head-dashboard";

/**
 * Explain my score (issue 18, docs/domain.md §5.13). Which levels a locus is explained from: the
 * verifier's (the official score) where the reader may read the verifier's work (§5.9, the rule of
 * the export and the history), else the unit's own (its self-score).
 */
export type ExplainBasis = "VERIFIED" | "SELF";

export interface EvidenceLine {
  id: string;
  kind: string;
  title: string;
  url: string | null;
}

/** An indicator with what a signed-in reader also sees: the self level, the verifier's note and the evidence. */
export type ExplainIndicatorView = ExplainedIndicator & { selfLevel: number | null; note: string | null; evidence: EvidenceLine[] };
export type ExplainAspectView = Omit<ExplainedAspect, "indicators"> & { indicators: ExplainIndicatorView[] };

export interface ExplainLocusView extends Omit<ExplainedLocus, "aspects"> {
  id: string;
  name: string;
  status: string;
  basis: ExplainBasis;
  aspects: ExplainAspectView[];
}

export interface ExplainView {
  cycle: { id: string; name: string };
  institution: { id: string; name: string };
  /** False on the public page: no self levels, verifier's notes or evidence (docs/domain.md §5.13). */
  full: boolean;
  /** The loci explained in full: every one, or (the head's institution) the one picked among `choices`. */
  loci: ExplainLocusView[];
  /** The head's institution: every locus, to pick the one explained; the institution index is their mean. */
  choices?: ExplainLocusChoice[];
  institutionIndex: ExplainedInstitution["index"];
}

const cycleFields = { id: true, name: true, instrumentVersionId: true, f02SharePercent: true, minSurveyRespondents: true } as const;

/** What the public may read of a locus: its verified levels (no notes) and its F-03 responses. */
const publicLocusFields = {
  id: true,
  status: true,
  locus: { select: { name: true } },
  verifiedAnswers: { select: { level: true, indicator: { select: { code: true } } } },
  surveyResponses: { select: { ratings: true } },
} satisfies Prisma.AssessmentSelect;

/** What a signed-in reader of the locus also reads: the self levels, the verifier's notes and the evidence. */
const fullLocusFields = {
  ...publicLocusFields,
  selfAnswers: { select: { level: true, indicator: { select: { code: true } } } },
  verifiedAnswers: { select: { level: true, note: true, indicator: { select: { code: true } } } },
  evidence: {
    where: { removedAt: null, indicatorId: { not: null } },
    select: { id: true, kind: true, title: true, originalName: true, url: true, indicator: { select: { code: true } } },
    orderBy: { createdAt: "asc" },
  },
} satisfies Prisma.AssessmentSelect;

interface LocusRow {
  id: string;
  status: string;
  locus: { name: string };
  selfAnswers?: { level: number | null; indicator: { code: string } }[];
  verifiedAnswers: { level: number | null; note?: string; indicator: { code: string } }[];
  evidence?: { id: string; kind: string; title: string; originalName: string | null; url: string | null; indicator: { code: string } | null }[];
  surveyResponses: { ratings: number[] }[];
}

type Instrument = Awaited<ReturnType<typeof loadInstrument>>;

function levelsOf(answers: readonly { level: number | null; indicator: { code: string } }[]) {
  const levels: Record<string, number> = {};
  for (const answer of answers) if (answer.level !== null) levels[answer.indicator.code] = answer.level;
  return levels;
}

function locusView(row: LocusRow, basis: ExplainBasis, instrument: Instrument, settings: ScoringSettings): ExplainLocusView {
  const self = levelsOf(row.selfAnswers ?? []);
  const levels = basis === "VERIFIED" ? levelsOf(row.verifiedAnswers) : self;
  const itemCount = instrument.surveyItems.length;
  // Responses stored with another item count (never written by the portal) would make the score throw; they are left out, as the what-if planner does.
  const responses = row.surveyResponses.map((r) => r.ratings).filter((ratings) => ratings.length === itemCount);
  const explained = explainLocus({ instrument, settings, levels, surveyResponses: responses });
  const notes = new Map(row.verifiedAnswers.map((a) => [a.indicator.code, a.note ?? ""]));
  const evidence = new Map<string, EvidenceLine[]>();
  for (const item of row.evidence ?? []) {
    if (!item.indicator) continue;
    const list = evidence.get(item.indicator.code) ?? [];
    list.push({ id: item.id, kind: item.kind, title: item.title || item.originalName || item.url || "", url: item.url });
    evidence.set(item.indicator.code, list);
  }
  const full = row.selfAnswers !== undefined;
  return {
    ...explained,
    id: row.id,
    name: row.locus.name,
    status: row.status,
    basis,
    aspects: explained.aspects.map((aspect) => ({
      ...aspect,
      indicators: aspect.indicators.map((indicator) => ({
        ...indicator,
        selfLevel: full ? (self[indicator.code] ?? null) : null,
        note: full && basis === "VERIFIED" ? notes.get(indicator.code) || null : null,
        evidence: evidence.get(indicator.code) ?? [],
      })),
    })),
  };
}

async function viewOf(
  cycle: { id: string; name: string; instrumentVersionId: string; f02SharePercent: number; minSurveyRespondents: number },
  institution: { id: string; name: string },
  rows: readonly LocusRow[],
  basisOf: (row: LocusRow) => ExplainBasis,
  full: boolean,
): Promise<ExplainView> {
  const instrument = await loadInstrument(cycle.instrumentVersionId);
  const settings = scoringSettingsOf(cycle);
  const loci = rows.map((row) => locusView(row, basisOf(row), instrument, settings));
  // Like the stored result (docs/domain.md §5.6): an institution index only once every locus is verified.
  const complete = rows.every((row) => isVerifiedStatus(row.status));
  return { cycle: { id: cycle.id, name: cycle.name }, institution, full, loci, institutionIndex: complete ? explainInstitution(loci, settings).index : null };
}

/** One locus explained, for whoever may read it (explain.view); null (not found) for anyone else. */
export async function loadLocusExplanation(actor: Actor, assessmentId: string): Promise<ExplainView | null> {
  const assessment = await findAssessment(actor, assessmentId);
  if (!assessment || !can(actor, "explain.view", policyTargetOf(assessment))) return null;
  const row = await db.assessment.findFirst({
    where: { AND: [{ id: assessmentId }, assessmentScope(actor, "explain.view", assessment.cycleId)] },
    select: { ...fullLocusFields, cycle: { select: cycleFields }, locus: { select: { name: true, institution: { select: { id: true, name: true } } } } },
  });
  if (!row) return null;
  const basis = (r: LocusRow): ExplainBasis => (maySeeVerifierWork(actor.role, r.status) ? "VERIFIED" : "SELF");
  const view = await viewOf(row.cycle, row.locus.institution, [row], basis, true);
  // One locus is not the institution: its index is the locus's own.
  return { ...view, institutionIndex: null };
}

/** A locus of the institution as the picker lists it: its stored verified index (the dashboard's), exact, once it has one. */
export interface ExplainLocusChoice {
  id: string;
  name: string;
  status: string;
  /** exactText of the stored index (as `ExplainedIndex.value`), its published form and grade; null before it is verified. */
  index: { value: string; published: string; grade: Grade } | null;
}

/**
 * The head's institution explained one locus at a time (issue 17: the whole tree of every locus
 * per request cost seconds at scale): every locus it has in a cycle (the named one, else its
 * latest cycle under way or finalised) with its stored index, the institution index as their mean
 * (§5.6), and one locus (`locusId`, else the first) taken apart in full. The stored locus indices
 * are the dashboard's and equal a fresh computation (tested); the locus shown is computed from its
 * levels. Null without such a cycle or for anyone but the institution's readers.
 */
export async function loadInstitutionExplanation(actor: Actor, cycleId?: string, locusId?: string): Promise<ExplainView | null> {
  if (!actor.institutionId || !can(actor, "explain.view", { institutionId: actor.institutionId })) return null;
  const institutionId = actor.institutionId;
  const scope = sqlAssessmentScope(actor, "explain.view", 3);
  const found = await pgPool.query<{
    id: string;
    name: string;
    instrumentVersionId: string;
    f02SharePercent: number;
    minSurveyRespondents: number;
    institutionName: string;
  }>(
    `SELECT c.id, c.name, c."instrumentVersionId", c."f02SharePercent", c."minSurveyRespondents", i.name AS "institutionName"
     FROM "Cycle" c JOIN "Institution" i ON i.id = $1
     WHERE ${cycleId ? `c.id = $${3 + scope.params.length}` : `c.status IN ('ACTIVE', 'FINALISED', 'ARCHIVED')`}
       AND EXISTS (SELECT 1 FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a."cycleId" = c.id AND l."institutionId" = $2 AND ${scope.sql})
     ORDER BY c.year DESC, c."createdAt" DESC LIMIT 1`,
    [institutionId, institutionId, ...scope.params, ...(cycleId ? [cycleId] : [])],
  );
  const cycle = found.rows[0];
  if (!cycle) return null;
  const choices = await lociWithStoredIndex(actor, institutionId, cycle.id);
  const shown = choices.find((c) => c.id === locusId) ?? choices[0];
  const rows = shown ? await institutionLoci([shown.id]) : [];
  const basis = (r: LocusRow): ExplainBasis => (maySeeVerifierWork(actor.role, r.status) ? "VERIFIED" : "SELF");
  const view = await viewOf(cycle, { id: institutionId, name: cycle.institutionName }, rows, basis, true);
  // Like the stored result (§5.6): an institution index only once every locus is verified (and so has its stored index).
  const indices = choices.map((c) => c.index);
  const complete = choices.length > 0 && choices.every((c) => isVerifiedStatus(c.status)) && indices.every((i) => i !== null);
  const institutionIndex = complete
    ? explainInstitution(
        indices.map((index) => ({ index: index! })),
        scoringSettingsOf(cycle),
      ).index
    : null;
  return { ...view, choices, institutionIndex };
}

/** The institution's loci in the cycle (in the scope of explain.view) with their stored verified index: one statement. */
async function lociWithStoredIndex(actor: Actor, institutionId: string, cycleId: string): Promise<ExplainLocusChoice[]> {
  const scope = sqlAssessmentScope(actor, "explain.view", 3);
  const loci = await pgPool.query<{ id: string; status: string; name: string; n: string | null; d: string | null }>(
    `SELECT a.id, a.status::text AS status, l.name, r."indexNumerator"::text AS n, r."indexDenominator"::text AS d
     FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId"
     LEFT JOIN "LocusResult" r ON r."assessmentId" = a.id AND r.kind = 'VERIFIED'
     WHERE a."cycleId" = $1 AND l."institutionId" = $2 AND ${scope.sql} ORDER BY l."serviceType", l.name`,
    [cycleId, institutionId, ...scope.params],
  );
  return loci.rows.map((row) => {
    const stored = isVerifiedStatus(row.status) && row.n && row.d ? Rational.of(BigInt(row.n), BigInt(row.d)) : null;
    const classification = stored ? classify(stored) : null;
    return {
      id: row.id,
      name: row.name,
      status: row.status,
      index: stored && classification ? { value: exactText(stored, 2), published: classification.published, grade: classification.grade } : null,
    };
  });
}

/**
 * The named loci with what a signed-in reader sees (`fullLocusFields`), in plain statements
 * instead of the nested read. The caller has read the ids in the scope of explain.view.
 */
async function institutionLoci(assessmentIds: readonly string[]): Promise<LocusRow[]> {
  const loci = await pgPool.query<{ id: string; status: string; name: string }>(
    `SELECT a.id, a.status::text AS status, l.name FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a.id = ANY($1::uuid[]) ORDER BY l."serviceType", l.name`,
    [assessmentIds],
  );
  const ids = loci.rows.map((r) => r.id);
  const [answers, responses, evidence] = await Promise.all([
    serialRead<{ kind: "S" | "V"; assessmentId: string; code: string; level: number | null; note: string }>(
      `SELECT 'S' AS kind, s."assessmentId", i.code, s.level, '' AS note FROM "SelfAnswer" s JOIN "InstrumentIndicator" i ON i.id = s."indicatorId" WHERE s."assessmentId" = ANY($1::uuid[])
       UNION ALL
       SELECT 'V', v."assessmentId", i.code, v.level, v.note FROM "VerifiedAnswer" v JOIN "InstrumentIndicator" i ON i.id = v."indicatorId" WHERE v."assessmentId" = ANY($1::uuid[])`,
      [ids],
    ),
    pgPool.query<{ assessmentId: string; ratings: number[] }>(`SELECT "assessmentId", ratings FROM "SurveyResponse" WHERE "assessmentId" = ANY($1::uuid[])`, [
      ids,
    ]),
    pgPool.query<{ assessmentId: string; id: string; kind: string; title: string; originalName: string | null; url: string | null; code: string }>(
      `SELECT e."assessmentId", e.id, e.kind::text AS kind, e.title, e."originalName", e.url, i.code FROM "EvidenceItem" e JOIN "InstrumentIndicator" i ON i.id = e."indicatorId"
       WHERE e."assessmentId" = ANY($1::uuid[]) AND e."removedAt" IS NULL ORDER BY e."createdAt"`,
      [ids],
    ),
  ]);
  const rows = new Map(
    loci.rows.map((r) => [
      r.id,
      {
        id: r.id,
        status: r.status,
        locus: { name: r.name },
        selfAnswers: [] as NonNullable<LocusRow["selfAnswers"]>,
        verifiedAnswers: [] as LocusRow["verifiedAnswers"],
        evidence: [] as NonNullable<LocusRow["evidence"]>,
        surveyResponses: [] as LocusRow["surveyResponses"],
      },
    ]),
  );
  for (const a of answers.rows) {
    const row = rows.get(a.assessmentId)!;
    if (a.kind === "S") row.selfAnswers.push({ level: a.level, indicator: { code: a.code } });
    else row.verifiedAnswers.push({ level: a.level, note: a.note, indicator: { code: a.code } });
  }
  for (const r of responses.rows) rows.get(r.assessmentId)!.surveyResponses.push({ ratings: r.ratings });
  for (const e of evidence.rows)
    rows.get(e.assessmentId)!.evidence.push({ id: e.id, kind: e.kind, title: e.title, originalName: e.originalName, url: e.url, indicator: { code: e.code } });
  return [...rows.values()];
}

/**
 * The public explanation of an institution's result in a PUBLISHED cycle: the verified levels,
 * weights, rubric texts and F-03 of its loci, nothing else (no self levels, verifier's notes or
 * evidence: docs/domain.md §5.13). Without a cycle: the latest published one. Null unless the cycle
 * is published and the institution has a public result in it, exactly as the public institution page.
 */
export async function loadPublicExplanation(institutionId: string, cycleId?: string): Promise<ExplainView | null> {
  const { publishedCycle, standing } = await loadInstitutionStanding(institutionId, cycleId);
  if (!publishedCycle || !standing || (cycleId && publishedCycle.id !== cycleId)) return null;
  const cycle = await db.cycle.findUnique({ where: { id: publishedCycle.id }, select: cycleFields });
  const institution = await db.institution.findUnique({ where: { id: institutionId }, select: { id: true, name: true } });
  if (!cycle || !institution) return null;
  const rows = await db.assessment.findMany({
    where: { cycleId: publishedCycle.id, locus: { institutionId }, status: "FINAL" },
    select: publicLocusFields,
    orderBy: [{ locus: { serviceType: "asc" } }, { locus: { name: "asc" } }],
  });
  return viewOf(cycle, institution, rows, () => "VERIFIED", false);
}
