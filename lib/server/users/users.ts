import "server-only";
import bcrypt from "bcryptjs";
import { can, type Actor } from "@/lib/auth/policies";
import { generateTemporaryPassword } from "@/lib/auth/passwords";
import { ROLES, type Role } from "@/lib/domain/roles";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TCreateUser, TUpdateUser } from "@/lib/schemas/users";
import { ActionError } from "../errors";
import { audit } from "../audit/record";
import { endSessionsOfUser } from "../auth/sessions";
import { db } from "../db/client";
import { assertAssignable as assertAssignment, assignmentScope } from "./assignments";
import { uniqueAs } from "../db/unique";

const PAGE_SIZE = 25;
const BCRYPT_COST = 10;

const userSummary = {
  id: true,
  email: true,
  name: true,
  role: true,
  isActive: true,
  mustChangePassword: true,
  lastSignInAt: true,
  updatedAt: true,
  institutionId: true,
  institution: { select: { name: true } },
} satisfies Prisma.UserSelect;

function assertManager(actor: Actor) {
  if (!userScopeWhere(actor)) throw new ActionError("errors.notFound");
}

/** The roles an institution admin gives its own institution's accounts (issue 16): its team. */
const INSTITUTION_TEAM_ROLES = ["EVALUATOR", "VERIFIER", "HEAD"] as const;

/** The roles the actor may give an account (the user form's choices). */
export function assignableRoles(actor: Actor): readonly Role[] {
  return actor.role === "INSTITUTION_ADMIN" ? INSTITUTION_TEAM_ROLES : ROLES;
}

/**
 * The accounts an actor manages, as a query condition (docs/domain.md §3.12): the national admin
 * every account; an institution admin its own institution's evaluators, verifiers and heads;
 * nobody else any (null). An account outside it is "not found".
 */
function userScopeWhere(actor: Actor): Prisma.UserWhereInput | null {
  if (actor.role === "INSTITUTION_ADMIN") {
    return actor.institutionId && can(actor, "users.manage", { institutionId: actor.institutionId })
      ? { institutionId: actor.institutionId, role: { in: [...INSTITUTION_TEAM_ROLES] } }
      : null;
  }
  return can(actor, "users.manage") ? {} : null;
}

/**
 * What an account may become under this actor: an institution admin's accounts stay in its
 * institution with a team role; anything else is "not found" (as a foreign account would be).
 */
function assertAssignable(actor: Actor, account: { role: string; institutionId?: string | null }) {
  if (actor.role !== "INSTITUTION_ADMIN") return;
  if (account.institutionId !== actor.institutionId || !(INSTITUTION_TEAM_ROLES as readonly string[]).includes(account.role)) {
    throw new ActionError("errors.notFound");
  }
}

/** What the audit trail keeps of an account (never the password hash). */
function auditView(user: { email: string; name: string; role: string; institutionId: string | null; isActive: boolean }) {
  return { email: user.email, name: user.name, role: user.role, institutionId: user.institutionId, isActive: user.isActive };
}

