import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

type Appeals = typeof import("@/lib/server/appeals/appeals");
type SignOff = typeof import("@/lib/server/sign-off/sign-off");
type Correction = typeof import("@/lib/server/correction/correction");
type Reads = typeof import("@/lib/server/notifications/notifications");

const ZERO_SESSION = "00000000-0000-4000-8000-000000000000";

/**
 * Issue 15's notifications, written in the transaction of the step (emitNotification): an appeal
 * filed tells the admins (who assign its reviewer), its decision tells the unit's evaluators, the
 * verifier's signature of a Berita Acara tells the institution's heads it awaits them, and a
 * published correction tells the institution's heads and evaluators. The actor is never told.
 */
describe("notifications of the steps that make results official", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let appeals: Appeals;
  let signOff: SignOff;
  let correction: Correction;
  let reads: Reads;
  let actors: Record<string, CurrentUser>;
  let storageDir: string;
  let cycleId: string;
  let palembangId: string;
  let verifiedId: string;

  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const rows = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows;
  const admin = () => actors["admin@pekppp.test"] as CurrentUser & { email: string };
  const evaluator = () => actors["evaluator.palembang@pekppp.test"]!;
  const head = () => actors["pimpinan.palembang@pekppp.test"]!;
  const verifier = () => actors["verifikator@pekppp.test"]!;
  const notificationsOf = (kind: string, assessmentId: string) =>
    rows(`SELECT * FROM "Notification" WHERE kind = $1 AND "assessmentId" = $2 ORDER BY "userId"`, [kind, assessmentId]);
  const palembangUsers = async (roles: string[]) =>
    (await rows(`SELECT id FROM "User" WHERE "institutionId" = $1 AND role::text = ANY($2) AND "isActive" ORDER BY id`, [palembangId, roles])).map((r) => r.id);

  beforeAll(async () => {
    storageDir = await mkdtemp(path.join(tmpdir(), "pekppp-official-"));
    process.env.EVIDENCE_DIR = storageDir;
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    appeals = await import("@/lib/server/appeals/appeals");
    signOff = await import("@/lib/server/sign-off/sign-off");
    correction = await import("@/lib/server/correction/correction");
    reads = await import("@/lib/server/notifications/notifications");
    client = new pg.Client({ connectionString: database.ownerUrl });
    await client.connect();
    actors = await loadDemoActors(client);
    for (const actor of Object.values(actors)) actor.sessionId ??= ZERO_SESSION;
    cycleId = (await one(`SELECT id FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL`)).id;
    palembangId = (await one(`SELECT id FROM "Institution" WHERE code = 'KOTA-16-PALEMBANG'`)).id;
    // The demo's VERIFIED Palembang locus (BARANG) of the running cycle, scored by the demo verifier.
    verifiedId = (
      await one(
        `SELECT a.id FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a."cycleId" = $1 AND l."institutionId" = $2 AND l."serviceType" = 'BARANG' AND a.status = 'VERIFIED'`,
        [cycleId, palembangId],
      )
    ).id;
    await client.query(`UPDATE "VerifiedAnswer" SET "updatedById" = $2 WHERE "assessmentId" = $1`, [verifiedId, verifier().id]);
  });
  afterAll(async () => {
    await client?.end();
    if (database) await closeServerLayer(database);
    await rm(storageDir, { recursive: true, force: true });
    delete process.env.EVIDENCE_DIR;
  });

  it("an appeal filed tells every admin, at the cycle's appeals; its decision tells the unit's evaluators", async () => {
    const { appealId } = await appeals.fileAppeal(evaluator(), {
      assessmentId: verifiedId,
      indicatorCode: "1.a.Ak",
      argument: "SK SOP terbit sebelum verifikasi.",
    });
    const filed = await notificationsOf("appeal.filed", verifiedId);
    const admins = (await rows(`SELECT id FROM "User" WHERE role = 'ADMIN' AND "isActive" ORDER BY id`)).map((r) => r.id);
    expect(filed.map((n) => n.userId)).toEqual(admins);
    for (const n of filed) {
      expect(n).toMatchObject({ link: `/admin/cycles/${cycleId}/appeals`, cycleId, institutionId: palembangId });
      expect(n.params).toMatchObject({ indicator: "1.a.Ak", institution: expect.stringContaining("Palembang") });
    }
    const outbox = await rows(`SELECT subject FROM "OutboxMessage" WHERE "notificationId" = ANY($1::uuid[])`, [filed.map((n) => n.id)]);
    expect(outbox.map((m) => m.subject)).toEqual(filed.map(() => "[PEKPPP] Sanggah diajukan"));

    const reviewer = (await one(`SELECT id, name, email FROM "User" WHERE email = 'verifikator01@pekppp.test'`)) as CurrentUser;
    Object.assign(reviewer, { role: "VERIFIER", institutionId: null, sessionId: ZERO_SESSION });
    await appeals.assignAppealReviewer(admin(), { appealId, reviewerId: reviewer.id, allowScorer: false });
    await appeals.decideAppeal(reviewer, { appealId, decision: "REJECT", note: "Bukti tidak menunjukkan penetapan." });
    const decided = await notificationsOf("appeal.decided", verifiedId);
    expect(decided.map((n) => n.userId)).toEqual(await palembangUsers(["EVALUATOR"]));
    expect(decided[0]).toMatchObject({ link: `/assessments/${verifiedId}` });
    const list = await reads.listNotifications(evaluator(), { show: "unread", page: 1 }, "id");
    expect(list.items.find((i) => i.kind === "appeal.decided")?.text).toBe(`Sanggah atas indikator 1.a.Ak (${decided[0].params.locus}) ditolak.`);
  });

  it("a refused appeal notifies nobody", async () => {
    const before = Number((await one(`SELECT count(*) AS n FROM "Notification" WHERE kind = 'appeal.filed'`)).n);
    await expect(appeals.fileAppeal(evaluator(), { assessmentId: verifiedId, indicatorCode: "unknown", argument: "x" })).rejects.toBeTruthy();
    expect(Number((await one(`SELECT count(*) AS n FROM "Notification" WHERE kind = 'appeal.filed'`)).n)).toBe(before);
  });

  it("the verifier's signature tells the institution's head that the Berita Acara awaits them; the head's own signature tells nobody", async () => {
    const { code } = await signOff.signBeritaAcara(verifier(), verifiedId, "pekppp-demo");
    const waiting = await notificationsOf("signOff.awaitingHead", verifiedId);
    expect(waiting.map((n) => n.userId)).toEqual(await palembangUsers(["HEAD"]));
    expect(waiting[0]).toMatchObject({ link: `/assessments/${verifiedId}/berita-acara` });
    expect(waiting[0].params).toMatchObject({ code });
    await signOff.signBeritaAcara(head(), verifiedId, "pekppp-demo");
    expect(await notificationsOf("signOff.awaitingHead", verifiedId)).toHaveLength(waiting.length);
  });

  it("a published correction tells the institution's heads and evaluators, not the admin who published it", async () => {
    const publishedCycle = (await one(`SELECT id FROM "Cycle" WHERE "publishedAt" IS NOT NULL ORDER BY year DESC LIMIT 1`)).id;
    const finalId = (
      await one(
        `SELECT a.id FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a."cycleId" = $1 AND l."institutionId" = $2 AND a.status = 'FINAL' ORDER BY l."serviceType" LIMIT 1`,
        [publishedCycle, palembangId],
      )
    ).id;
    await correction.openCorrection(
      admin(),
      finalId,
      { reason: "Level salah dimasukkan", decreeReference: "SK 9/2026" },
      {
        originalName: "sk.pdf",
        bytes: new TextEncoder().encode("%PDF-1.4\n%%EOF\n"),
      },
    );
    expect(await notificationsOf("correction.published", finalId)).toHaveLength(0);
    await correction.publishCorrection(admin(), finalId);
    const told = await notificationsOf("correction.published", finalId);
    expect(told.map((n) => n.userId)).toEqual(await palembangUsers(["EVALUATOR", "HEAD"]));
    expect(told.map((n) => n.userId)).not.toContain(admin().id);
    for (const n of told) expect(n).toMatchObject({ link: `/assessments/${finalId}`, cycleId: publishedCycle });
    const list = await reads.listNotifications(head(), { show: "unread", page: 1 }, "en");
    expect(list.items.find((i) => i.kind === "correction.published")?.title).toBe("Result correction published");
  });
});
