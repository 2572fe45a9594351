import "server-only";
import type { Actor } from "@/lib/auth/policies";
import type { CycleStatus } from "@/lib/domain/cycle";
import { STAGE_KINDS, type StageKind } from "@/lib/domain/workflow";
import { isUuid } from "@/lib/schemas/ids";
import { db } from "../db/client";
import { pgPool } from "../db/pg-pool";
import { cycleScopeWhere } from "./scope";

/** What a cycle switcher and a page heading show of a cycle: its programme and owner (issue 16), and its stages. */
export interface CycleChoice {
  id: string;
  name: string;
  year: number;
  status: CycleStatus;
  programmeCode: string;
  ownerInstitutionId: string | null;
  programme: { name: string; nameEn: string; sortOrder: number };
  ownerInstitution: { name: string } | null;
  stages: { cycleId: string; kind: StageKind; startsAt: Date; endsAt: Date }[];
}

type CycleChoiceRow = Omit<CycleChoice, "stages"> & { stages: { cycleId: string; kind: StageKind; startsAt: number; endsAt: number }[] };

/** Running cycles first, then preparation, then the rest; newest first within each. */
const STATUS_ORDER = { ACTIVE: 0, PREPARATION: 1, FINALISED: 2, ARCHIVED: 3 } as const;

/**
 * The cycles an actor takes part in (docs/domain.md §3.12), scoped in the query: an evaluator or a
 * head, the cycles with a locus of its institution; a verifier, the cycles it is assigned in (as a
 * verifier or a second-tier validator); the national admin, every cycle; an institution admin, the
 * cycles its institution owns or takes part in. Active first, grouped by programme.
 * `withRecommendations` keeps only the cycles with recommendations (the follow-up lists).
 * One plain statement: every work page (the head's dashboard on results day) reads it.
 */
export async function listCyclesForActor(actor: Actor, options: { withRecommendations?: boolean } = {}): Promise<CycleChoice[]> {
  const participation = participationSql(actor);
  if (!participation) return [];
  const narrowed = options.withRecommendations
    ? `AND EXISTS (SELECT 1 FROM "Recommendation" r JOIN "Assessment" a ON a.id = r."assessmentId" WHERE a."cycleId" = c.id)`
    : "";
  // Stage times are timestamps without a zone that Prisma writes and reads as UTC: read as epoch milliseconds, the same instants.
  const rows = await pgPool.query<CycleChoiceRow>(
    `SELECT c.id, c.name, c.year, c.status::text AS status, c."programmeCode", c."ownerInstitutionId",
            json_build_object('name', p.name, 'nameEn', p."nameEn", 'sortOrder', p."sortOrder") AS programme,
            CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('name', o.name) END AS "ownerInstitution",
            COALESCE((SELECT json_agg(json_build_object('cycleId', s."cycleId", 'kind', s.kind, 'startsAt', extract(epoch FROM s."startsAt") * 1000,
                                                        'endsAt', extract(epoch FROM s."endsAt") * 1000))
                      FROM "CycleStage" s WHERE s."cycleId" = c.id), '[]') AS stages
     FROM "Cycle" c JOIN "Programme" p ON p.code = c."programmeCode" LEFT JOIN "Institution" o ON o.id = c."ownerInstitutionId"
     WHERE (${participation.sql}) ${narrowed}
     ORDER BY c.year DESC, c."createdAt" DESC`,
    participation.params,
  );
  const cycles = rows.rows.map((row) => ({
    ...row,
    stages: row.stages.map((stage) => ({ ...stage, startsAt: new Date(Number(stage.startsAt)), endsAt: new Date(Number(stage.endsAt)) })),
  }));
  return cycles.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.programme.sortOrder - b.programme.sortOrder);
}

/** Which cycles an actor takes part in, as a condition on the alias `c` (Cycle); null for a role that takes part in none. */
function participationSql(actor: Actor): { sql: string; params: unknown[] } | null {
  const takesPart = `EXISTS (SELECT 1 FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a."cycleId" = c.id AND l."institutionId" = $1::uuid)`;
  switch (actor.role) {
    case "ADMIN":
      return { sql: "TRUE", params: [] };
    case "INSTITUTION_ADMIN":
      return actor.institutionId ? { sql: `c."ownerInstitutionId" = $1::uuid OR ${takesPart}`, params: [actor.institutionId] } : null;
    case "EVALUATOR":
    case "HEAD":
      return actor.institutionId ? { sql: takesPart, params: [actor.institutionId] } : null;
    case "VERIFIER":
      return {
        sql: `EXISTS (SELECT 1 FROM "VerifierAssignment" va WHERE va."cycleId" = c.id AND va."verifierId" = $1::uuid)
              OR EXISTS (SELECT 1 FROM "ValidatorAssignment" vl WHERE vl."cycleId" = c.id AND vl."validatorId" = $1::uuid)`,
        params: [actor.id],
      };
    default:
      return null;
  }
}

