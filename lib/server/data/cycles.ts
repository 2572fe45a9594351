import "server-only";
import type { CurrentUser } from "../auth/current-user";
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
export function listCyclesForAdmin(user: CurrentUser) {
  if (user.role !== "ADMIN") return Promise.resolve([]);
  return db.cycle.findMany({
    orderBy: { year: "desc" },
    include: {
      instrumentVersion: { select: { code: true, version: true, name: true } },
      stages: { orderBy: { startsAt: "asc" } },
      _count: { select: { assessments: true } },
    },
  });
}