export async function searchUsers(actor: Actor, filter: { q?: string; role?: TCreateUser["role"]; page?: number }) {
  const scope = userScopeWhere(actor);
  if (!scope) return { users: [], total: 0, page: 1, pageSize: PAGE_SIZE };
  const page = filter.page ?? 1;
  const where: Prisma.UserWhereInput = {
    ...scope,
    ...(filter.role ? { role: filter.role } : {}),
    ...(filter.q
      ? {
          OR: [
            { email: { contains: filter.q, mode: "insensitive" } },
            { name: { contains: filter.q, mode: "insensitive" } },
            { institution: { name: { contains: filter.q, mode: "insensitive" } } },
          ],
        }
      : {}),
  };
  if (filter.role && scope.role) where.AND = [{ role: scope.role }];
  const [users, total] = await db.$transaction([
    db.user.findMany({ where, select: userSummary, orderBy: [{ isActive: "desc" }, { name: "asc" }], skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
    db.user.count({ where }),
  ]);
  return { users, total, page, pageSize: PAGE_SIZE };
}

export async function findUser(actor: Actor, userId: string) {
  const scope = userScopeWhere(actor);
  if (!scope) return null;
  return db.user.findFirst({ where: { AND: [{ id: userId }, scope] }, select: userSummary });
}

async function assertInstitutionExists(tx: Prisma.TransactionClient, institutionId: string | undefined) {
  if (institutionId && !(await tx.institution.findUnique({ where: { id: institutionId }, select: { id: true } }))) {
    throw new ActionError("validation.institutionInvalid");
  }
}

/** Creates an account with a temporary password, returned once and never stored in clear. */
export async function createUser(actor: Actor & { email: string }, input: TCreateUser) {
  assertManager(actor);
  assertAssignable(actor, input);
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await bcrypt.hash(temporaryPassword, BCRYPT_COST);
  // The check gives the message; the unique index still decides between two concurrent creations.
  const user = await uniqueAs("users.emailTaken", {}, () =>
    db.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw new ActionError("users.emailTaken");
      await assertInstitutionExists(tx, input.institutionId);
      const created = await tx.user.create({
        data: { email: input.email, name: input.name, role: input.role, institutionId: input.institutionId ?? null, passwordHash, mustChangePassword: true },
        select: userSummary,
      });
      await audit(tx, actor, { action: "user.create", entityType: "User", entityId: created.id, after: auditView(created) });
      return created;
    }),
  );
  return { user, temporaryPassword };
}

/**
 * Edits an account. A form loaded before someone else's change is refused (optimistic lock on
 * updatedAt). Changing the role, the institution or deactivating ends the user's open sessions.
 */
export async function updateUser(actor: Actor & { email: string }, input: TUpdateUser) {
  assertManager(actor);
  if (input.userId === actor.id && (!input.isActive || input.role !== "ADMIN")) throw new ActionError("users.cannotDemoteSelf");
  assertAssignable(actor, input);
  const scope = userScopeWhere(actor) ?? { id: { in: [] } };
  return db.$transaction(async (tx) => {
    const before = await tx.user.findFirst({ where: { AND: [{ id: input.userId }, scope] }, select: userSummary });
    if (!before) throw new ActionError("errors.notFound");
    await assertInstitutionExists(tx, input.institutionId);
    const institutionId = input.institutionId ?? null;
    const endsSessions = before.role !== input.role || before.institutionId !== institutionId || (before.isActive && !input.isActive);
    const updated = await tx.user.updateMany({
      where: { id: input.userId, updatedAt: new Date(input.expectedUpdatedAt) },
      data: {
        name: input.name,
        role: input.role,
        institutionId,
        isActive: input.isActive,
        ...(endsSessions ? { sessionVersion: { increment: 1 } } : {}),
      },
    });
    if (updated.count === 0) throw new ActionError("errors.conflict");
    const after = await tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: userSummary });
    await audit(tx, actor, {
      action: before.isActive && !after.isActive ? "user.deactivate" : !before.isActive && after.isActive ? "user.reactivate" : "user.update",
      entityType: "User",
      entityId: after.id,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

/** Issues a new temporary password (shown once), forces a change at sign-in, ends open sessions. */
export async function issueTemporaryPassword(actor: Actor & { email: string }, userId: string) {
  assertManager(actor);
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await bcrypt.hash(temporaryPassword, BCRYPT_COST);
  const scope = userScopeWhere(actor) ?? { id: { in: [] } };
  await db.$transaction(async (tx) => {
    const target = await tx.user.findFirst({ where: { AND: [{ id: userId }, scope] }, select: { id: true, email: true } });
    if (!target) throw new ActionError("errors.notFound");
    await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } } });
    await audit(tx, actor, { action: "user.temporary-password", entityType: "User", entityId: userId, after: { mustChangePassword: true } });
  });
  return { temporaryPassword };
}

