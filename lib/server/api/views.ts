import "server-only";
import { ruleFor, type Actor, type PolicyKey } from "@/lib/auth/policies";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { z } from "zod";
import type {
  TApiAssessment,
  TApiCycle,
  TApiInstitution,
  TApiInstitutionResult,
  TApiLocus,
  TApiPageInfo,
  TApiPublishedCycle,
  TApiPublishedResult,
  TApiRecommendation,
  ZApiAssessmentsQuery,
  ZApiCyclesQuery,
  ZApiInstitutionResultsQuery,
  ZApiInstitutionsQuery,
  ZApiPageQuery,
  ZApiPublishedResultsQuery,
  ZApiRecommendationsQuery,
} from "@/lib/schemas/api";
import { assessmentScope } from "../assessment/queries";
import { db } from "../db/client";
import { recommendationFields, withProgress } from "../follow-up/views";
import { calendarDate } from "@/lib/domain/follow-up";
import { institutionFilter } from "../registry/institutions";
import { listPublishedCycles, loadPublishedResults } from "../results/published";
import { selectRanking } from "../results/ranking-view";

/**
 * What the read API answers (issue 20), in its stable JSON shapes (lib/schemas/api.ts). Every
 * function takes the token's actor and puts the actor's scope, from the policy table, in the
 * `where` of its query: a record outside it is simply not there (404 for one record).
 */

type Paging = z.infer<typeof ZApiPageQuery>;
const NOTHING = { id: { in: [] as string[] } };
const iso = (date: Date | null) => (date ? date.toISOString() : null);
const pageOf = ({ page, perPage }: Paging) => ({ skip: (page - 1) * perPage, take: perPage });
const pageInfo = ({ page, perPage }: Paging, total: number): TApiPageInfo => ({ page, perPage, total });

/** The institutions an actor reaches under a policy: all (admins), its own, or those assigned to the verifier in any cycle. */
function institutionScope(actor: Actor, key: PolicyKey): Prisma.InstitutionWhereInput {
  switch (ruleFor(actor, key)) {
    case "any":
      return {};
    case "own":
      return actor.institutionId ? { id: actor.institutionId } : NOTHING;
    case "assigned":
      return { verifierAssignments: { some: { verifierId: actor.id } } };
    default:
      return NOTHING;
  }
}

/** Cycles an actor reaches: all (admins); the ministry's and its own institution's; a verifier's assigned ones. */
function cycleScope(actor: Actor): Prisma.CycleWhereInput {
  switch (ruleFor(actor, "api.cycles")) {
    case "any":
      return {};
    case "own":
      return { OR: [{ ownerInstitutionId: null }, ...(actor.institutionId ? [{ ownerInstitutionId: actor.institutionId }] : [])] };
    case "assigned":
      return { verifierAssignments: { some: { verifierId: actor.id } } };
    default:
      return NOTHING;
  }
}

export async function listApiCycles(actor: Actor, query: z.infer<typeof ZApiCyclesQuery>) {
  const where: Prisma.CycleWhereInput = {
    AND: [cycleScope(actor), { ...(query.year ? { year: query.year } : {}), ...(query.status ? { status: query.status } : {}) }],
  };
  const [rows, total] = await Promise.all([
    db.cycle.findMany({
      where,
      select: { id: true, year: true, name: true, programmeCode: true, status: true, ownerInstitutionId: true, finalisedAt: true, publishedAt: true },
      orderBy: [{ year: "desc" }, { name: "asc" }, { id: "asc" }],
      ...pageOf(query),
    }),
    db.cycle.count({ where }),
  ]);
  const data: TApiCycle[] = rows.map(({ programmeCode, finalisedAt, publishedAt, ...c }) => ({
    ...c,
    programme: programmeCode,
    finalisedAt: iso(finalisedAt),
    publishedAt: iso(publishedAt),
  }));
  return { data, pageInfo: pageInfo(query, total) };
}

const institutionSelect = { id: true, code: true, name: true, shortName: true, type: true, province: { select: { code: true, name: true } } } as const;

