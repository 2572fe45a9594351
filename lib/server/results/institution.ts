import "server-only";
import { can, type Actor, type PolicyKey } from "@/lib/auth/policies";
import { calendarDate, type IsoDate, isOverdue, progressOf, type RecommendationFacts } from "@/lib/domain/follow-up";
import { type CycleStatus, isPubliclyVisible } from "@/lib/domain/cycle";
import { classify, type Classification } from "@/lib/domain/grades";
import { aspectLoss, byLoss } from "@/lib/domain/results/aspect-loss";
import { mean, toDecimalString, type Rational } from "@/lib/domain/rational";
import { computeLocusResult, gap, institutionIndex, scoringSettingsOf, type LocusResult } from "@/lib/domain/scoring";
import { isVerifiedStatus } from "@/lib/domain/workflow";
import { pgPool } from "../db/pg-pool";
import { targetLabel, targetOf } from "../follow-up/views";
import { loadInstrument } from "../instrument/load";
import { sqlAssessmentScope } from "../db/sql-scope";

export interface AspectComparison {
  code: string;
  name: string;
  weight: number;
  /** Mean over the verified loci of the self-score and of the verified score of this aspect, published (2 decimals). */
  self: string;
  verified: string;
  gap: string;
  /** F-02 points this aspect loses against a perfect 5, published (docs/domain.md §5.11). */
  loss: string;
}

export interface InstitutionResultView {
  cycle: { id: string; name: string; year: number; status: string; f02SharePercent: number; minSurveyRespondents: number; publishedAt: string | null };
  /** Every locus of the institution in the cycle; `result` only once its levels are verified. */
  loci: { assessmentId: string; name: string; serviceType: string; status: string; result: LocusResult | null; selfResult: LocusResult }[];
  /** The institution index, once every locus is verified. */
  index: Classification | null;
  /** Self against verified per aspect, over the loci verified so far (empty before any is). */
  aspects: AspectComparison[];
}

type CycleRow = Omit<InstitutionResultView["cycle"], "publishedAt"> & { instrumentVersionId: string; publishedAt: Date | null };

interface LocusRow {
  id: string;
  status: string;
  name: string;
  serviceType: string;
}

/**
 * An institution's result in a cycle, computed by the scoring module from the verified levels and
 * the F-03 responses (only VERIFIED and FINAL loci have one), with the self-score beside it. The
 * scope of `policy` is part of the query: out of scope means no loci. Three plain statements: the
 * head's dashboard is opened by every head at once on results day.
 */
async function institutionResultInCycle(actor: Actor, policy: PolicyKey, institutionId: string, cycle: CycleRow): Promise<InstitutionResultView> {
  const scope = sqlAssessmentScope(actor, policy, 3);
  const [instrument, lociRows] = await Promise.all([
    loadInstrument(cycle.instrumentVersionId),
    pgPool.query<LocusRow>(
      `SELECT a.id, a.status::text AS status, l.name, l."serviceType"::text AS "serviceType"
       FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId"
       WHERE a."cycleId" = $1 AND l."institutionId" = $2 AND ${scope.sql}
       ORDER BY l."serviceType"`,
      [cycle.id, institutionId, ...scope.params],
    ),
  ]);
  const ids = lociRows.rows.map((r) => r.id);
  const [answers, responses] = await Promise.all([
    pgPool.query<{ kind: "S" | "V"; assessmentId: string; code: string; level: number }>(
      `SELECT 'S' AS kind, s."assessmentId", i.code, s.level FROM "SelfAnswer" s JOIN "InstrumentIndicator" i ON i.id = s."indicatorId"
       WHERE s."assessmentId" = ANY($1::uuid[]) AND s.level IS NOT NULL
       UNION ALL
       SELECT 'V', v."assessmentId", i.code, v.level FROM "VerifiedAnswer" v JOIN "InstrumentIndicator" i ON i.id = v."indicatorId"
       WHERE v."assessmentId" = ANY($1::uuid[]) AND v.level IS NOT NULL`,
      [ids],
    ),
    pgPool.query<{ assessmentId: string; ratings: number[] }>(`SELECT "assessmentId", ratings FROM "SurveyResponse" WHERE "assessmentId" = ANY($1::uuid[])`, [
      ids,
    ]),
  ]);
  const settings = scoringSettingsOf(cycle);
  const levels = (assessmentId: string, kind: "S" | "V") =>
    new Map(answers.rows.filter((a) => a.assessmentId === assessmentId && a.kind === kind).map((a) => [a.code, a.level] as const));
  const loci = lociRows.rows.map((row) => {
    const verified = isVerifiedStatus(row.status);
    const ratings = responses.rows.filter((r) => r.assessmentId === row.id).map((r) => r.ratings);
    return {
      assessmentId: row.id,
      name: row.name,
      serviceType: row.serviceType,
      status: row.status,
      result: verified ? computeLocusResult(instrument, levels(row.id, "V"), ratings, settings) : null,
      selfResult: computeLocusResult(instrument, levels(row.id, "S"), ratings, settings),
    };
  });
  const complete = loci.length > 0 && loci.every((l) => l.result);
  const index = complete
    ? institutionIndex(
        loci.map((l) => l.result!.index.index),
        settings,
      )
    : null;
  const verifiedLoci = loci.filter((l) => l.result);
  const aspects =
    verifiedLoci.length === 0
      ? []
      : // Largest loss of weighted points first (docs/domain.md §5.11): where the index has most to win.
        byLoss(
          instrument.aspects.map((aspect) => {
            const scoreOf = (result: LocusResult) => result.f02.aspects.find((a) => a.code === aspect.code)!.score;
            const self = mean(verifiedLoci.map((l) => scoreOf(l.selfResult)))!;
            const verified = mean(verifiedLoci.map((l) => scoreOf(l.result!)))!;
            return { aspect, self, verified, loss: aspectLoss(aspect.weight, verified) };
          }),
        ).map(({ aspect, self, verified, loss }) => ({
          code: aspect.code,
          name: aspect.name,
          weight: aspect.weight,
          self: classify(self).published,
          verified: classify(verified).published,
          gap: signedGap(self, verified),
          loss: toDecimalString(loss, 2),
        }));
  const { instrumentVersionId: _unused, publishedAt, ...cycleView } = cycle;
  return { cycle: { ...cycleView, publishedAt: publishedAt?.toISOString() ?? null }, loci, index: index ? classify(index) : null, aspects };
}