/**
 * The user's own password change; clears the forced-change flag and ends every other session of
 * the account (whoever else knew the old password is signed out), while the session it was made in
 * (`actor.sessionId`; null ends them all) stays signed in. Audited with the number of sessions ended.
 */
export async function changeOwnPassword(actor: Actor & { email: string; sessionId: string | null }, currentPassword: string, newPassword: string) {
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { id: true, passwordHash: true } });
  if (!user?.passwordHash || !(await bcrypt.compare(currentPassword, user.passwordHash))) throw new ActionError("account.currentPasswordWrong");
  const passwordHash = await bcrypt.hash(newPassword, BCRYPT_COST);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash, mustChangePassword: false } });
    const sessionsEnded = await endSessionsOfUser(tx, actor.id, "password-change", actor.sessionId);
    await audit(tx, actor, { action: "user.password-change", entityType: "User", entityId: actor.id, after: { otherSessionsEnded: sessionsEnded } });
  });
}

/**
 * Ends every open session of the user, this one included (its session rows end, and the session
 * check also compares the cookie's version with the account's): for a lost laptop. Audited.
 */
export async function endOwnSessions(actor: Actor & { email: string }) {
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { sessionVersion: { increment: 1 } } });
    await endSessionsOfUser(tx, actor.id, "sessions-end", null);
    await audit(tx, actor, { action: "user.sessions-end", entityType: "User", entityId: actor.id });
  });
}

/** Replaces a verifier's institutions in one cycle; the assignments that stay keep their rows. */
export async function setVerifierAssignments(actor: Actor & { email: string }, input: { userId: string; cycleId: string; institutionIds: string[] }) {
  assertManager(actor);
  return db.$transaction(async (tx) => {
    // The cycle, the verifier and the institutions within the actor's assignment scope, and the rule of who verifies which cycle.
    const wanted = await assertAssignment(tx, actor, input.cycleId, input.userId, input.institutionIds);
    const current = await tx.verifierAssignment.findMany({ where: { cycleId: input.cycleId, verifierId: input.userId }, select: { institutionId: true } });
    const before = current.map((a) => a.institutionId).sort();
    const removed = before.filter((id) => !wanted.includes(id));
    const added = wanted.filter((id) => !before.includes(id));
    await tx.verifierAssignment.deleteMany({ where: { cycleId: input.cycleId, verifierId: input.userId, institutionId: { in: removed } } });
    await tx.verifierAssignment.createMany({
      data: added.map((institutionId) => ({ cycleId: input.cycleId, verifierId: input.userId, institutionId, assignedById: actor.id })),
    });
    if (removed.length + added.length > 0) {
      await audit(tx, actor, {
        action: "assignment.set",
        entityType: "VerifierAssignment",
        entityId: `${input.cycleId}:${input.userId}`,
        before: { institutionIds: before },
        after: { institutionIds: [...wanted].sort() },
      });
    }
    return { added: added.length, removed: removed.length };
  });
}

export async function listVerifierAssignments(actor: Actor, userId: string, cycleId: string) {
  const scope = assignmentScope(actor);
  const users = userScopeWhere(actor);
  if (!scope || !users) return [];
  return db.verifierAssignment.findMany({
    where: { verifierId: userId, cycleId, cycle: scope.cycles, verifier: users },
    select: { institution: { select: { id: true, name: true, type: true } } },
    orderBy: { institution: { name: "asc" } },
  });
}

export async function listInstitutionOptions(actor: Actor) {
  if (!userScopeWhere(actor)) return [];
  // An institution admin's accounts belong to its own institution only.
  const own = actor.role === "INSTITUTION_ADMIN" && actor.institutionId ? { id: actor.institutionId } : {};
  return db.institution.findMany({ where: own, select: { id: true, name: true, type: true }, orderBy: [{ type: "asc" }, { name: "asc" }] });
}