export async function listApiInstitutions(actor: Actor, query: z.infer<typeof ZApiInstitutionsQuery>) {
  const where: Prisma.InstitutionWhereInput = { AND: [institutionScope(actor, "api.registry"), institutionFilter(query)] };
  const [rows, total] = await Promise.all([
    db.institution.findMany({ where, select: institutionSelect, orderBy: [{ type: "asc" }, { name: "asc" }, { id: "asc" }], ...pageOf(query) }),
    db.institution.count({ where }),
  ]);
  return { data: rows satisfies TApiInstitution[], pageInfo: pageInfo(query, total) };
}

export async function findApiInstitution(actor: Actor, institutionId: string) {
  const row = await db.institution.findFirst({ where: { AND: [institutionScope(actor, "api.registry"), { id: institutionId }] }, select: institutionSelect });
  return row ? { data: row satisfies TApiInstitution } : null;
}

export async function listApiLoci(actor: Actor, institutionId: string, query: Paging) {
  const institution = await db.institution.findFirst({
    where: { AND: [institutionScope(actor, "api.registry"), { id: institutionId }] },
    select: { id: true },
  });
  if (!institution) return null;
  const where: Prisma.LocusWhereInput = { institutionId: institution.id };
  const [rows, total] = await Promise.all([
    db.locus.findMany({
      where,
      select: { id: true, institutionId: true, parentId: true, name: true, serviceType: true, unitKind: true, nationalLocus: true, isActive: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      ...pageOf(query),
    }),
    db.locus.count({ where }),
  ]);
  return { data: rows satisfies TApiLocus[], pageInfo: pageInfo(query, total) };
}

export async function listApiAssessments(actor: Actor, query: z.infer<typeof ZApiAssessmentsQuery>) {
  const where: Prisma.AssessmentWhereInput = {
    AND: [
      assessmentScope(actor, "assessment.view", query.cycle),
      { ...(query.institution ? { locus: { institutionId: query.institution } } : {}), ...(query.status ? { status: query.status } : {}) },
    ],
  };
  const [rows, total] = await Promise.all([
    db.assessment.findMany({
      where,
      select: {
        id: true,
        cycleId: true,
        locusId: true,
        status: true,
        round: true,
        submittedAt: true,
        verifiedAt: true,
        finalisedAt: true,
        updatedAt: true,
        locus: { select: { name: true, institutionId: true } },
      },
      orderBy: [{ cycle: { year: "desc" } }, { locus: { institution: { name: "asc" } } }, { locus: { name: "asc" } }, { id: "asc" }],
      ...pageOf(query),
    }),
    db.assessment.count({ where }),
  ]);
  const data: TApiAssessment[] = rows.map(({ locus, submittedAt, verifiedAt, finalisedAt, updatedAt, ...a }) => ({
    ...a,
    locusName: locus.name,
    institutionId: locus.institutionId,
    submittedAt: iso(submittedAt),
    verifiedAt: iso(verifiedAt),
    finalisedAt: iso(finalisedAt),
    updatedAt: updatedAt.toISOString(),
  }));
  return { data, pageInfo: pageInfo(query, total) };
}

export async function listApiRecommendations(actor: Actor, query: z.infer<typeof ZApiRecommendationsQuery>, now = new Date()) {
  const where: Prisma.RecommendationWhereInput = {
    AND: [
      { assessment: assessmentScope(actor, "recommendations.view", query.cycle) },
      { ...(query.institution ? { assessment: { locus: { institutionId: query.institution } } } : {}), ...(query.status ? { status: query.status } : {}) },
    ],
  };
  const [rows, total] = await Promise.all([
    db.recommendation.findMany({
      where,
      select: { ...recommendationFields, assessment: { select: { cycleId: true, locus: { select: { name: true, institutionId: true } } } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      ...pageOf(query),
    }),
    db.recommendation.count({ where }),
  ]);
  const today = calendarDate(now);
  const data: TApiRecommendation[] = rows.map((row) => {
    const shown = withProgress(row, today);
    return {
      id: shown.id,
      assessmentId: shown.assessmentId,
      cycleId: row.assessment.cycleId,
      institutionId: row.assessment.locus.institutionId,
      locusName: row.assessment.locus.name,
      target: { kind: shown.target.kind, code: shown.target.code, aspectCode: shown.target.aspectCode },
      text: shown.text,
      targetDate: shown.targetDate,
      status: shown.status,
      followUp: { progress: shown.progress, overdue: shown.overdue, actions: shown.followUpCount, pendingReview: shown.pendingCount },
    };
  });
  return { data, pageInfo: pageInfo(query, total) };
}

/**
 * An institution's stored (verified) results of its finalised cycles, with its loci's: for its
 * head and admins (api.institutionResults), published or not yet.
 */
export async function listApiInstitutionResults(actor: Actor, institutionId: string, query: z.infer<typeof ZApiInstitutionResultsQuery>) {
  const institution = await db.institution.findFirst({
    where: { AND: [institutionScope(actor, "api.institutionResults"), { id: institutionId }] },
    select: { id: true },
  });
  if (!institution) return null;
  const cycleWhere: Prisma.CycleWhereInput = { status: { in: ["FINALISED", "ARCHIVED"] }, ...(query.cycle ? { id: query.cycle } : {}) };
  const [results, loci] = await Promise.all([
    db.institutionResult.findMany({
      where: { institutionId: institution.id, kind: "VERIFIED", cycle: cycleWhere },
      select: { cycleId: true, lociCount: true, indexPublished: true, grade: true, computedAt: true, cycle: { select: { name: true, year: true } } },
      orderBy: [{ cycle: { year: "desc" } }, { cycleId: "asc" }],
    }),
    db.locusResult.findMany({
      where: { kind: "VERIFIED", cycle: cycleWhere, assessment: { locus: { institutionId: institution.id } } },
      select: {
        cycleId: true,
        assessmentId: true,
        indexPublished: true,
        grade: true,
        assessment: { select: { locusId: true, locus: { select: { name: true } } } },
      },
      orderBy: [{ assessment: { locus: { name: "asc" } } }, { assessmentId: "asc" }],
    }),
  ]);
  const data: TApiInstitutionResult[] = results.map((r) => ({
    cycleId: r.cycleId,
    cycleName: r.cycle.name,
    year: r.cycle.year,
    lociCount: r.lociCount,
    index: r.indexPublished.toFixed(2),
    grade: r.grade,
    computedAt: r.computedAt.toISOString(),
    loci: loci
      .filter((l) => l.cycleId === r.cycleId)
      .map((l) => ({
        assessmentId: l.assessmentId,
        locusId: l.assessment.locusId,
        locusName: l.assessment.locus.name,
        index: l.indexPublished.toFixed(2),
        grade: l.grade,
      })),
  }));
  return { data };
}

/** The published cycles, newest first, with their current result version (public). */
export async function listApiPublishedCycles(query: Paging) {
  const cycles = await listPublishedCycles();
  const shown = cycles.slice((query.page - 1) * query.perPage, query.page * query.perPage);
  const data: TApiPublishedCycle[] = await Promise.all(
    shown.map(async (c) => ({
      id: c.id,
      name: c.name,
      year: c.year,
      publishedAt: (c.publishedAt ?? new Date(0)).toISOString(),
      version: (await loadPublishedResults(c.id))?.cycle.version?.number ?? null,
    })),
  );
  return { data, pageInfo: pageInfo(query, cycles.length) };
}

/**
 * A published cycle's results (public): every institution in the published order, or one ranking
 * group as the results page shows it (the same selection: selectRanking), with its standings.
 */
export async function listApiPublishedResults(cycleId: string, query: z.infer<typeof ZApiPublishedResultsQuery>) {
  const results = await loadPublishedResults(cycleId, query.version);
  if (!results) return null;
  const rows = query.group
    ? selectRanking(results, { group: query.group, province: query.province, grade: query.grade, page: 1, q: undefined, cycle: cycleId }).rows
    : results.institutions.filter((i) => !query.grade || i.grade === query.grade);
  const data: TApiPublishedResult[] = rows.slice((query.page - 1) * query.perPage, query.page * query.perPage).map((r) => ({
    institutionId: r.id,
    code: r.code,
    name: r.name,
    type: r.type,
    provinceName: r.provinceName,
    lociCount: r.lociCount,
    index: r.published,
    grade: r.grade,
    label: r.label,
    nationalStanding: r.national,
    provinceStanding: r.province,
  }));
  return {
    data,
    cycle: { id: results.cycle.id, name: results.cycle.name, year: results.cycle.year, version: results.cycle.version?.number ?? null },
    pageInfo: pageInfo(query, rows.length),
  };
}
