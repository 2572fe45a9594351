import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

type Assignments = typeof import("@/lib/server/users/assignments");

describe("verifier assignments per cycle: bulk, load, reassignment that keeps the work, audit", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let layer: Assignments;
  let actors: Record<string, CurrentUser>;
  let cycleId: string;
  let pool: (n: string) => Promise<CurrentUser>;

  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const admin = () => actors["admin@pekppp.test"]!;
  const verifiersOf = async (institutionCode: string) =>
    (
      await client.query(
        `SELECT u.email FROM "VerifierAssignment" va JOIN "User" u ON u.id = va."verifierId" JOIN "Institution" i ON i.id = va."institutionId"
       WHERE va."cycleId" = $1 AND i.code = $2 ORDER BY u.email`,
        [cycleId, institutionCode],
      )
    ).rows.map((r) => r.email as string);

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    layer = await import("@/lib/server/users/assignments");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    cycleId = (await one(`SELECT id FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL`)).id;
    // Pool verifiers have no password, so loadDemoActors leaves them out.
    pool = async (n) => ({
      ...(await one(`SELECT id, name, email FROM "User" WHERE email = $1`, [`verifikator${n}@pekppp.test`])),
      role: "VERIFIER",
      institutionId: null,
      institutionName: null,
      mustChangePassword: false,
    });
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  it("assigns a verifier in bulk to every regency and city of a province, audited once per institution, and again changes nothing", async () => {
    const v = await one(
      `INSERT INTO "User" (email, name, role, "updatedAt") VALUES ('verifikator.uji@pekppp.test', 'Verifikator Uji', 'VERIFIER', now()) RETURNING id, email`,
    );
    const input = { cycleId, verifierId: v.id, provinceCode: "35", types: ["KABUPATEN", "KOTA"] as ("KABUPATEN" | "KOTA")[], mode: "add" as const };
    const before = await verifiersOf("KAB-35-KEDIRI");
    expect(await layer.assignByFilter(admin(), input)).toEqual({ matched: 2, changed: 2 });
    expect(await verifiersOf("KAB-35-KEDIRI")).toEqual([...before, v.email].sort());
    expect(await verifiersOf("KAB-35-TUBAN")).toContain(v.email);
    expect(await layer.assignByFilter(admin(), input)).toEqual({ matched: 2, changed: 0 });
    const kediri = (await one(`SELECT id FROM "Institution" WHERE code = 'KAB-35-KEDIRI'`)).id;
    const audit = await client.query(`SELECT action, after FROM "AuditEvent" WHERE "entityType" = 'VerifierAssignment' AND "entityId" = $1`, [
      `${cycleId}:${kediri}`,
    ]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].action).toBe("assignment.add");
    // Every regency of the province at once, moving them away from whoever had them.
    expect(await layer.assignByFilter(admin(), { ...input, mode: "replace" })).toEqual({ matched: 2, changed: 2 });
    expect(await verifiersOf("KAB-35-KEDIRI")).toEqual([v.email]);
  });

  it("shows each verifier's institutions and loci by status, the loci adding up", async () => {
    const { verifiers, institutions, unassigned } = await layer.verifierLoad(admin(), cycleId);
    expect(institutions).toBe(40);
    expect(unassigned).toBe(0);
    const demo = verifiers.find((v) => v.email === "verifikator@pekppp.test")!;
    const expected = await one(
      `SELECT count(DISTINCT va."institutionId")::int AS institutions, count(a.id)::int AS loci FROM "VerifierAssignment" va
       JOIN "Locus" l ON l."institutionId" = va."institutionId" JOIN "Assessment" a ON a."locusId" = l.id AND a."cycleId" = va."cycleId"
       JOIN "User" u ON u.id = va."verifierId" WHERE va."cycleId" = $1 AND u.email = 'verifikator@pekppp.test'`,
      [cycleId],
    );
    expect({ institutions: demo.institutions, loci: demo.loci }).toEqual(expected);
    expect(Object.values(demo.byStatus).reduce((s, n) => s + n!, 0)).toBe(demo.loci);
    expect(verifiers.every((v) => v.loci === Object.values(v.byStatus).reduce((s, n) => s + n!, 0))).toBe(true);
  });

  it("moves an institution to another verifier keeping its verified answers and review rounds; the new verifier sees them, the old one no longer", async () => {
    const { loadReview } = await import("@/lib/server/verification/review-view");
    const oldVerifier = actors["verifikator@pekppp.test"]!;
    const newVerifier = await pool("02");
    const verified = await one(
      `SELECT a.id, i.id AS "institutionId" FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
       JOIN "VerifierAssignment" va ON va."institutionId" = i.id AND va."cycleId" = a."cycleId"
       WHERE a."cycleId" = $1 AND va."verifierId" = $2 AND a.status = 'VERIFIED' AND EXISTS (SELECT 1 FROM "VerifiedAnswer" v WHERE v."assessmentId" = a.id)
       LIMIT 1`,
      [cycleId, oldVerifier.id],
    );
    const work = `SELECT (SELECT count(*) FROM "VerifiedAnswer" WHERE "assessmentId" = $1)::int AS answers,
                         (SELECT count(*) FROM "ReviewRound" WHERE "assessmentId" = $1)::int AS rounds,
                         (SELECT count(*) FROM "Recommendation" WHERE "assessmentId" = $1)::int AS recommendations,
                         (SELECT status FROM "Assessment" WHERE id = $1) AS status`;
    const before = await one(work, [verified.id]);
    const review = await loadReview(oldVerifier, verified.id);
    expect(review).not.toBeNull();

    expect(await layer.assignInstitutions(admin(), { cycleId, verifierId: newVerifier.id, institutionIds: [verified.institutionId], mode: "replace" })).toEqual(
      { matched: 1, changed: 1 },
    );
    expect(await one(work, [verified.id])).toEqual(before);
    expect(await loadReview(oldVerifier, verified.id)).toBeNull();
    expect((await loadReview(newVerifier, verified.id))!.verified).toEqual(review!.verified);
    const audit = await one(`SELECT action, "actorId", before, after FROM "AuditEvent" WHERE "entityId" = $1 ORDER BY id DESC LIMIT 1`, [
      `${cycleId}:${verified.institutionId}`,
    ]);
    expect(audit).toEqual({
      action: "assignment.move",
      actorId: admin().id,
      before: { verifierIds: [oldVerifier.id] },
      after: { verifierIds: [newVerifier.id] },
    });
  });

  it("removes one verifier from an institution; removing it again is a conflict", async () => {
    const v = await one(`SELECT id FROM "User" WHERE email = 'verifikator.uji@pekppp.test'`);
    const kediri = (await one(`SELECT id FROM "Institution" WHERE code = 'KAB-35-KEDIRI'`)).id;
    expect(await layer.unassignInstitution(admin(), { cycleId, verifierId: v.id, institutionId: kediri })).toEqual({ removed: 1 });
    await expect(layer.unassignInstitution(admin(), { cycleId, verifierId: v.id, institutionId: kediri })).rejects.toMatchObject({
      messageKey: "errors.conflict",
    });
    expect((await one(`SELECT action FROM "AuditEvent" WHERE "entityId" = $1 ORDER BY id DESC LIMIT 1`, [`${cycleId}:${kediri}`])).action).toBe(
      "assignment.remove",
    );
  });

  it("refuses a finalised cycle, a non-verifier, unknown institutions and anyone but an admin", async () => {
    const past = (await one(`SELECT id FROM "Cycle" WHERE status = 'FINALISED' LIMIT 1`)).id;
    const v = await pool("03");
    const kediri = (await one(`SELECT id FROM "Institution" WHERE code = 'KAB-35-KEDIRI'`)).id;
    await expect(layer.assignInstitutions(admin(), { cycleId: past, verifierId: v.id, institutionIds: [kediri], mode: "add" })).rejects.toMatchObject({
      messageKey: "assignmentAdmin.cycleClosed",
    });
    await expect(layer.assignInstitutions(admin(), { cycleId, verifierId: admin().id, institutionIds: [kediri], mode: "add" })).rejects.toMatchObject({
      messageKey: "users.notAVerifier",
    });
    await expect(
      layer.assignInstitutions(admin(), { cycleId, verifierId: v.id, institutionIds: [kediri, "00000000-0000-4000-8000-000000000000"], mode: "add" }),
    ).rejects.toMatchObject({ messageKey: "validation.institutionInvalid" });
    await expect(
      layer.assignInstitutions(actors["verifikator@pekppp.test"]!, { cycleId, verifierId: v.id, institutionIds: [kediri], mode: "add" }),
    ).rejects.toMatchObject({ messageKey: "errors.notFound" });
    expect((await layer.verifierLoad(actors["evaluator.palembang@pekppp.test"]!, cycleId)).verifiers).toEqual([]);
  });
});