/**
 * The cycle a page shows (`?cycle=<id>`): the requested one if the actor takes part in it, else
 * the actor's most relevant one (its first running cycle, else its latest). Never mixes cycles:
 * a page shows the numbers of this one cycle only.
 */
export async function pickCycleForActor(actor: Actor, requested: string | string[] | undefined) {
  const cycles = await listCyclesForActor(actor);
  const wanted = typeof requested === "string" ? cycles.find((c) => c.id === requested) : undefined;
  return { cycles, cycle: wanted ?? cycles[0] ?? null };
}

/** Every cycle the actor reads under cycles.view (the national admin: all; an institution admin: its own), with its instrument and the number of loci assessed. */
export function listCyclesForAdmin(actor: Actor) {
  const scope = cycleScopeWhere(actor, "cycles.view");
  if (!scope) return Promise.resolve([]);
  return db.cycle.findMany({
    where: scope,
    // Latest year first; within a year the programmes in their order (the national PEKPPP first).
    orderBy: [{ year: "desc" }, { programme: { sortOrder: "asc" } }, { name: "asc" }],
    include: {
      instrumentVersion: { select: { code: true, version: true } },
      programme: { select: { name: true, nameEn: true } },
      ownerInstitution: { select: { name: true } },
      _count: { select: { assessments: true } },
    },
  });
}

/** How many loci of each cycle the actor finalises are verified and waiting to be made final. */
export async function countVerifiedByCycle(actor: Actor) {
  const scope = cycleScopeWhere(actor, "cycle.finalise");
  if (!scope) return new Map<string, number>();
  const groups = await db.assessment.groupBy({ by: ["cycleId"], where: { status: "VERIFIED", cycle: scope }, _count: { _all: true } });
  return new Map(groups.map((g) => [g.cycleId, g._count._all]));
}

/** One cycle in the actor's cycles.view scope with its instrument and stages in their order; null when absent, out of scope (or the id is no UUID). */
export async function findCycleForAdmin(actor: Actor, cycleId: string) {
  const scope = cycleScopeWhere(actor, "cycles.view");
  if (!scope || !isUuid(cycleId)) return null;
  const cycle = await db.cycle.findFirst({
    where: { AND: [{ id: cycleId }, scope] },
    include: {
      instrumentVersion: { select: { id: true, code: true, version: true, name: true } },
      programme: { select: { name: true, nameEn: true } },
      ownerInstitution: { select: { name: true } },
      stages: true,
    },
  });
  if (!cycle) return null;
  return { ...cycle, stages: [...cycle.stages].sort((a, b) => STAGE_KINDS.indexOf(a.kind) - STAGE_KINDS.indexOf(b.kind)) };
}

/**
 * What a new cycle can start from: the instrument versions (an institution admin starts from the
 * national instrument or its own version of it), the cycles to copy (the actor's own, latest
 * first), and the programmes the actor may run.
 */
export async function newCycleChoices(actor: Actor) {
  const scope = cycleScopeWhere(actor, "cycles.manage");
  if (!scope) return { versions: [], cycles: [], programmes: [] };
  const [versions, cycles, programmes] = await Promise.all([
    db.instrumentVersion.findMany({ orderBy: [{ code: "asc" }, { createdAt: "desc" }], select: { id: true, code: true, version: true, name: true } }),
    db.cycle.findMany({
      where: scope,
      // The form copies the first by default: the latest year's, the national PEKPPP before other programmes.
      orderBy: [{ year: "desc" }, { programme: { sortOrder: "asc" } }, { createdAt: "desc" }],
      select: {
        id: true,
        year: true,
        name: true,
        f02SharePercent: true,
        minSurveyRespondents: true,
        evidenceRequiredAboveZero: true,
        instrumentVersion: { select: { code: true, version: true } },
      },
    }),
    db.programme.findMany({
      where: actor.role === "INSTITUTION_ADMIN" ? { institutionsMayRun: true } : {},
      orderBy: { sortOrder: "asc" },
      select: { code: true, name: true, nameEn: true },
    }),
  ]);
  return { versions, cycles, programmes };
}
