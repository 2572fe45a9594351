import "server-only";
import type { Actor } from "@/lib/auth/policies";
import { CYCLE_ACTIONS, decideCycleAction, type CycleAction, type CycleDecision, type CycleFacts } from "@/lib/domain/cycle";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TCycleArchive, TCyclePublication, TCycleStatusChange } from "@/lib/schemas/cycles";
import { env } from "@/lib/env";
import { ActionError } from "../errors";
import { audit } from "../audit/record";
import { db } from "../db/client";
import { emitNotification } from "../notifications/emit";
import { lockCycle, lockInstrumentVersion, touchCycle } from "./lock";
import { canOnCycle, cycleScopeWhere } from "./scope";

type Manager = Actor & { email: string };
type LockedCycle = Awaited<ReturnType<typeof lockCycle>>;

type FactsCycle = Pick<LockedCycle, "id" | "status" | "publishedAt" | "stages" | "programmeCode" | "ownerInstitutionId">;

/**
 * The facts the pure cycle rules decide on, read inside the transaction that acts. Another running
 * cycle counts only within the same programme and owner (docs/domain.md §3.12): the national cycle,
 * each institution's Mandiri cycle and a Ramah Kelompok Rentan cycle run side by side.
 */
async function factsOf(tx: Pick<Prisma.TransactionClient, "$queryRaw">, cycle: FactsCycle): Promise<CycleFacts> {
  // One statement, so one snapshot: the counts agree with each other outside a transaction too (the
  // cycle page reads them for every request, issue 17). Loci in verification are the kept counts
  // (CycleStatusCount, written by triggers in every change's transaction), not the cycle's rows.
  const [counts] = await tx.$queryRaw<{ otherActive: number; inVerification: number; openCorrections: number }[]>`
    SELECT
      (SELECT count(*)::int FROM "Cycle" c
        WHERE c.status = 'ACTIVE' AND c.id <> ${cycle.id}::uuid AND c."programmeCode" = ${cycle.programmeCode}
          AND c."ownerInstitutionId" IS NOT DISTINCT FROM ${cycle.ownerInstitutionId}::uuid) AS "otherActive",
      (SELECT coalesce(sum(count), 0)::int FROM "CycleStatusCount"
        WHERE "cycleId" = ${cycle.id}::uuid AND status IN ('SUBMITTED', 'IN_REVIEW', 'VERIFIED')) AS "inVerification",
      (SELECT count(*)::int FROM "ResultCorrection" WHERE "cycleId" = ${cycle.id}::uuid AND "publishedAt" IS NULL) AS "openCorrections"`;
  return {
    status: cycle.status,
    publishedAt: cycle.publishedAt,
    stages: cycle.stages,
    otherActiveCycle: (counts?.otherActive ?? 0) > 0,
    lociInVerification: counts?.inVerification ?? 0,
    archiveAfterMonths: env.CYCLE_ARCHIVE_AFTER_MONTHS,
    openCorrections: counts?.openCorrections ?? 0,
  };
}

async function decide(tx: Prisma.TransactionClient, cycle: LockedCycle, action: CycleAction, now: Date) {
  const facts = await factsOf(tx, cycle);
  const decision = decideCycleAction(action, facts, now);
  if (!decision.ok) throw new ActionError(`cycleAdmin.refusal.${decision.reason}`, { status: cycle.status, count: facts.lociInVerification });
  return decision;
}

/**
 * Starts a cycle (preparation → running: its instrument version becomes read-only for good) or
 * closes it (running → finalised, once the finalisation stage has begun and no locus is still
 * with the verifiers). Audited.
 */
