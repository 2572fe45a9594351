import "server-only";
import { ruleFor, type Actor } from "@/lib/auth/policies";
import { assignmentRefusal } from "@/lib/domain/cycle/assignment-rule";
import type { AssessmentStatus, Prisma } from "@/lib/generated/prisma/client";
import type { TAssignInstitutions, TAssignmentSearch, TBulkAssign, TUnassign } from "@/lib/schemas/assignments";
import { ActionError } from "../errors";
import { audit, type AuditEntry } from "../audit/record";
import { db } from "../db/client";
import { institutionFilter } from "../registry/institutions";

const PAGE_SIZE = 25;
type Manager = Actor & { email: string };

/**
 * Where an actor manages assignments, as query conditions (docs/domain.md §3.12): the national
 * admin every cycle and institution; an institution admin its own cycles, its own institution and
 * its own verifiers; null: nowhere.
 */
export function assignmentScope(
  actor: Actor,
): { cycles: Prisma.CycleWhereInput; institutions: Prisma.InstitutionWhereInput; verifiers: Prisma.UserWhereInput } | null {
  switch (ruleFor(actor, "assignments.manage")) {
    case "any":
      return { cycles: {}, institutions: {}, verifiers: {} };
    case "own":
      return actor.institutionId
        ? { cycles: { ownerInstitutionId: actor.institutionId }, institutions: { id: actor.institutionId }, verifiers: { institutionId: actor.institutionId } }
        : null;
    default:
      return null;
  }
}

function scopeOrNotFound(actor: Actor) {
  const scope = assignmentScope(actor);
  if (!scope) throw new ActionError("errors.notFound");
  return scope;
}

export function listAssignableCycles(actor: Actor) {
  const scope = assignmentScope(actor);
  if (!scope) return Promise.resolve([]);
  return db.cycle.findMany({
    where: scope.cycles,
    select: { id: true, name: true, year: true, status: true, ownerInstitutionId: true },
    orderBy: [{ year: "desc" }, { name: "asc" }],
  });
}

/**
 * Active verifier accounts a cycle may be assigned (the choices of every assignment form): the
 * ministry's for a ministry cycle, the owner's internal team for an institution's cycle.
 */
export function listVerifiers(actor: Actor, cycle?: { ownerInstitutionId: string | null }) {
  const scope = assignmentScope(actor);
  if (!scope) return Promise.resolve([]);
  const pool: Prisma.UserWhereInput = cycle ? { institutionId: cycle.ownerInstitutionId } : {};
  return db.user.findMany({
    where: { AND: [{ role: "VERIFIER", isActive: true }, scope.verifiers, pool] },
    select: { id: true, name: true, email: true },
    orderBy: { name: "asc" },
  });
}

export interface VerifierLoad {
  verifierId: string;
  name: string;
  email: string;
  isActive: boolean;
  institutions: number;
  loci: number;
  /** Loci per assessment status in the cycle; NONE: an active locus with no assessment in this cycle yet. */
  byStatus: Partial<Record<AssessmentStatus | "NONE", number>>;
}

/**
 * Each verifier's load in a cycle: its institutions, and their loci by assessment status. Every
 * active verifier is listed, also one without any assignment, so an idle verifier is visible.
 */
export async function verifierLoad(actor: Actor, cycleId: string) {
  const scope = assignmentScope(actor);
  const cycle = scope ? await db.cycle.findFirst({ where: { AND: [{ id: cycleId }, scope.cycles] }, select: { ownerInstitutionId: true } }) : null;
  if (!scope || !cycle) return { verifiers: [] as VerifierLoad[], institutions: 0, unassigned: 0 };
  const [verifiers, perVerifier, lociRows, institutions, unassigned] = await Promise.all([
    db.user.findMany({
      where: {
        AND: [
          { role: "VERIFIER", OR: [{ isActive: true, institutionId: cycle.ownerInstitutionId }, { verifierAssignments: { some: { cycleId } } }] },
          scope.verifiers,
        ],
      },
      select: { id: true, name: true, email: true, isActive: true },
      orderBy: { name: "asc" },
    }),
    db.verifierAssignment.groupBy({ by: ["verifierId"], where: { cycleId }, _count: { _all: true } }),
    db.$queryRaw<{ verifierId: string; status: AssessmentStatus | null; loci: number }[]>`
      SELECT va."verifierId", a.status, count(*)::int AS loci
      FROM "VerifierAssignment" va
      JOIN "Cycle" c ON c.id = va."cycleId"
      JOIN "Locus" l ON l."institutionId" = va."institutionId"
      LEFT JOIN "Assessment" a ON a."locusId" = l.id AND a."cycleId" = va."cycleId"
      -- An active locus the cycle would take (a ministry cycle: national loci; an institution's: its units, issue 16).
      WHERE va."cycleId" = ${cycleId}::uuid
        AND (a.id IS NOT NULL OR (l."isActive" AND (c."ownerInstitutionId" = l."institutionId" OR (c."ownerInstitutionId" IS NULL AND l."nationalLocus"))))
      GROUP BY 1, 2`,
    db.institution.count({ where: scope.institutions }),
    db.institution.count({ where: { AND: [scope.institutions, { verifierAssignments: { none: { cycleId } } }] } }),
  ]);
  const institutionCount = new Map(perVerifier.map((g) => [g.verifierId, g._count._all]));
  const load = new Map<string, VerifierLoad>(
    verifiers.map((v) => [
      v.id,
      { verifierId: v.id, name: v.name, email: v.email, isActive: v.isActive, institutions: institutionCount.get(v.id) ?? 0, loci: 0, byStatus: {} },
    ]),
  );
  for (const row of lociRows) {
    const entry = load.get(row.verifierId);
    if (!entry) continue;
    const status = row.status ?? "NONE";
    entry.loci += row.loci;
    entry.byStatus[status] = (entry.byStatus[status] ?? 0) + row.loci;
  }
  return { verifiers: [...load.values()], institutions, unassigned };
}

