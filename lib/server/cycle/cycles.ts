import "server-only";
import { can, type Actor } from "@/lib/auth/policies";
import { STAGE_KINDS } from "@/lib/domain/workflow";
import { isUuid } from "@/lib/schemas/ids";
import { db } from "../db/client";

/** The running cycle: the latest ACTIVE one. */
export function findCurrentCycle() {
  return db.cycle.findFirst({
    where: { status: "ACTIVE" },
    orderBy: { year: "desc" },
    include: { stages: true },
  });
}

/** Admin only: every cycle with its instrument and the number of loci assessed. */
export function listCyclesForAdmin(actor: Actor) {
  if (!can(actor, "cycles.view")) return Promise.resolve([]);
  return db.cycle.findMany({
    orderBy: { year: "desc" },
    include: {
      instrumentVersion: { select: { code: true, version: true } },
      _count: { select: { assessments: true } },
    },
  });
}

/** Admin only: how many loci of each cycle are verified and waiting to be made final. */
export async function countVerifiedByCycle(actor: Actor) {
  if (!can(actor, "cycle.finalise")) return new Map<string, number>();
  const groups = await db.assessment.groupBy({ by: ["cycleId"], where: { status: "VERIFIED" }, _count: { _all: true } });
  return new Map(groups.map((g) => [g.cycleId, g._count._all]));
}

/** Admin only: one cycle with its instrument and stages in their order; null when absent (or the id is no UUID). */
export async function findCycleForAdmin(actor: Actor, cycleId: string) {
  if (!can(actor, "cycles.view") || !isUuid(cycleId)) return null;
  const cycle = await db.cycle.findUnique({
    where: { id: cycleId },
    include: {
      instrumentVersion: { select: { id: true, code: true, version: true, name: true } },
      stages: true,
    },
  });
  if (!cycle) return null;
  return { ...cycle, stages: [...cycle.stages].sort((a, b) => STAGE_KINDS.indexOf(a.kind) - STAGE_KINDS.indexOf(b.kind)) };
}

/** What a new cycle can start from: the instrument versions, and the cycles to copy (latest first). */
export async function newCycleChoices(actor: Actor) {
  if (!can(actor, "cycles.manage")) return { versions: [], cycles: [] };
  const [versions, cycles] = await Promise.all([
    db.instrumentVersion.findMany({ orderBy: [{ code: "asc" }, { createdAt: "desc" }], select: { id: true, code: true, version: true, name: true } }),
    db.cycle.findMany({
      orderBy: [{ year: "desc" }, { createdAt: "desc" }],
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
  ]);
  return { versions, cycles };
}
