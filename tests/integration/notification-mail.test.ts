import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Runner } from "graphile-worker";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { type ReceivedMail, startSmtpCapture, waitFor } from "./support/smtp";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

const ZERO_SESSION = "00000000-0000-4000-8000-000000000000";
const PORTAL = "https://pekppp.contoh.go.id";

/**
 * E-mail end to end: the change writes the notification and its outbox message, the worker
 * (graphile-worker, as the portal's role) sends it with nodemailer to a real SMTP server started
 * here, which receives it: recipient, subject, link.
 */
describe("notification e-mail through a real SMTP server", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
  let worker: Runner;
  let actors: Record<string, CurrentUser>;
  let review: typeof import("@/lib/server/verification/review");
  let cycleId: string;
  let palembangId: string;

  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const verifier = () => actors["verifikator@pekppp.test"]!;
  const admin = () => actors["admin@pekppp.test"]!;
  const evaluator = () => actors["evaluator.palembang@pekppp.test"]!;
  const head = () => actors["pimpinan.palembang@pekppp.test"]!;
  const mailsTo = (address: string, subject: string) => smtp.received.filter((m) => m.to.includes(address) && m.subject === subject);
  const arrived = (address: string, subject: string, link: string) =>
    waitFor(`"${subject}" to ${address}`, () => mailsTo(address, subject).find((m) => m.body.includes(link)));

  async function inReview(serviceType: string) {
    const id = (
      await one(
        `SELECT a.id FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a."cycleId" = $1 AND l."institutionId" = $2 AND l."serviceType" = $3`,
        [cycleId, palembangId, serviceType],
      )
    ).id as string;
    await client.query(`UPDATE "Assessment" SET status = 'IN_REVIEW' WHERE id = $1`, [id]);
    await client.query(
      `INSERT INTO "VerifiedAnswer" ("assessmentId", "indicatorId", level, "updatedAt")
       SELECT $1, i.id, 4, now() FROM "InstrumentIndicator" i JOIN "Cycle" c ON c."instrumentVersionId" = i."instrumentVersionId" WHERE c.id = $2 AND i.weight > 0
       ON CONFLICT ("assessmentId", "indicatorId") DO UPDATE SET level = 4`,
      [id, cycleId],
    );
    return id;
  }

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    database = await useSeededDatabase();
    process.env.SMTP_URL = smtp.url;
    process.env.MAIL_FROM = "Portal PEKPPP <noreply@pekppp.test>";
    process.env.AUTH_URL = PORTAL;
    configureServerEnvironment(database.url);
    review = await import("@/lib/server/verification/review");
    const { startNotificationWorker } = await import("@/lib/server/notifications/worker");
    worker = await startNotificationWorker({ connectionString: database.url, schedule: false, concurrency: 4 });
    client = new pg.Client({ connectionString: database.ownerUrl });
    await client.connect();
    actors = await loadDemoActors(client);
    for (const actor of Object.values(actors)) actor.sessionId ??= ZERO_SESSION;
    cycleId = (await one(`SELECT id FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL`)).id;
    palembangId = (await one(`SELECT id FROM "Institution" WHERE code = 'KOTA-16-PALEMBANG'`)).id;
  });
  afterAll(async () => {
    await worker?.stop();
    await smtp?.stop();
    await client?.end();
    if (database) await closeServerLayer(database);
  });

  it("sends a return to the unit's evaluator and head, in their language, with the link to the indicator", async () => {
    const id = await inReview("JASA");
    await client.query(`UPDATE "User" SET locale = 'en' WHERE id = $1`, [head().id]);
    await review.returnForRevision(verifier(), { assessmentId: id, summary: "", reasons: [{ indicatorCode: "2.a.P", reason: "Bukti belum lengkap." }] });
    const link = `${PORTAL}/assessments/${id}#indikator-2.a.P`;
    const toEvaluator = await arrived(evaluator().email, "[PEKPPP] Lokus dikembalikan untuk perbaikan", link);
    expect(toEvaluator.from).toBe("noreply@pekppp.test");
    expect(toEvaluator.body).toContain("dikembalikan untuk perbaikan dengan 1 alasan");
    expect(toEvaluator.body).toContain(`${PORTAL}/notifications/preferences`);
    expect(toEvaluator.body).toContain(`href="${link}"`);
    const toHead = await arrived(head().email, "[PEKPPP] Locus returned for revision", link);
    expect(toHead.body).toContain("was returned for revision with 1 reason");
    const outbox = await one(`SELECT status, attempts, "sentAt" FROM "OutboxMessage" WHERE "toAddress" = $1 AND subject LIKE '%returned%'`, [head().email]);
    expect(outbox).toMatchObject({ status: "SENT", attempts: 1 });
  });

  it("sends an approval to the unit", async () => {
    const id = await inReview("BARANG");
    await review.approveAssessment(verifier(), id);
    await arrived(evaluator().email, "[PEKPPP] Lokus disetujui", `${PORTAL}/assessments/${id}`);
    await arrived(head().email, "[PEKPPP] Locus approved", `${PORTAL}/assessments/${id}`);
  });

  it("sends publication to every head with their own index and grade", async () => {
    const { setCyclePublication } = await import("@/lib/server/cycle/status");
    const past = await one(`SELECT id, "updatedAt" FROM "Cycle" WHERE "publishedAt" IS NOT NULL ORDER BY year DESC LIMIT 1`);
    const withdrawn = await setCyclePublication(admin(), { cycleId: past.id, publish: false, expectedUpdatedAt: past.updatedAt.toISOString() });
    await setCyclePublication(admin(), { cycleId: past.id, publish: true, expectedUpdatedAt: withdrawn.updatedAt });
    const result = await one(
      `SELECT "indexPublished"::text AS index, grade FROM "InstitutionResult" WHERE "cycleId" = $1 AND "institutionId" = $2 AND kind = 'VERIFIED'`,
      [past.id, palembangId],
    );
    const mail = await arrived(head().email, "[PEKPPP] Results published", `${PORTAL}/dashboard`);
    expect(mail.body).toContain(`${result.index} (grade ${result.grade})`);
    const heads = Number((await one(`SELECT count(*) AS n FROM "User" WHERE role = 'HEAD' AND "isActive" AND "institutionId" IS NOT NULL`)).n);
    await waitFor(
      "a publication mail to every head",
      () => smtp.received.filter((m) => m.subject.includes("Hasil evaluasi diterbitkan") || m.subject.includes("Results published")).length >= heads,
    );
  });

  it("sends a deadline reminder to an evaluator with unsubmitted loci", async () => {
    // The self-assessment stage closes in two and a half days: the 3-day reminder is due.
    const now = new Date();
    await client.query(`UPDATE "CycleStage" SET "endsAt" = $2 WHERE "cycleId" = $1 AND kind = 'SELF_ASSESSMENT'`, [
      cycleId,
      new Date(now.getTime() + 2.5 * 86_400_000),
    ]);
    await worker.addJob("notifications:reminders", {});
    const mail = await arrived(evaluator().email, "[PEKPPP] Pengingat batas waktu tahap", `${PORTAL}/loci`);
    expect(mail.body).toMatch(/3 hari lagi tahap penilaian mandiri/);
  });

  it("keeps a message while the SMTP server is down, retries with backoff, and delivers it once when it is back", async () => {
    await smtp.stop();
    const id = await inReview("ADMINISTRATIF");
    await review.approveAssessment(verifier(), id);
    const message = await one(`SELECT id FROM "OutboxMessage" WHERE "toAddress" = $1 AND "textBody" LIKE $2`, [evaluator().email, `%/assessments/${id}%`]);
    const failed = await waitFor("a failed attempt recorded", async () => {
      const row = await one(`SELECT status, attempts, "lastError" FROM "OutboxMessage" WHERE id = $1`, [message.id]);
      return row.status === "RETRYING" ? row : null;
    });
    expect(failed.attempts).toBeGreaterThanOrEqual(1);
    expect(failed.lastError).toMatch(/ECONNREFUSED|connect/i);
    await smtp.start();
    const mail: ReceivedMail = await arrived(evaluator().email, "[PEKPPP] Lokus disetujui", `${PORTAL}/assessments/${id}`);
    expect(mail.messageId).toBe(`<${message.id}@pekppp.portal>`);
    // Give a duplicate every chance to show up: none does.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(smtp.received.filter((m) => m.messageId === mail.messageId)).toHaveLength(1);
    expect(await one(`SELECT status, "lastError" IS NOT NULL AS "hadError" FROM "OutboxMessage" WHERE id = $1`, [message.id])).toEqual({
      status: "SENT",
      hadError: true,
    });
  });
});
