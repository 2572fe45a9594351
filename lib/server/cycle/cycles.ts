import "server-only";
import type { Actor } from "@/lib/auth/policies";
import { STAGE_KINDS } from "@/lib/domain/workflow";
import { isUuid } from "@/lib/schemas/ids";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db/client";
import { cycleScopeWhere } from "./scope";

/** What a cycle switcher and a page heading show of a cycle: its programme and owner (issue 16). */
const CYCLE_CHOICE = {
  id: true,
  name: true,
  year: true,
  status: true,
  programmeCode: true,
  ownerInstitutionId: true,
  programme: { select: { name: true, nameEn: true, sortOrder: true } },
  ownerInstitution: { select: { name: true } },
  stages: true,
} satisfies Prisma.CycleSelect;

export type CycleChoice = Prisma.CycleGetPayload<{ select: typeof CYCLE_CHOICE }>;

/** Running cycles first, then preparation, then the rest; newest first within each. */
const STATUS_ORDER = { ACTIVE: 0, PREPARATION: 1, FINALISED: 2, ARCHIVED: 3 } as const;

/**
 * The cycles an actor takes part in (docs/domain.md §3.12), scoped in the query: an evaluator or a
 * head, the cycles with a locus of its institution; a verifier, the cycles it is assigned in (as a
 * verifier or a second-tier validator); the national admin, every cycle; an institution admin, the
 * cycles its institution owns or takes part in. Active first, grouped by programme. `narrowedBy`
 * keeps only some of them (a list's own condition, e.g. cycles with recommendations).
 */
export async function listCyclesForActor(actor: Actor, narrowedBy?: Prisma.CycleWhereInput): Promise<CycleChoice[]> {
  const participation = participationWhere(actor);
  if (!participation) return [];
  const where = narrowedBy ? { AND: [participation, narrowedBy] } : participation;
  const cycles = await db.cycle.findMany({ where, select: CYCLE_CHOICE, orderBy: [{ year: "desc" }, { createdAt: "desc" }] });
  return cycles.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.programme.sortOrder - b.programme.sortOrder);
}

function participationWhere(actor: Actor): Prisma.CycleWhereInput | null {
  const takesPart = (institutionId: string): Prisma.CycleWhereInput => ({ assessments: { some: { locus: { institutionId } } } });
  switch (actor.role) {
    case "ADMIN":
      return {};
    case "INSTITUTION_ADMIN":
      return actor.institutionId ? { OR: [{ ownerInstitutionId: actor.institutionId }, takesPart(actor.institutionId)] } : null;
    case "EVALUATOR":
    case "HEAD":
      return actor.institutionId ? takesPart(actor.institutionId) : null;
    case "VERIFIER":
      return { OR: [{ verifierAssignments: { some: { verifierId: actor.id } } }, { validatorAssignments: { some: { validatorId: actor.id } } }] };
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
