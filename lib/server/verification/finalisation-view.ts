import "server-only";
import type { Actor } from "@/lib/auth/policies";
import { whyNotFinalise, type FinalisationBlocker } from "@/lib/domain/workflow";
import { db } from "../db/client";
import { openAppealCount } from "../appeals/appeals";
import { canOnCycle } from "../cycle/scope";

/**
 * Whether the admin's finalisation of the cycle can succeed now, and if not why (issue 19): the
 * finalisation stage and the open appeals the action checks (`finaliseCycle`), and how many
 * verified loci it would make final. Null for anyone who may not finalise.
 */
export async function finalisationState(
  actor: Actor,
  cycle: { id: string; ownerInstitutionId: string | null; stages: readonly { kind: string; startsAt: Date; endsAt: Date }[] },
  now = new Date(),
): Promise<{ verified: number; blocker: FinalisationBlocker | null } | null> {
  if (!canOnCycle(actor, "cycle.finalise", cycle)) return null;
  const [verified, openAppeals] = await Promise.all([
    // The kept count (CycleStatusCount, issue 17), not the cycle's rows.
    db.cycleStatusCount.aggregate({ where: { cycleId: cycle.id, status: "VERIFIED" }, _sum: { count: true } }).then((r) => r._sum.count ?? 0),
    openAppealCount(db, cycle.id),
  ]);
  return { verified, blocker: whyNotFinalise({ stages: cycle.stages, now, verified, openAppeals }) };
}
