import "server-only";
import { can, type Actor } from "@/lib/auth/policies";
import { db } from "../db";

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
      instrumentVersion: { select: { code: true, version: true, name: true } },
      stages: { orderBy: { startsAt: "asc" } },
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