/** Verified minus self (the gap shown to heads, docs/domain.md §5), published with its sign: "+0.25", "-0.40". */
function signedGap(self: Rational, verified: Rational): string {
  const text = toDecimalString(gap(self, verified), 2);
  return text.startsWith("-") || text === "0.00" ? text : `+${text}`;
}

const CYCLE_COLUMNS = `c.id, c.name, c.year, c.status::text AS status, c."f02SharePercent", c."minSurveyRespondents", c."instrumentVersionId", c."publishedAt"`;

/** The cycles an institution has loci in, newest first (the national one first within a year). */
async function cyclesOf(institutionId: string, cycleId?: string): Promise<CycleRow[]> {
  const rows = await pgPool.query<CycleRow>(
    `SELECT ${CYCLE_COLUMNS} FROM "Cycle" c
     WHERE ($2::uuid IS NULL OR c.id = $2::uuid)
       AND EXISTS (SELECT 1 FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a."cycleId" = c.id AND l."institutionId" = $1)
     -- Several cycles may run at once (issue 16): the ministry's national cycle comes first, so the
     -- head's "current" and "latest final" views are the national ones; one cycle per view, never mixed.
     ORDER BY c.year DESC, (c."ownerInstitutionId" IS NOT NULL), (c."programmeCode" <> 'PEKPPP'), c."createdAt" DESC`,
    [institutionId, cycleId ?? null],
  );
  return rows.rows;
}

/** The running cycle (as far as verified) and the latest finalised one, for an institution in the policy's scope. */
async function loadInstitutionCycles(actor: Actor, policy: PolicyKey, institutionId: string) {
  if (!can(actor, policy, { institutionId })) return null;
  const cycles = await cyclesOf(institutionId);
  const current = cycles.find((c) => c.status === "ACTIVE");
  const finalised = cycles.find((c) => c.status === "FINALISED" || c.status === "ARCHIVED");
  const [currentView, finalisedView] = await Promise.all([
    current ? institutionResultInCycle(actor, policy, institutionId, current) : null,
    finalised ? institutionResultInCycle(actor, policy, institutionId, finalised) : null,
  ]);
  return { current: currentView, finalised: finalisedView };
}

/**
 * One cycle of an institution (the report card), or its latest finalised one when no cycle is
 * named; null when out of scope or unknown.
 */
export async function loadInstitutionCycle(actor: Actor, policy: PolicyKey, institutionId: string, cycleId?: string) {
  if (!can(actor, policy, { institutionId })) return null;
  const cycles = await cyclesOf(institutionId, cycleId);
  const cycle = cycleId ? cycles[0] : cycles.find((c) => c.status === "FINALISED" || c.status === "ARCHIVED");
  return cycle ? institutionResultInCycle(actor, policy, institutionId, cycle) : null;
}