export async function changeCycleStatus(actor: Manager, input: TCycleStatusChange, now = new Date()) {
  const scope = cycleScopeWhere(actor, "cycles.manage");
  return db.$transaction(async (tx) => {
    const cycle = await lockCycle(tx, input.cycleId, input.expectedUpdatedAt, scope);
    // One cycle of a programme and owner runs at a time: starts of the same programme and owner are
    // serialised (after the row lock, in the same order for every start), so two admins cannot start two at once.
    if (input.action === "START") {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('cycle.start:' || ${cycle.programmeCode} || ':' || ${cycle.ownerInstitutionId ?? "ministry"}))`;
    }
    const decision = await decide(tx, cycle, input.action, now);
    if (input.action === "START") await lockInstrumentVersion(tx, cycle.instrumentVersionId);
    const touched = await touchCycle(tx, cycle, { status: decision.status, ...(input.action === "CLOSE" ? { finalisedAt: now } : {}) });
    await audit(tx, actor, {
      action: input.action === "START" ? "cycle.start" : "cycle.close",
      entityType: "Cycle",
      entityId: cycle.id,
      before: { status: cycle.status },
      after: { status: decision.status },
    });
    return { status: decision.status, updatedAt: touched.updatedAt.toISOString() };
  });
}

/**
 * Publishes a finalised cycle's results (from then on the public results page shows them, as it
 * reads `publishedAt IS NOT NULL AND status = FINALISED`), or withdraws them. By the cycle's own manager (the
 * national admin for the ministry's cycles, an institution admin for its own), audited.
 */
export async function setCyclePublication(actor: Manager, input: TCyclePublication, now = new Date()) {
  const scope = cycleScopeWhere(actor, "cycle.publish");
  return db.$transaction(async (tx) => {
    const cycle = await lockCycle(tx, input.cycleId, input.expectedUpdatedAt, scope);
    await decide(tx, cycle, input.publish ? "PUBLISH" : "UNPUBLISH", now);
    const publishedAt = input.publish ? now : null;
    const touched = await touchCycle(tx, cycle, { publishedAt });
    await audit(tx, actor, {
      action: input.publish ? "cycle.publish" : "cycle.unpublish",
      entityType: "Cycle",
      entityId: cycle.id,
      before: { publishedAt: cycle.publishedAt?.toISOString() ?? null },
      after: { publishedAt: publishedAt?.toISOString() ?? null },
    });
    // Every head hears of it with their own index and grade, once per cycle (issue 14).
    if (input.publish) await emitNotification(tx, { kind: "results.published", cycleId: cycle.id, actorId: actor.id });
    return { publishedAt: publishedAt?.toISOString() ?? null, updatedAt: touched.updatedAt.toISOString() };
  });
}

/**
 * Archives a cycle published for at least CYCLE_ARCHIVE_AFTER_MONTHS with no correction open
 * (docs/domain.md §3.6): read-only for good, enforced by triggers on every row of its loci; its
 * published results, result versions and audit trail stay. Asked for, its evidence files move to
 * cold storage afterwards (`npm run evidence:cold`). By the cycle's own manager, audited.
 */
export async function archiveCycle(actor: Manager, input: TCycleArchive, now = new Date()) {
  const scope = cycleScopeWhere(actor, "cycles.manage");
  return db.$transaction(async (tx) => {
    const cycle = await lockCycle(tx, input.cycleId, input.expectedUpdatedAt, scope);
    const decision = await decide(tx, cycle, "ARCHIVE", now);
    const touched = await touchCycle(tx, cycle, { status: decision.status, archivedAt: now, evidenceColdRequested: input.moveEvidenceToColdStorage });
    await audit(tx, actor, {
      action: "cycle.archive",
      entityType: "Cycle",
      entityId: cycle.id,
      before: { status: cycle.status },
      after: { status: decision.status, evidenceToColdStorage: input.moveEvidenceToColdStorage },
    });
    return { status: decision.status, updatedAt: touched.updatedAt.toISOString() };
  });
}

/**
 * Whether each cycle action can succeed now, for the cycle page to disable what cannot and say why
 * (issue 19): the same facts and the same rule (`decideCycleAction`) as the actions above, read
 * outside a transaction. The actions still decide again under their locks.
 */
export async function cycleActionDecisions(
  actor: Actor,
  cycle: FactsCycle,
  now = new Date(),
): Promise<{ decisions: Record<CycleAction, CycleDecision>; lociInVerification: number } | null> {
  if (!canOnCycle(actor, "cycles.manage", cycle)) return null;
  // The same reader as the actions', without their transaction: its one statement is one snapshot.
  const facts = await factsOf(db, cycle);
  const decisions = Object.fromEntries(CYCLE_ACTIONS.map((action) => [action, decideCycleAction(action, facts, now)])) as Record<CycleAction, CycleDecision>;
  return { decisions, lociInVerification: facts.lociInVerification };
}
