import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

type Review = typeof import("@/lib/server/verification/review");
type Reads = typeof import("@/lib/server/notifications/notifications");
type Emit = typeof import("@/lib/server/notifications/emit");

const ZERO_SESSION = "00000000-0000-4000-8000-000000000000";

describe("notifications: events in the change's transaction, recipients by scope, reading, preferences, outbox", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let review: Review;
  let reads: Reads;
  let emit: Emit;
  let db: typeof import("@/lib/server/db/client").db;
  let actors: Record<string, CurrentUser>;
  let cycleId: string;
  let palembangId: string;
  let kemenkesId: string;
  let returnedId: string;
  let approvedId: string;

  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const rows = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows;
  const verifier = () => actors["verifikator@pekppp.test"]!;
  const admin = () => actors["admin@pekppp.test"]!;
  const evaluator = () => actors["evaluator.palembang@pekppp.test"]!;
  const head = () => actors["pimpinan.palembang@pekppp.test"]!;
  const foreignEvaluator = () => actors["evaluator.kemenkes@pekppp.test"]!;
  /** The unit's people: every active evaluator and head of Palembang. */
  const unitIds = async () =>
    (await rows(`SELECT id FROM "User" WHERE "institutionId" = $1 AND role IN ('EVALUATOR','HEAD') AND "isActive" ORDER BY id`, [palembangId])).map(
      (r) => r.id,
    );
  const notificationsOf = (kind: string, assessmentId: string | null = null) =>
    rows(`SELECT * FROM "Notification" WHERE kind = $1 AND ($2::uuid IS NULL OR "assessmentId" = $2) ORDER BY "userId"`, [kind, assessmentId]);

  /** A Palembang locus of the running cycle, in review, every scored indicator with a verified level. */
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
       SELECT $1, i.id, 3, now() FROM "InstrumentIndicator" i JOIN "Cycle" c ON c."instrumentVersionId" = i."instrumentVersionId" WHERE c.id = $2 AND i.weight > 0
       ON CONFLICT ("assessmentId", "indicatorId") DO UPDATE SET level = 3`,
      [id, cycleId],
    );
    return id;
  }

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    review = await import("@/lib/server/verification/review");
    reads = await import("@/lib/server/notifications/notifications");
    emit = await import("@/lib/server/notifications/emit");
    db = (await import("@/lib/server/db/client")).db;
    client = new pg.Client({ connectionString: database.ownerUrl });
    await client.connect();
    actors = await loadDemoActors(client);
    for (const actor of Object.values(actors)) actor.sessionId ??= ZERO_SESSION;
    cycleId = (await one(`SELECT id FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL`)).id;
    palembangId = (await one(`SELECT id FROM "Institution" WHERE code = 'KOTA-16-PALEMBANG'`)).id;
    kemenkesId = foreignEvaluator().institutionId!;
    returnedId = await inReview("JASA");
    approvedId = await inReview("BARANG");
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  it("a return tells the unit's evaluators and head, linking to the first indicator, with its e-mail queued in the same transaction", async () => {
    await review.returnForRevision(verifier(), {
      assessmentId: returnedId,
      summary: "Perbaiki bukti.",
      reasons: [
        { indicatorCode: "1.a.Ak", reason: "Bukti SK tidak terbaca." },
        { indicatorCode: "2.a.P", reason: "Tanggal tidak sesuai." },
      ],
    });
    const written = await notificationsOf("assessment.returned", returnedId);
    expect(written.map((n) => n.userId).sort()).toEqual(await unitIds());
    expect(written.map((n) => n.userId)).not.toContain(verifier().id);
    for (const n of written) {
      expect(n).toMatchObject({ institutionId: palembangId, cycleId, link: `/assessments/${returnedId}#indikator-1.a.Ak`, channel: "EMAIL", readAt: null });
      expect(n.params).toMatchObject({ count: 2, institution: expect.stringContaining("Palembang") });
    }
    const outbox = await rows(`SELECT * FROM "OutboxMessage" WHERE "notificationId" = ANY($1::uuid[])`, [written.map((n) => n.id)]);
    expect(outbox).toHaveLength(written.length);
    const toHead = outbox.find((m) => m.toAddress === head().email)!;
    expect(toHead).toMatchObject({ status: "QUEUED", locale: "id", subject: "[PEKPPP] Lokus dikembalikan untuk perbaikan" });
    expect(toHead.textBody).toContain(`/assessments/${returnedId}#indikator-1.a.Ak`);
    expect(toHead.textBody).toContain("/notifications/preferences");
    // Stored with a placeholder origin, which the worker replaces with the portal's address when it sends.
    expect(toHead.htmlBody).toContain(`href="https://portal-pekppp.invalid/assessments/${returnedId}#indikator-1.a.Ak"`);
    const jobs = await rows(
      `SELECT j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE t.identifier = 'notifications:deliver'`,
    );
    expect(jobs.flatMap((j) => j.payload.outboxIds)).toEqual(expect.arrayContaining(outbox.map((m) => m.id)));
  });

  it("writes nothing when the change is refused: the notification belongs to its transaction", async () => {
    const before = Number((await one(`SELECT count(*) AS n FROM "Notification"`)).n);
    await expect(review.approveAssessment(verifier(), returnedId)).rejects.toMatchObject({ messageKey: "verification.wrongStatus" });
    expect(Number((await one(`SELECT count(*) AS n FROM "Notification"`)).n)).toBe(before);
  });

  it("an approval reaches the head's bell and list, in the reader's language, and opening it marks it read", async () => {
    const unreadBefore = await reads.unreadNotificationCount(head());
    await review.approveAssessment(verifier(), approvedId);
    expect(await reads.unreadNotificationCount(head())).toBe(unreadBefore + 1);
    const list = await reads.listNotifications(head(), { show: "unread", page: 1 }, "en");
    const item = list.items.find((i) => i.kind === "assessment.approved")!;
    expect(item).toMatchObject({ title: "Locus approved", link: `/assessments/${approvedId}`, read: false });
    expect(item.text).toMatch(/was approved by the verifier\.$/);
    expect((await reads.listNotifications(head(), { show: "unread", page: 1 }, "id")).items.find((i) => i.id === item.id)!.title).toBe("Lokus disetujui");
    expect(await reads.openNotification(head(), item.id)).toEqual({ link: `/assessments/${approvedId}` });
    expect(await reads.unreadNotificationCount(head())).toBe(unreadBefore);
    expect((await reads.listNotifications(head(), { show: "all", page: 1 }, "id")).items.find((i) => i.id === item.id)!.read).toBe(true);
  });

  it("a foreign evaluator reading, opening or marking another institution's notification gets 'not found'", async () => {
    const theirs = (await notificationsOf("assessment.approved", approvedId)).find((n) => n.userId === evaluator().id)!;
    await expect(reads.openNotification(foreignEvaluator(), theirs.id)).rejects.toMatchObject({ messageKey: "errors.notFound" });
    await expect(reads.markNotificationsRead(foreignEvaluator(), [theirs.id])).rejects.toMatchObject({ messageKey: "errors.notFound" });
    const list = await reads.listNotifications(foreignEvaluator(), { show: "all", page: 1 }, "id");
    expect(list.items.map((i) => i.id)).not.toContain(theirs.id);
    // The same person, moved to another institution, no longer reads the old institution's notices.
    const moved = { ...evaluator(), institutionId: kemenkesId };
    await expect(reads.openNotification(moved, theirs.id)).rejects.toMatchObject({ messageKey: "errors.notFound" });
    expect((await reads.listNotifications(moved, { show: "all", page: 1 }, "id")).total).toBe(0);
    expect(await reads.unreadNotificationCount(moved)).toBe(0);
    // Its own reader still may.
    expect(await reads.markNotificationsRead(evaluator(), [theirs.id])).toEqual({ marked: 1 });
  });

  it("a submission tells the verifiers assigned to the institution in the cycle, and only while they stay assigned", async () => {
    await db.$transaction((tx) => emit.emitNotification(tx, { kind: "assessment.submitted", assessmentId: returnedId, actorId: evaluator().id }));
    const assigned = (
      await rows(`SELECT "verifierId" FROM "VerifierAssignment" WHERE "cycleId" = $1 AND "institutionId" = $2 ORDER BY "verifierId"`, [cycleId, palembangId])
    ).map((r) => r.verifierId);
    const written = await notificationsOf("assessment.submitted", returnedId);
    expect(written.map((n) => n.userId).sort()).toEqual(assigned);
    const mine = written.find((n) => n.userId === verifier().id)!;
    expect(mine.link).toBe(`/assessments/${returnedId}/review`);
    await expect(reads.openNotification(verifier(), mine.id)).resolves.toEqual({ link: `/assessments/${returnedId}/review` });
    await client.query(`DELETE FROM "VerifierAssignment" WHERE "cycleId" = $1 AND "institutionId" = $2 AND "verifierId" = $3`, [
      cycleId,
      palembangId,
      verifier().id,
    ]);
    try {
      await expect(reads.openNotification(verifier(), mine.id)).rejects.toMatchObject({ messageKey: "errors.notFound" });
    } finally {
      await client.query(`INSERT INTO "VerifierAssignment" ("cycleId", "verifierId", "institutionId") VALUES ($1, $2, $3)`, [
        cycleId,
        verifier().id,
        palembangId,
      ]);
    }
  });

  it("a comment tells the thread's participants in scope, a mention instead where mentioned, never the author", async () => {
    const commentId = crypto.randomUUID();
    await db.$transaction((tx) =>
      emit.emitNotification(tx, {
        kind: "comment.posted",
        assessmentId: returnedId,
        indicatorCode: "1.a.Ak",
        commentId,
        authorId: evaluator().id,
        participantIds: [evaluator().id, verifier().id, head().id, foreignEvaluator().id],
        mentionedUserIds: [verifier().id],
      }),
    );
    const written = await rows(`SELECT "userId", kind, link FROM "Notification" WHERE "dedupeKey" = $1 ORDER BY kind`, [`comment:${commentId}`]);
    expect(written).toEqual([
      { userId: verifier().id, kind: "comment.mentioned", link: `/assessments/${returnedId}/review#indikator-1.a.Ak` },
      { userId: head().id, kind: "comment.posted", link: `/assessments/${returnedId}#indikator-1.a.Ak` },
    ]);
  });

  it("publication tells every head of the cycle once, with its own index and grade", async () => {
    const past = (await one(`SELECT id FROM "Cycle" WHERE "publishedAt" IS NOT NULL ORDER BY year DESC LIMIT 1`)).id;
    const first = await db.$transaction((tx) => emit.emitNotification(tx, { kind: "results.published", cycleId: past, actorId: admin().id }));
    const again = await db.$transaction((tx) => emit.emitNotification(tx, { kind: "results.published", cycleId: past, actorId: admin().id }));
    expect(again).toBe(0);
    const heads = Number((await one(`SELECT count(*) AS n FROM "User" WHERE role = 'HEAD' AND "isActive"`)).n);
    expect(first).toBe(heads);
    const mine = (await rows(`SELECT * FROM "Notification" WHERE kind = 'results.published' AND "userId" = $1`, [head().id]))[0];
    const result = await one(
      `SELECT "indexPublished"::text AS index, grade FROM "InstitutionResult" WHERE "cycleId" = $1 AND "institutionId" = $2 AND kind = 'VERIFIED'`,
      [past, palembangId],
    );
    expect(mine.params).toMatchObject({ hasIndex: "yes", index: result.index, grade: result.grade, institution: expect.stringContaining("Palembang") });
    const text = (await reads.listNotifications(head(), { show: "unread", page: 1 }, "id")).items.find((i) => i.kind === "results.published")!.text;
    expect(text).toContain(`${result.index} (predikat ${result.grade})`);
  });

  it("follows each user's choice per kind: in the portal only, e-mail at once, or one daily digest (audited)", async () => {
    await reads.saveNotificationPreferences(head(), {
      preferences: [
        { kind: "assessment.approved", channel: "IN_APP" },
        { kind: "recommendation.written", channel: "DIGEST" },
      ],
    });
    await reads.saveNotificationPreferences(evaluator(), { preferences: [{ kind: "assessment.approved", channel: "DIGEST" }] });
    expect(await reads.notificationPreferences(head())).toEqual(
      expect.arrayContaining([
        { kind: "assessment.approved", channel: "IN_APP" },
        { kind: "assessment.returned", channel: "EMAIL" },
      ]),
    );
    const audit = await one(`SELECT before, after FROM "AuditEvent" WHERE action = 'notification.preferences' AND "actorId" = $1`, [head().id]);
    expect(audit).toEqual({
      before: { "assessment.approved": "EMAIL", "recommendation.written": "EMAIL" },
      after: { "assessment.approved": "IN_APP", "recommendation.written": "DIGEST" },
    });

    const third = await inReview("ADMINISTRATIF");
    await review.approveAssessment(verifier(), third);
    const written = await notificationsOf("assessment.approved", third);
    expect(Object.fromEntries(written.map((n) => [n.userId, n.channel]))).toMatchObject({ [head().id]: "IN_APP", [evaluator().id]: "DIGEST" });
    const outboxTo = (await rows(`SELECT "toAddress" FROM "OutboxMessage" WHERE "notificationId" = ANY($1::uuid[])`, [written.map((n) => n.id)])).map(
      (r) => r.toAddress,
    );
    expect(outboxTo).not.toContain(head().email);
    expect(outboxTo).not.toContain(evaluator().email);

    const { writeDigests } = await import("@/lib/server/notifications/digest");
    expect(await writeDigests()).toBeGreaterThanOrEqual(1);
    const digest = await one(`SELECT * FROM "OutboxMessage" WHERE kind = 'digest' AND "toAddress" = $1`, [evaluator().email]);
    expect(digest.subject).toBe("[PEKPPP] Ringkasan harian Portal PEKPPP: 1 notifikasi");
    expect(digest.textBody).toContain(`/assessments/${third}`);
    expect(await writeDigests()).toBe(0);
  });

  it("lets admins read the outbox and send a failed or kept message again (audited); nobody else", async () => {
    const message = await one(`SELECT id FROM "OutboxMessage" ORDER BY "createdAt" LIMIT 1`);
    await client.query(`UPDATE "OutboxMessage" SET status = 'FAILED', attempts = 25, "lastError" = 'connect ECONNREFUSED' WHERE id = $1`, [message.id]);
    const list = await reads.listOutbox(admin(), { status: "FAILED", page: 1 });
    expect(list.messages.map((m) => [m.id, m.lastError])).toEqual([[message.id, "connect ECONNREFUSED"]]);
    await expect(reads.listOutbox(evaluator(), { page: 1 })).rejects.toMatchObject({ messageKey: "errors.notFound" });
    await expect(reads.resendOutboxMessage(evaluator(), message.id)).rejects.toMatchObject({ messageKey: "errors.notFound" });
    expect(await reads.resendOutboxMessage(admin(), message.id)).toEqual({ status: "QUEUED" });
    await expect(reads.resendOutboxMessage(admin(), message.id)).rejects.toMatchObject({ messageKey: "notifications.outbox.notResendable" });
    expect(await one(`SELECT before, after FROM "AuditEvent" WHERE action = 'outbox.resend' AND "entityId" = $1`, [message.id])).toEqual({
      before: { status: "FAILED", attempts: 25 },
      after: { status: "QUEUED" },
    });
  });

  it("a recommendation, and a follow-up accepted or sent back, tell the unit's evaluators at the recommendation", async () => {
    const recommendations = await import("@/lib/server/verification/recommendations");
    const created = await recommendations.createRecommendation(verifier(), {
      assessmentId: approvedId,
      target: "indicator:1.a.Ak",
      text: "Tetapkan dan publikasikan standar pelayanan.",
      targetDate: "2027-06-30",
    });
    const written = await notificationsOf("recommendation.written", approvedId);
    expect(written.map((n) => [n.userId, n.link])).toEqual([[evaluator().id, `/follow-up/recommendations/${created.id}`]]);
    expect(written[0].params.excerpt).toBe("Tetapkan dan publikasikan standar pelayanan.");

    // A follow-up action reported on a recommendation of the previous cycle, waiting for its verifier.
    const pending = await one(
      `SELECT f.id, f.version, r.id AS "recommendationId" FROM "FollowUpAction" f JOIN "Recommendation" r ON r.id = f."recommendationId"
       JOIN "Assessment" a ON a.id = r."assessmentId" JOIN "Locus" l ON l.id = a."locusId"
       JOIN "VerifierAssignment" v ON v."cycleId" = a."cycleId" AND v."institutionId" = l."institutionId" AND v."verifierId" = $2
       WHERE l."institutionId" = $1 AND f.review = 'PENDING' LIMIT 1`,
      [palembangId, verifier().id],
    );
    const followUps = await import("@/lib/server/follow-up/follow-ups");
    await followUps.reviewFollowUp(verifier(), {
      followUpId: pending.id,
      decision: "REQUEST_MORE",
      note: "Lampirkan notulen rapat.",
      baseVersion: pending.version,
    });
    const sentBack = await rows(`SELECT "userId", link, params FROM "Notification" WHERE kind = 'followUp.moreRequested'`);
    expect(sentBack).toEqual([
      {
        userId: evaluator().id,
        link: `/follow-up/recommendations/${pending.recommendationId}`,
        params: expect.objectContaining({ note: "Lampirkan notulen rapat." }),
      },
    ]);
  });

  it("the F-03 minimum reached tells the locus's evaluators once", async () => {
    const survey = await import("@/lib/server/survey/survey");
    await client.query(`UPDATE "Assessment" SET status = 'SUBMITTED' WHERE id = $1`, [returnedId]);
    await client.query(`DELETE FROM "SurveyResponse" WHERE "assessmentId" = $1`, [returnedId]);
    await client.query(`UPDATE "Cycle" SET "minSurveyRespondents" = 2 WHERE id = $1`, [cycleId]);
    const link = await survey.createSurveyLink(verifier(), { assessmentId: returnedId });
    const answer = async (n: number) =>
      expect(
        await survey.submitSurveyResponse(
          link.token,
          { ratings: Array.from({ length: 14 }, () => 4) },
          { respondentKeyHash: survey.respondentKeyHash(link.token, `browser-${n}`), address: null },
        ),
      ).toEqual({ outcome: "ok" });
    await answer(1);
    expect(await notificationsOf("survey.minimumReached", returnedId)).toEqual([]);
    await answer(2);
    await answer(3);
    const written = await notificationsOf("survey.minimumReached", returnedId);
    expect(written.map((n) => [n.userId, n.params.respondents])).toEqual([[evaluator().id, 2]]);
  });

  it("lets the portal's role use the job queue the owner installed, but not change it", async () => {
    const app = new pg.Client({ connectionString: database.url });
    await app.connect();
    try {
      const [job] = (await app.query(`SELECT id FROM graphile_worker.add_job('notifications:digest', '{}'::json, run_at => now() + interval '1 day')`)).rows;
      expect(job.id).toBeTruthy();
      expect((await app.query(`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE id = $1`, [job.id])).rows[0].n).toBe(1);
      await app.query(`DELETE FROM graphile_worker._private_jobs WHERE id = $1`, [job.id]);
      await expect(app.query(`INSERT INTO graphile_worker.migrations (id) VALUES (9999)`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`CREATE TABLE graphile_worker.sneaky (id int)`)).rejects.toThrow(/permission denied for schema graphile_worker/);
      await expect(app.query(`ALTER TABLE graphile_worker._private_jobs DISABLE ROW LEVEL SECURITY`)).rejects.toThrow(/must be owner/);
    } finally {
      await app.end();
    }
  });

  it("marks all of one's notifications read, and only one's own", async () => {
    const othersUnread = Number((await one(`SELECT count(*) AS n FROM "Notification" WHERE "userId" <> $1 AND "readAt" IS NULL`, [head().id])).n);
    expect((await reads.markAllNotificationsRead(head())).marked).toBeGreaterThan(0);
    expect(await reads.unreadNotificationCount(head())).toBe(0);
    expect(Number((await one(`SELECT count(*) AS n FROM "Notification" WHERE "userId" <> $1 AND "readAt" IS NULL`, [head().id])).n)).toBe(othersUnread);
  });
});