/** The head's institution: the running cycle (as far as verified) and the latest finalised one. */
export async function loadHeadResults(actor: Actor) {
  if (actor.role !== "HEAD" || !actor.institutionId) return null;
  return loadInstitutionCycles(actor, "results.institution", actor.institutionId);
}

/**
 * The institution's stored index in the given cycles it took part in (one programme and owner:
 * `cycleLineage`), oldest first: final cycles, and the running one marked provisional. Stored
 * results equal a fresh computation (tested). One plain statement: every head's dashboard reads it.
 */
export async function loadInstitutionTrend(actor: Actor, policy: PolicyKey, institutionId: string, cycleIds: readonly string[]) {
  if (!can(actor, policy, { institutionId }) || cycleIds.length === 0) return [];
  const rows = await pgPool.query<{ id: string; name: string; year: number; status: CycleStatus; publishedAt: Date | null; published: string; grade: string }>(
    `SELECT c.id, c.name, c.year, c.status::text AS status, c."publishedAt", r."indexPublished"::text AS published, r.grade
     FROM "InstitutionResult" r JOIN "Cycle" c ON c.id = r."cycleId"
     WHERE r."institutionId" = $1 AND r.kind = 'VERIFIED' AND r."cycleId" = ANY($2::uuid[]) AND c.status IN ('ACTIVE', 'FINALISED', 'ARCHIVED')
     ORDER BY c.year ASC, c."createdAt" ASC`,
    [institutionId, [...cycleIds]],
  );
  return rows.rows.map((r) => ({
    cycleId: r.id,
    cycleName: r.name,
    year: r.year,
    published: r.published,
    grade: r.grade,
    provisional: r.status === "ACTIVE",
    publicResult: isPubliclyVisible(r),
  }));
}

interface RecommendationRow {
  id: string;
  text: string;
  status: RecommendationFacts["status"];
  targetDate: IsoDate | null;
  locusName: string;
  indicatorCode: string | null;
  indicatorName: string | null;
  indicatorAspectCode: string | null;
  aspectCode: string | null;
  aspectName: string | null;
  followUps: RecommendationFacts["followUps"];
}

/**
 * Recommendations given to the institution's loci in a cycle, with their follow-up progress and
 * whether they are overdue. One plain statement (the head's dashboard reads it on every request).
 */
export async function loadInstitutionRecommendations(actor: Actor, policy: PolicyKey, institutionId: string, cycleId: string) {
  if (!can(actor, policy, { institutionId })) return [];
  const today = calendarDate(new Date());
  const rows = await pgPool.query<RecommendationRow>(
    `SELECT r.id, r.text, r.status::text AS status, r."targetDate"::text AS "targetDate", l.name AS "locusName",
            ind.code AS "indicatorCode", ind.name AS "indicatorName", ia.code AS "indicatorAspectCode", asp.code AS "aspectCode", asp.name AS "aspectName",
            COALESCE((SELECT json_agg(json_build_object('status', f.status, 'review', f.review)) FROM "FollowUpAction" f WHERE f."recommendationId" = r.id), '[]') AS "followUps"
     FROM "Recommendation" r JOIN "Assessment" a ON a.id = r."assessmentId" JOIN "Locus" l ON l.id = a."locusId"
     LEFT JOIN "InstrumentIndicator" ind ON ind.id = r."indicatorId" LEFT JOIN "InstrumentAspect" ia ON ia.id = ind."aspectId"
     LEFT JOIN "InstrumentAspect" asp ON asp.id = r."aspectId"
     WHERE a."cycleId" = $1 AND l."institutionId" = $2
     ORDER BY l."serviceType" ASC, r."createdAt" ASC`,
    [cycleId, institutionId],
  );
  // The same rules as the follow-up monitoring (lib/domain/follow-up), so both pages agree on what is done and what is late.
  return rows.rows.map((r) => {
    const facts = { status: r.status, targetDate: r.targetDate, followUps: r.followUps };
    const target = targetOf({
      indicator: r.indicatorCode ? { code: r.indicatorCode, name: r.indicatorName ?? "", aspect: { code: r.indicatorAspectCode ?? "" } } : null,
      aspect: r.aspectCode ? { code: r.aspectCode, name: r.aspectName ?? "" } : null,
    });
    return {
      id: r.id,
      text: r.text,
      status: r.status,
      targetDate: r.targetDate,
      locusName: r.locusName,
      target: targetLabel(target),
      progress: progressOf(facts),
      overdue: isOverdue(facts, today),
    };
  });
}
