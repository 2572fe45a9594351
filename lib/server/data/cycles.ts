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