/** The institutions of the list, each with its verifiers in the cycle. */
export async function searchAssignments(actor: Actor, cycleId: string, filter: TAssignmentSearch) {
  const page = filter.page ?? 1;
  const scope = assignmentScope(actor);
  if (!scope || !(await db.cycle.count({ where: { AND: [{ id: cycleId }, scope.cycles] } }))) return { rows: [], total: 0, page, pageSize: PAGE_SIZE };
  const where: Prisma.InstitutionWhereInput = {
    AND: [scope.institutions, institutionFilter(filter), filter.unassigned ? { verifierAssignments: { none: { cycleId } } } : {}],
  };
  const [rows, total] = await db.$transaction([
    db.institution.findMany({
      where,
      select: {
        id: true,
        code: true,
        name: true,
        type: true,
        province: { select: { name: true } },
        _count: { select: { loci: { where: { isActive: true } } } },
        verifierAssignments: { where: { cycleId }, select: { verifier: { select: { id: true, name: true } } }, orderBy: { createdAt: "asc" } },
      },
      orderBy: [{ type: "asc" }, { name: "asc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
    }),
    db.institution.count({ where }),
  ]);
  return {
    rows: rows.map(({ _count, verifierAssignments, ...rest }) => ({ ...rest, activeLoci: _count.loci, verifiers: verifierAssignments.map((a) => a.verifier) })),
    total,
    page,
    pageSize: PAGE_SIZE,
  };
}

/**
 * The cycle must be within the actor's scope ("not found" otherwise) and still running or in
 * preparation (a finalised cycle's assignments are history). Returns its owner.
 */
export async function assertOpenCycle(tx: Prisma.TransactionClient, actor: Actor, cycleId: string) {
  const scope = scopeOrNotFound(actor);
  const cycle = await tx.cycle.findFirst({ where: { AND: [{ id: cycleId }, scope.cycles] }, select: { status: true, ownerInstitutionId: true } });
  if (!cycle) throw new ActionError("errors.notFound");
  if (cycle.status === "FINALISED" || cycle.status === "ARCHIVED") throw new ActionError("assignmentAdmin.cycleClosed");
  return cycle;
}

/** The account must be within the actor's scope ("not found" otherwise) and an active verifier. */
export async function assertVerifier(tx: Prisma.TransactionClient, actor: Actor, verifierId: string) {
  const scope = scopeOrNotFound(actor);
  const user = await tx.user.findFirst({ where: { AND: [{ id: verifierId }, scope.verifiers] }, select: { role: true, isActive: true, institutionId: true } });
  if (!user) throw new ActionError("errors.notFound");
  if (user.role !== "VERIFIER" || !user.isActive) throw new ActionError("users.notAVerifier");
  return user;
}

/**
 * Everything an assignment needs before it writes: the cycle and the verifier in scope, the
 * institutions in scope and existing, and the rule of who verifies which cycle
 * (lib/domain/cycle/assignment-rule.ts). Locks the institutions' rows, in id order.
 */
export async function assertAssignable(tx: Prisma.TransactionClient, actor: Actor, cycleId: string, verifierId: string, institutionIds: readonly string[]) {
  const scope = scopeOrNotFound(actor);
  const cycle = await assertOpenCycle(tx, actor, cycleId);
  const verifier = await assertVerifier(tx, actor, verifierId);
  const wanted = [...new Set(institutionIds)].sort();
  const known = await tx.institution.findMany({ where: { AND: [{ id: { in: wanted } }, scope.institutions] }, select: { id: true } });
  if (known.length !== wanted.length) throw new ActionError("validation.institutionInvalid");
  const refusal = assignmentRefusal(cycle, verifier, wanted);
  if (refusal) throw new ActionError(`assignmentAdmin.${refusal}`);
  await tx.$queryRaw`SELECT id FROM "Institution" WHERE id = ANY(${wanted}::uuid[]) ORDER BY id FOR UPDATE`;
  return wanted;
}

/**
 * Assigns a verifier to institutions of a cycle, one or many at once. "add" keeps their other
 * verifiers; "replace" removes them (a reassignment). Only VerifierAssignment rows change: the
 * verified answers, review rounds and notes belong to the assessments and stay as they are. The
 * institutions' rows are locked first, so two admins changing the same institution take turns
 * and each audit record's "before" is true. One audit record per institution whose verifiers changed.
 */
export async function assignInstitutions(actor: Manager, input: TAssignInstitutions) {
  scopeOrNotFound(actor);
  return db.$transaction(
    async (tx) => {
      const wanted = await assertAssignable(tx, actor, input.cycleId, input.verifierId, input.institutionIds);
      const current = await tx.verifierAssignment.findMany({
        where: { cycleId: input.cycleId, institutionId: { in: wanted } },
        select: { institutionId: true, verifierId: true },
      });
      const before = new Map<string, string[]>(wanted.map((id) => [id, []]));
      for (const a of current) before.get(a.institutionId)!.push(a.verifierId);

      const missing = wanted.filter((id) => !before.get(id)!.includes(input.verifierId));
      await tx.verifierAssignment.createMany({
        data: missing.map((institutionId) => ({ cycleId: input.cycleId, institutionId, verifierId: input.verifierId, assignedById: actor.id })),
        skipDuplicates: true,
      });
      if (input.mode === "replace") {
        await tx.verifierAssignment.deleteMany({ where: { cycleId: input.cycleId, institutionId: { in: wanted }, verifierId: { not: input.verifierId } } });
      }
      const changes: AuditEntry[] = [];
      for (const [institutionId, verifiers] of before) {
        const after = input.mode === "replace" ? [input.verifierId] : [...new Set([...verifiers, input.verifierId])];
        if (sameSet(verifiers, after)) continue;
        const moved = verifiers.some((v) => !after.includes(v));
        changes.push({
          action: moved ? "assignment.move" : "assignment.add",
          entityType: "VerifierAssignment",
          entityId: `${input.cycleId}:${institutionId}`,
          before: { verifierIds: [...verifiers].sort() },
          after: { verifierIds: [...after].sort() },
        });
      }
      await audit(tx, actor, changes);
      return { matched: wanted.length, changed: changes.length };
    },
    { timeout: 60_000 },
  );
}

/** Bulk assignment by filter: every institution of the chosen types, optionally in one province or held by one verifier. */
export async function assignByFilter(actor: Manager, input: TBulkAssign) {
  const scope = scopeOrNotFound(actor);
  const institutions = await db.institution.findMany({
    where: {
      ...scope.institutions,
      type: { in: input.types },
      ...(input.provinceCode ? { province: { code: input.provinceCode } } : {}),
      ...(input.fromVerifierId ? { verifierAssignments: { some: { cycleId: input.cycleId, verifierId: input.fromVerifierId } } } : {}),
    },
    select: { id: true },
  });
  if (institutions.length === 0) return { matched: 0, changed: 0 };
  return assignInstitutions(actor, { cycleId: input.cycleId, verifierId: input.verifierId, mode: input.mode, institutionIds: institutions.map((i) => i.id) });
}

/** Removes one verifier from one institution in a cycle; audited. A row already gone is a conflict. */
export async function unassignInstitution(actor: Manager, input: TUnassign) {
  scopeOrNotFound(actor);
  return db.$transaction(async (tx) => {
    await assertOpenCycle(tx, actor, input.cycleId);
    await tx.$queryRaw`SELECT id FROM "Institution" WHERE id = ${input.institutionId}::uuid FOR UPDATE`;
    const current = await tx.verifierAssignment.findMany({
      where: { cycleId: input.cycleId, institutionId: input.institutionId },
      select: { verifierId: true },
    });
    const removed = await tx.verifierAssignment.deleteMany({
      where: { cycleId: input.cycleId, institutionId: input.institutionId, verifierId: input.verifierId },
    });
    if (removed.count === 0) throw new ActionError("errors.conflict");
    const before = current.map((a) => a.verifierId).sort();
    await audit(tx, actor, {
      action: "assignment.remove",
      entityType: "VerifierAssignment",
      entityId: `${input.cycleId}:${input.institutionId}`,
      before: { verifierIds: before },
      after: { verifierIds: before.filter((v) => v !== input.verifierId) },
    });
    return { removed: removed.count };
  });
}

function sameSet(a: readonly string[], b: readonly string[]) {
  return a.length === b.length && a.every((x) => b.includes(x));
}
