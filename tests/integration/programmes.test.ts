import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wibDate } from "@/lib/domain/cycle";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

const DAY = 86_400_000;
const day = (offset: number) => wibDate(new Date(Date.now() + offset * DAY));

/**
 * Issue 16: programmes side by side. A Kemenkes Mandiri cycle runs next to the national cycle;
 * they never mix answers, results or notifications, the stage dates of one never gate the other,
 * and an institution admin acts on its own institution's cycles only ("not found" elsewhere),
 * while the national admin reads a Mandiri cycle's summary but cannot run it.
 */
describe("programmes and owners: a Mandiri cycle beside the national cycle", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let setup: typeof import("@/lib/server/cycle/setup");
  let status: typeof import("@/lib/server/cycle/status");
  let cycles: typeof import("@/lib/server/cycle/cycles");
  let overview: typeof import("@/lib/server/cycle/overview");
  let summary: typeof import("@/lib/server/cycle/summary");
  let selfAssessment: typeof import("@/lib/server/assessment/self-assessment");
  let recompute: typeof import("@/lib/server/results/recompute");
  let emit: typeof import("@/lib/server/notifications/emit");
  let review: typeof import("@/lib/server/verification/review");
  let users: typeof import("@/lib/server/users/users");
  let db: typeof import("@/lib/server/db/client").db;
  let actors: Record<string, CurrentUser>;
  let national: { id: string; year: number; instrumentVersionId: string };
  let mandiriId: string;
  let kemenkesId: string;
  let palembangId: string;
  let kemenkesAdmin: CurrentUser & { email: string };
  let palembangAdmin: CurrentUser & { email: string };
  let internalVerifier: CurrentUser;

  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const admin = () => actors["admin@pekppp.test"]!;
  const kemenkesEvaluator = () => actors["evaluator.kemenkes@pekppp.test"]!;
  const palembangEvaluator = () => actors["evaluator.palembang@pekppp.test"]!;
  const updatedAt = async (cycleId: string) => ((await one(`SELECT "updatedAt" FROM "Cycle" WHERE id = $1`, [cycleId])).updatedAt as Date).toISOString();
  const addUser = async (email: string, role: string, institutionId: string | null) => {
    const row = await one(
      `INSERT INTO "User" (email, name, role, "institutionId", "passwordHash", "updatedAt") VALUES ($1, $1, $2::"Role", $3, 'x', now()) RETURNING id`,
      [email, role, institutionId],
    );
    return { id: row.id as string, name: email, email, role, institutionId, mustChangePassword: false } as unknown as CurrentUser & { email: string };
  };
  const settings = { f02SharePercent: 80, minSurveyRespondents: 0, evidenceRequiredAboveZero: false, secondTierEnabled: false, secondTierInstitutionTypes: [] };
  const assessmentOf = async (cycleId: string, locusName: string) =>
    (await one(`SELECT a.id FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a."cycleId" = $1 AND l.name = $2`, [cycleId, locusName]))
      .id as string;
  const nationalLocusName = async () =>
    (
      await one(
        `SELECT l.name FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a."cycleId" = $1 AND l."institutionId" = $2 AND a.status = 'DRAFT' ORDER BY l.name LIMIT 1`,
        [national.id, kemenkesId],
      )
    ).name as string;
  /** A whole valid schedule around today, with the self-assessment's end chosen (the demo's current calendar). */
  const schedule = (selfAssessmentEnd: number) =>
    (
      [
        ["SELF_ASSESSMENT", -120, selfAssessmentEnd],
        ["SURVEY", -120, 45],
        ["VERIFICATION", -60, 75],
        ["APPEAL", -60, 75],
        ["FINALISATION", 76, 100],
        ["PUBLICATION", 101, 130],
        ["FOLLOW_UP", 131, 400],
      ] as const
    ).map(([kind, from, to]) => ({ kind, startsOn: day(from), endsOn: day(to) }));
  const setSchedule = async (actor: CurrentUser & { email: string }, cycleId: string, selfAssessmentEnd: number) =>
    expect(await setup.updateCycleStages(actor, { cycleId, expectedUpdatedAt: await updatedAt(cycleId), stages: schedule(selfAssessmentEnd) })).toMatchObject({
      saved: true,
    });

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    setup = await import("@/lib/server/cycle/setup");
    status = await import("@/lib/server/cycle/status");
    cycles = await import("@/lib/server/cycle/cycles");
    overview = await import("@/lib/server/cycle/overview");
    summary = await import("@/lib/server/cycle/summary");
    selfAssessment = await import("@/lib/server/assessment/self-assessment");
    recompute = await import("@/lib/server/results/recompute");
    emit = await import("@/lib/server/notifications/emit");
    review = await import("@/lib/server/verification/review");
    users = await import("@/lib/server/users/users");
    db = (await import("@/lib/server/db/client")).db;
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    national = await one(`SELECT id, year, "instrumentVersionId" FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL`);
    kemenkesId = (await one(`SELECT id FROM "Institution" WHERE code = 'KL-KEMENKES'`)).id;
    palembangId = (await one(`SELECT id FROM "Institution" WHERE code = 'KOTA-16-PALEMBANG'`)).id;
    kemenkesAdmin = await addUser("admin.kemenkes.test@pekppp.test", "INSTITUTION_ADMIN", kemenkesId);
    palembangAdmin = await addUser("admin.palembang.test@pekppp.test", "INSTITUTION_ADMIN", palembangId);
    internalVerifier = await addUser("verifikator.kemenkes.test@pekppp.test", "VERIFIER", kemenkesId);
    // The demo's own Mandiri cycles are over: this test runs its own beside the national cycle.
    await client.query(`UPDATE "Cycle" SET status = 'FINALISED' WHERE "ownerInstitutionId" IS NOT NULL`);
    // Three units of Kemenkes that are not national loci (issue 16: units beyond the ministry's pick).
    for (const name of ["RSUP Uji Satu", "RSUP Uji Dua", "UPT Uji Tiga"]) {
      await client.query(
        `INSERT INTO "Locus" ("institutionId", name, "serviceType", "unitKind", "nationalLocus", "updatedAt") VALUES ($1, $2, 'JASA', 'RUMAH_SAKIT', false, now())`,
        [kemenkesId, name],
      );
    }
  }, 120_000);
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  it("an institution admin's cycle is its institution's Mandiri cycle over all its active units, nothing of any other institution", async () => {
    const created = await setup.createCycle(kemenkesAdmin, {
      from: "instrument",
      year: national.year,
      name: "PEKPPP Mandiri Kemenkes",
      instrumentVersionId: national.instrumentVersionId,
      settings,
    });
    mandiriId = created.id;
    const cycle = await one(`SELECT "programmeCode", "ownerInstitutionId" FROM "Cycle" WHERE id = $1`, [mandiriId]);
    expect(cycle).toEqual({ programmeCode: "MANDIRI", ownerInstitutionId: kemenkesId });
    const units = await one(`SELECT count(*)::int AS n FROM "Locus" WHERE "institutionId" = $1 AND "isActive"`, [kemenkesId]);
    const taken = await one(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE l."institutionId" <> $2)::int AS foreign FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a."cycleId" = $1`,
      [mandiriId, kemenkesId],
    );
    expect(taken).toEqual({ n: units.n, foreign: 0 });
    expect(created.loci).toBe(units.n);
    // A programme institutions may not run is refused; the national admin's cycles are the ministry's.
    await expect(
      setup.createCycle(kemenkesAdmin, {
        from: "instrument",
        year: national.year,
        name: "Nasional palsu",
        programmeCode: "PEKPPP",
        instrumentVersionId: national.instrumentVersionId,
        settings,
      }),
    ).rejects.toMatchObject({ messageKey: "cycleAdmin.validation.programme" });
  });

  it("a ministry cycle takes the national loci only, never an institution's other units", async () => {
    const created = await setup.createCycle(admin() as CurrentUser & { email: string }, {
      from: "instrument",
      year: national.year,
      name: "Ramah Kelompok Rentan uji",
      programmeCode: "RAMAH_RENTAN",
      instrumentVersionId: national.instrumentVersionId,
      settings,
    });
    const row = await one(
      `SELECT c."programmeCode", c."ownerInstitutionId", count(a.id)::int AS n, count(a.id) FILTER (WHERE NOT l."nationalLocus")::int AS units
       FROM "Cycle" c JOIN "Assessment" a ON a."cycleId" = c.id JOIN "Locus" l ON l.id = a."locusId" WHERE c.id = $1 GROUP BY c.id`,
      [created.id],
    );
    expect(row).toMatchObject({ programmeCode: "RAMAH_RENTAN", ownerInstitutionId: null, units: 0 });
    expect(row.n).toBeGreaterThan(0);
  });

  it("starts the Mandiri cycle while the national cycle runs; a second cycle of the same programme and owner cannot start", async () => {
    await setSchedule(kemenkesAdmin, mandiriId, 30);
    await status.changeCycleStatus(kemenkesAdmin, { cycleId: mandiriId, expectedUpdatedAt: await updatedAt(mandiriId), action: "START" });
    expect((await one(`SELECT count(*)::int AS n FROM "Cycle" WHERE status = 'ACTIVE'`)).n).toBe(2);
    const second = await setup.createCycle(kemenkesAdmin, {
      from: "instrument",
      year: national.year,
      name: "Mandiri kedua",
      instrumentVersionId: national.instrumentVersionId,
      settings,
    });
    await expect(
      status.changeCycleStatus(kemenkesAdmin, { cycleId: second.id, expectedUpdatedAt: await updatedAt(second.id), action: "START" }),
    ).rejects.toMatchObject({ messageKey: "cycleAdmin.refusal.ANOTHER_ACTIVE" });
  });

  it("answers 'not found' to an institution admin on another institution's or the ministry's cycle, and to the national admin running a Mandiri cycle", async () => {
    const attempts = [
      () => status.changeCycleStatus(palembangAdmin, { cycleId: mandiriId, expectedUpdatedAt: new Date().toISOString(), action: "CLOSE" }),
      () => status.changeCycleStatus(kemenkesAdmin, { cycleId: national.id, expectedUpdatedAt: new Date().toISOString(), action: "CLOSE" }),
      () =>
        status.changeCycleStatus(admin() as CurrentUser & { email: string }, {
          cycleId: mandiriId,
          expectedUpdatedAt: new Date().toISOString(),
          action: "CLOSE",
        }),
      () =>
        status.setCyclePublication(admin() as CurrentUser & { email: string }, {
          cycleId: mandiriId,
          expectedUpdatedAt: new Date().toISOString(),
          publish: true,
        }),
      () => setup.addMissingLoci(palembangAdmin, mandiriId),
      () => setup.addMissingLoci(admin() as CurrentUser & { email: string }, mandiriId),
      () => review.finaliseCycle(admin() as CurrentUser & { email: string }, mandiriId),
      () => review.finaliseCycle(palembangAdmin, mandiriId),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ messageKey: "errors.notFound" });
    expect(await cycles.findCycleForAdmin(palembangAdmin, mandiriId)).toBeNull();
    expect(await cycles.findCycleForAdmin(kemenkesAdmin, national.id)).toBeNull();
    expect(await overview.cycleStatusMatrix(palembangAdmin, mandiriId)).toBeNull();
    expect((await overview.listCycleLoci(palembangAdmin, mandiriId, { page: 1 })).total).toBe(0);
    const own = await cycles.listCyclesForAdmin(kemenkesAdmin);
    expect(own.map((c) => c.id)).toContain(mandiriId);
    expect(own.every((c) => c.ownerInstitutionId === kemenkesId)).toBe(true);
    expect(await cycles.listCyclesForAdmin(palembangAdmin)).toEqual([]);
    expect((await cycles.listCyclesForAdmin(admin())).length).toBeGreaterThan(own.length);
    // The national admin reads the Mandiri cycle (its summary), it does not run it.
    expect((await cycles.findCycleForAdmin(admin(), mandiriId))?.id).toBe(mandiriId);
    expect(await overview.cycleStatusMatrix(kemenkesAdmin, mandiriId)).not.toBeNull();
  });

  it("lists each user's cycles: the institution's evaluator sees both, another institution's only the national one, the internal verifier its Mandiri cycle", async () => {
    await client.query(`INSERT INTO "VerifierAssignment" ("cycleId", "verifierId", "institutionId", "assignedById") VALUES ($1, $2, $3, $4)`, [
      mandiriId,
      internalVerifier.id,
      kemenkesId,
      kemenkesAdmin.id,
    ]);
    const ids = async (actor: CurrentUser) => (await cycles.listCyclesForActor(actor)).map((c) => c.id);
    expect(await ids(kemenkesEvaluator())).toEqual(expect.arrayContaining([national.id, mandiriId]));
    expect(await ids(palembangEvaluator())).not.toContain(mandiriId);
    expect(await ids(palembangEvaluator())).toContain(national.id);
    expect(await ids(internalVerifier)).toEqual([mandiriId]);
    expect(await ids(palembangAdmin)).not.toContain(mandiriId);
    // Running cycles first; a requested cycle the user does not take part in falls back to its own.
    expect((await cycles.listCyclesForActor(kemenkesEvaluator())).slice(0, 2).every((c) => c.status === "ACTIVE")).toBe(true);
    expect((await cycles.pickCycleForActor(palembangEvaluator(), mandiriId)).cycle?.id).toBe(national.id);
    expect((await cycles.pickCycleForActor(kemenkesEvaluator(), mandiriId)).cycle?.id).toBe(mandiriId);
  });

  it("keeps the answers of one locus apart in the two cycles, and the stage dates of one cycle never gate the other", async () => {
    const locus = await nationalLocusName();
    const inNational = await assessmentOf(national.id, locus);
    const inMandiri = await assessmentOf(mandiriId, locus);
    const versionOf = async (assessmentId: string) =>
      ((
        await one(
          `SELECT s.version FROM "SelfAnswer" s JOIN "InstrumentIndicator" i ON i.id = s."indicatorId" WHERE s."assessmentId" = $1 AND i.code = '2.a.P'`,
          [assessmentId],
        )
      )?.version ?? 0) as number;
    const save = async (assessmentId: string, level: number) =>
      selfAssessment.saveSelfAnswer(kemenkesEvaluator(), assessmentId, {
        indicatorCode: "2.a.P",
        level,
        justification: `Tingkat ${level}`,
        baseVersion: await versionOf(assessmentId),
      });
    expect((await save(inNational, 2)).ok).toBe(true);
    expect((await save(inMandiri, 5)).ok).toBe(true);
    const levels = await client.query(
      `SELECT a."cycleId", s.level FROM "SelfAnswer" s JOIN "Assessment" a ON a.id = s."assessmentId" JOIN "InstrumentIndicator" i ON i.id = s."indicatorId"
       WHERE s."assessmentId" = ANY($1::uuid[]) AND i.code = '2.a.P'`,
      [[inNational, inMandiri]],
    );
    expect(Object.fromEntries(levels.rows.map((r) => [r.cycleId, r.level]))).toEqual({ [national.id]: 2, [mandiriId]: 5 });
    // The Mandiri self-assessment closes; the national one stays open for the same evaluator and locus.
    await setSchedule(kemenkesAdmin, mandiriId, -5);
    await expect(save(inMandiri, 4)).rejects.toMatchObject({ messageKey: "selfAssessment.ended" });
    expect((await save(inNational, 3)).ok).toBe(true);
  });

  it("stores each cycle's results apart: recomputing the Mandiri cycle leaves the national cycle's results as they were", async () => {
    const snapshot = async (cycleId: string) =>
      (
        await client.query(
          `SELECT a."locusId", r.kind, r."indexPublished"::text, r.grade FROM "LocusResult" r JOIN "Assessment" a ON a.id = r."assessmentId" WHERE r."cycleId" = $1 ORDER BY 1, 2`,
          [cycleId],
        )
      ).rows;
    const before = await snapshot(national.id);
    await recompute.recomputeCycleResults(mandiriId);
    expect(await snapshot(national.id)).toEqual(before);
    const stray = await one(`SELECT count(*)::int AS n FROM "LocusResult" r JOIN "Assessment" a ON a.id = r."assessmentId" WHERE a."cycleId" <> r."cycleId"`);
    expect(stray.n).toBe(0);
    const institutions = await one(`SELECT count(*)::int AS n FROM "InstitutionResult" WHERE "cycleId" = $1 AND "institutionId" <> $2`, [
      mandiriId,
      kemenkesId,
    ]);
    expect(institutions.n).toBe(0);
  });

  it("notifies the Mandiri cycle's own verifiers of a Mandiri submission, never the national cycle's", async () => {
    const locus = await nationalLocusName();
    const inMandiri = await assessmentOf(mandiriId, locus);
    const nationalVerifiers = (
      await client.query(`SELECT "verifierId" FROM "VerifierAssignment" WHERE "cycleId" = $1 AND "institutionId" = $2`, [national.id, kemenkesId])
    ).rows.map((r) => r.verifierId as string);
    const since = new Date();
    await db.$transaction((tx) => emit.emitNotification(tx, { kind: "assessment.submitted", assessmentId: inMandiri, actorId: kemenkesEvaluator().id }));
    const recipients = (await client.query(`SELECT "userId", "cycleId" FROM "Notification" WHERE "createdAt" >= $1`, [since])).rows;
    expect(recipients.map((r) => r.userId)).toEqual([internalVerifier.id]);
    expect(recipients.every((r) => r.cycleId === mandiriId)).toBe(true);
    for (const id of nationalVerifiers) expect(recipients.map((r) => r.userId)).not.toContain(id);
  });

  it("gives the national admin every institution cycle's summary, read-only, and an institution admin only its own", async () => {
    const all = await summary.listOwnedCycleSummaries(admin());
    const mandiri = all.find((s) => s.id === mandiriId);
    expect(mandiri).toMatchObject({ programmeCode: "MANDIRI", ownerName: expect.any(String), units: expect.any(Number) });
    expect(mandiri?.units).toBeGreaterThanOrEqual(3);
    expect((await summary.listOwnedCycleSummaries(kemenkesAdmin)).map((s) => s.id)).toContain(mandiriId);
    expect(await summary.listOwnedCycleSummaries(palembangAdmin)).toEqual([]);
    expect(await summary.listOwnedCycleSummaries(kemenkesEvaluator())).toEqual([]);
  });

  it("lets an institution admin manage its own institution's evaluator, verifier and head accounts only", async () => {
    const { user } = await users.createUser(kemenkesAdmin, {
      email: "evaluator.mandiri.test@pekppp.test",
      name: "Evaluator Mandiri",
      role: "EVALUATOR",
      institutionId: kemenkesId,
    });
    expect(user).toMatchObject({ role: "EVALUATOR", institutionId: kemenkesId });
    const refused = [
      () => users.createUser(kemenkesAdmin, { email: "x1@pekppp.test", name: "Lain", role: "EVALUATOR", institutionId: palembangId }),
      () => users.createUser(kemenkesAdmin, { email: "x2@pekppp.test", name: "Admin", role: "ADMIN", institutionId: kemenkesId }),
      () => users.createUser(kemenkesAdmin, { email: "x3@pekppp.test", name: "Nasional", role: "VERIFIER" }),
      () => users.issueTemporaryPassword(kemenkesAdmin, palembangEvaluator().id),
      () => users.issueTemporaryPassword(palembangAdmin, user.id),
      () =>
        users.updateUser(palembangAdmin, {
          userId: user.id,
          expectedUpdatedAt: user.updatedAt.toISOString(),
          name: "Diambil",
          role: "EVALUATOR",
          institutionId: palembangId,
          isActive: true,
        }),
    ];
    for (const attempt of refused) await expect(attempt()).rejects.toMatchObject({ messageKey: "errors.notFound" });
    expect(await users.findUser(kemenkesAdmin, palembangEvaluator().id)).toBeNull();
    expect(await users.findUser(kemenkesAdmin, admin().id)).toBeNull();
    expect((await users.findUser(kemenkesAdmin, user.id))?.id).toBe(user.id);
    const listed = await users.searchUsers(kemenkesAdmin, { role: "ADMIN" });
    expect(listed.total).toBe(0);
    const mine = await users.searchUsers(kemenkesAdmin, {});
    expect(mine.users.every((u) => u.institutionId === kemenkesId)).toBe(true);
    expect((await users.listInstitutionOptions(kemenkesAdmin)).map((i) => i.id)).toEqual([kemenkesId]);
  });
});
