import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ActionError } from "../errors";

/**
 * The cycle an admin is about to change, locked for the change, with its stages. Refused as a
 * conflict when it changed since the admin's page was loaded (its updatedAt moved): two admins
 * editing one cycle never overwrite each other silently. `scope` is the actor's cycles under the
 * policy (`cycleScopeWhere`): a cycle outside it is "not found", as one that does not exist.
 */
export async function lockCycle(tx: Prisma.TransactionClient, cycleId: string, expectedUpdatedAt: string, scope: Prisma.CycleWhereInput | null) {
  if (!scope) throw new ActionError("errors.notFound");
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Cycle" WHERE id = ${cycleId}::uuid FOR UPDATE`;
  if (!locked[0]) throw new ActionError("errors.notFound");
  const cycle = await tx.cycle.findFirst({
    where: { AND: [{ id: cycleId }, scope] },
    include: { stages: true },
  });
  if (!cycle) throw new ActionError("errors.notFound");
  if (cycle.updatedAt.getTime() !== new Date(expectedUpdatedAt).getTime()) throw new ActionError("errors.conflict");
  return cycle;
}

/** Moves the cycle's updatedAt with the write, so the condition that found it unchanged holds. */
export async function touchCycle(tx: Prisma.TransactionClient, cycle: { id: string; updatedAt: Date }, data: Prisma.CycleUpdateManyMutationInput = {}) {
  const updatedAt = new Date();
  const updated = await tx.cycle.updateMany({ where: { id: cycle.id, updatedAt: cycle.updatedAt }, data: { ...data, updatedAt } });
  if (updated.count === 0) throw new ActionError("errors.conflict");
  return { updatedAt };
}

/**
 * Records that a version is in use by a started cycle: from now on it is read-only for good
 * (lib/domain/cycle/instrument-version.ts). Takes the version's row lock, as the editor's save does.
 */
export async function lockInstrumentVersion(tx: Prisma.TransactionClient, versionId: string) {
  await tx.$executeRaw`SELECT 1 FROM "InstrumentVersion" WHERE id = ${versionId}::uuid FOR UPDATE`;
  await tx.instrumentVersion.updateMany({ where: { id: versionId, lockedAt: null }, data: { lockedAt: new Date() } });
}
