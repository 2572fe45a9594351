import bcrypt from "bcryptjs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

type Users = typeof import("@/lib/server/users/users");
type Audit = typeof import("@/lib/server/audit/search");

describe("account administration, through the policies, with an audit record of every change", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let users: Users;
  let audit: Audit;
  let ActionError: typeof import("@/lib/server/errors").ActionError;
  const accounts: Record<string, CurrentUser> = {};
  let palembangId: string;
  let kemenkesId: string;
  let cycleId: string;

  const row = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    users = await import("@/lib/server/users/users");
    audit = await import("@/lib/server/audit/search");
    ({ ActionError } = await import("@/lib/server/errors"));
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    Object.assign(accounts, await loadDemoActors(client));
    palembangId = (await row(`SELECT id FROM "Institution" WHERE code = 'KOTA-16-PALEMBANG'`)).id;
    kemenkesId = (await row(`SELECT id FROM "Institution" WHERE code = 'KL-KEMENKES'`)).id;
    cycleId = (await row(`SELECT id FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL`)).id;
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  const admin = () => accounts["admin@pekppp.test"]!;
  const head = () => accounts["pimpinan.palembang@pekppp.test"]!;

  it("creates an account with a temporary password that is hashed, forced to change, and audited", async () => {
    const { user, temporaryPassword } = await users.createUser(admin(), {
      email: "evaluator.baru@pekppp.test",
      name: "Evaluator Baru",
      role: "EVALUATOR",
      institutionId: palembangId,
    });
    expect(temporaryPassword).toMatch(/^[A-Za-z2-9]{14}$/);
    const stored = await row(`SELECT "passwordHash", "mustChangePassword" FROM "User" WHERE id = $1`, [user.id]);
    expect(stored.passwordHash).not.toContain(temporaryPassword);
    expect(await bcrypt.compare(temporaryPassword, stored.passwordHash)).toBe(true);
    expect(stored.mustChangePassword).toBe(true);
    const event = await row(`SELECT "actorId", action, after FROM "AuditEvent" WHERE "entityId" = $1`, [user.id]);
    expect(event).toMatchObject({ actorId: admin().id, action: "user.create", after: { email: "evaluator.baru@pekppp.test", role: "EVALUATOR" } });
    expect(JSON.stringify(event.after)).not.toMatch(/password/i);
  });

  it("refuses a second account with the same e-mail and writes nothing", async () => {
    const before = await row(`SELECT count(*)::int AS n FROM "User"`);
    await expect(
      users.createUser(admin(), { email: "evaluator.baru@pekppp.test", name: "Duplikat", role: "ADMIN", institutionId: undefined }),
    ).rejects.toMatchObject({ messageKey: "users.emailTaken" });
    expect(await row(`SELECT count(*)::int AS n FROM "User"`)).toEqual(before);
  });

  it("refuses every account operation to a non-admin, as if nothing were there", async () => {
    await expect(users.createUser(head(), { email: "x@pekppp.test", name: "Xavier", role: "ADMIN", institutionId: undefined })).rejects.toBeInstanceOf(
      ActionError,
    );
    await expect(users.issueTemporaryPassword(head(), admin().id)).rejects.toMatchObject({ messageKey: "errors.notFound" });
    expect(await users.findUser(head(), admin().id)).toBeNull();
    expect((await users.searchUsers(head(), {})).users).toEqual([]);
  });

  it("ends a user's sessions when its role changes or it is deactivated, and audits before and after", async () => {
    const target = await users.findUser(admin(), accounts["evaluator.kemenkes@pekppp.test"]!.id);
    const before = await row(`SELECT "sessionVersion" FROM "User" WHERE id = $1`, [target!.id]);
    const updated = await users.updateUser(admin(), {
      userId: target!.id,
      expectedUpdatedAt: target!.updatedAt.toISOString(),
      name: target!.name,
      role: "HEAD",
      institutionId: kemenkesId,
      isActive: true,
    });
    const afterRole = await row(`SELECT "sessionVersion", role FROM "User" WHERE id = $1`, [target!.id]);
    expect(afterRole).toEqual({ sessionVersion: before.sessionVersion + 1, role: "HEAD" });
    await users.updateUser(admin(), {
      userId: target!.id,
      expectedUpdatedAt: updated.updatedAt.toISOString(),
      name: target!.name,
      role: "HEAD",
      institutionId: kemenkesId,
      isActive: false,
    });
    const afterDeactivate = await row(`SELECT "sessionVersion", "isActive" FROM "User" WHERE id = $1`, [target!.id]);
    expect(afterDeactivate).toEqual({ sessionVersion: before.sessionVersion + 2, isActive: false });
    const events = await client.query(
      `SELECT action, before->>'role' AS "roleBefore", after->>'role' AS "roleAfter" FROM "AuditEvent" WHERE "entityId" = $1 ORDER BY id`,
      [target!.id],
    );
    expect(events.rows).toEqual([
      { action: "user.update", roleBefore: "EVALUATOR", roleAfter: "HEAD" },
      { action: "user.deactivate", roleBefore: "HEAD", roleAfter: "HEAD" },
    ]);
  });

  it("detects a concurrent edit: a form loaded before another change is refused and changes nothing", async () => {
    const target = await users.findUser(admin(), accounts["verifikator@pekppp.test"]!.id);
    const stale = target!.updatedAt.toISOString();
    await users.updateUser(admin(), {
      userId: target!.id,
      expectedUpdatedAt: stale,
      name: "Dewi A. (diubah admin 1)",
      role: "VERIFIER",
      institutionId: undefined,
      isActive: true,
    });
    await expect(
      users.updateUser(admin(), {
        userId: target!.id,
        expectedUpdatedAt: stale,
        name: "Diubah admin 2",
        role: "VERIFIER",
        institutionId: undefined,
        isActive: true,
      }),
    ).rejects.toMatchObject({ messageKey: "errors.conflict" });
    expect((await row(`SELECT name FROM "User" WHERE id = $1`, [target!.id])).name).toBe("Dewi A. (diubah admin 1)");
  });

  it("does not let an admin lock itself out", async () => {
    const self = await users.findUser(admin(), admin().id);
    await expect(
      users.updateUser(admin(), {
        userId: self!.id,
        expectedUpdatedAt: self!.updatedAt.toISOString(),
        name: self!.name,
        role: "ADMIN",
        institutionId: undefined,
        isActive: false,
      }),
    ).rejects.toMatchObject({ messageKey: "users.cannotDemoteSelf" });
  });

  it("replaces a verifier's assignments in a cycle, keeps the unchanged ones, and audits the change", async () => {
    const verifier = accounts["verifikator@pekppp.test"]!;
    const current = await users.listVerifierAssignments(admin(), verifier.id, cycleId);
    const keep = current[0]!.institution.id;
    const keptRow = await row(`SELECT id FROM "VerifierAssignment" WHERE "verifierId" = $1 AND "institutionId" = $2 AND "cycleId" = $3`, [
      verifier.id,
      keep,
      cycleId,
    ]);
    const result = await users.setVerifierAssignments(admin(), { userId: verifier.id, cycleId, institutionIds: [keep, kemenkesId] });
    expect(result).toEqual({ added: 1, removed: current.length - 1 });
    const after = await users.listVerifierAssignments(admin(), verifier.id, cycleId);
    expect(after.map((a) => a.institution.id).sort()).toEqual([keep, kemenkesId].sort());
    expect(
      (await row(`SELECT id FROM "VerifierAssignment" WHERE "verifierId" = $1 AND "institutionId" = $2 AND "cycleId" = $3`, [verifier.id, keep, cycleId])).id,
    ).toBe(keptRow.id);
    const event = await row(`SELECT action, after FROM "AuditEvent" WHERE action = 'assignment.set' ORDER BY id DESC LIMIT 1`);
    expect(event.after.institutionIds).toEqual([keep, kemenkesId].sort());
  });

  it("refuses to rewrite a finalised cycle's assignments and writes nothing", async () => {
    const verifier = accounts["verifikator@pekppp.test"]!;
    const finalised = (await row(`SELECT id FROM "Cycle" WHERE status = 'FINALISED' ORDER BY year DESC LIMIT 1`)).id;
    const assignments = `SELECT count(*)::int AS n FROM "VerifierAssignment" WHERE "cycleId" = $1`;
    const before = await row(assignments, [finalised]);
    const events = await row(`SELECT count(*)::int AS n FROM "AuditEvent"`);
    await expect(users.setVerifierAssignments(admin(), { userId: verifier.id, cycleId: finalised, institutionIds: [kemenkesId] })).rejects.toMatchObject({
      messageKey: "assignmentAdmin.cycleClosed",
    });
    expect(await row(assignments, [finalised])).toEqual(before);
    expect(await row(`SELECT count(*)::int AS n FROM "AuditEvent"`)).toEqual(events);
  });

  it("lets an admin search the audit trail by actor, action, entity and date", async () => {
    const byAction = await audit.searchAuditEvents(admin(), { action: "user.create", page: 1 });
    expect(byAction.events.map((e) => e.action)).toEqual(["user.create"]);
    const byActor = await audit.searchAuditEvents(admin(), { actor: "admin@pekppp", page: 1 });
    expect(byActor.total).toBeGreaterThanOrEqual(5);
    expect(byActor.events.every((e) => e.actorLabel.includes("admin@pekppp"))).toBe(true);
    const byEntity = await audit.searchAuditEvents(admin(), { entityType: "VerifierAssignment", page: 1 });
    expect(byEntity.total).toBe(1);
    const today = new Date().toISOString().slice(0, 10);
    expect((await audit.searchAuditEvents(admin(), { from: today, to: today, action: "user.", page: 1 })).total).toBeGreaterThanOrEqual(4);
    expect((await audit.searchAuditEvents(admin(), { to: "2000-01-01", page: 1 })).total).toBe(0);
    expect((await audit.searchAuditEvents(head(), { page: 1 })).events).toEqual([]);
  });

  it("offers the search form each action and entity type once, in order, and nothing to a non-admin", async () => {
    const facets = await audit.auditFacets(admin());
    const distinct = await client.query(`SELECT DISTINCT action FROM "AuditEvent" ORDER BY action`);
    expect(facets.actions).toEqual(distinct.rows.map((r) => r.action));
    expect(facets.actions).toContain("user.create");
    expect(facets.entityTypes).toContain("VerifierAssignment");
    expect(new Set(facets.entityTypes).size).toBe(facets.entityTypes.length);
    expect(await audit.auditFacets(head())).toEqual({ actions: [], entityTypes: [] });
  });

  it("changes one's own password only with the current one, and clears the forced change", async () => {
    const created = await users.createUser(admin(), { email: "kepala.baru@pekppp.test", name: "Kepala Baru", role: "HEAD", institutionId: palembangId });
    const actor: CurrentUser = {
      id: created.user.id,
      email: "kepala.baru@pekppp.test",
      name: "Kepala Baru",
      role: "HEAD",
      institutionId: palembangId,
      institutionName: null,
      mustChangePassword: true,
      sessionId: "00000000-0000-4000-8000-000000000000",
    };
    await expect(users.changeOwnPassword(actor, "salah-sekali-1", "BaruSekali2026")).rejects.toMatchObject({ messageKey: "account.currentPasswordWrong" });
    await users.changeOwnPassword(actor, created.temporaryPassword, "BaruSekali2026");
    const stored = await row(`SELECT "passwordHash", "mustChangePassword" FROM "User" WHERE id = $1`, [actor.id]);
    expect(stored.mustChangePassword).toBe(false);
    expect(await bcrypt.compare("BaruSekali2026", stored.passwordHash)).toBe(true);
  });

  it("ends all of one's own sessions, and only one's own, with an audit record", async () => {
    const version = async (id: string) => (await row(`SELECT "sessionVersion" AS v FROM "User" WHERE id = $1`, [id])).v as number;
    const [headBefore, adminBefore] = [await version(head().id), await version(admin().id)];
    await users.endOwnSessions(head());
    expect(await version(head().id)).toBe(headBefore + 1);
    expect(await version(admin().id)).toBe(adminBefore);
    const audited = await row(`SELECT "actorId", "entityId" FROM "AuditEvent" WHERE action = 'user.sessions-end' ORDER BY "occurredAt" DESC LIMIT 1`);
    expect(audited).toEqual({ actorId: head().id, entityId: head().id });
  });
});
