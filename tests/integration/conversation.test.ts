import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

type Conversation = typeof import("@/lib/server/conversation/comments");
type Verification = typeof import("@/lib/server/verification/review");
type Evidence = typeof import("@/lib/server/assessment/evidence");

const PNG = new Uint8Array(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"));
const MINUTE = 60_000;

describe("conversation per indicator: who talks, mentions, edits, questions, approval, rounds, scope and audit", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let conversation: Conversation;
  let verification: Verification;
  let evidence: Evidence;
  let actors: Record<string, CurrentUser>;
  let storageDir: string;
  let assessmentId: string;
  let finalId: string;
  let questionId: string;

  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const verifier = () => actors["verifikator@pekppp.test"]!;
  const evaluator = () => actors["evaluator.palembang@pekppp.test"]!;
  const foreignEvaluator = () => actors["evaluator.kemenkes@pekppp.test"]!;
  const head = () => actors["pimpinan.palembang@pekppp.test"]!;
  const admin = () => actors["admin@pekppp.test"]!;
  /** A verifier of the portal who is not assigned to Palembang. */
  const otherVerifier = async (): Promise<CurrentUser> => {
    const row = await one(`SELECT id, name, email FROM "User" WHERE email = 'verifikator01@pekppp.test'`);
    return { ...row, role: "VERIFIER", institutionId: null, institutionName: null, mustChangePassword: false, sessionId: "" } as CurrentUser;
  };
  const audits = async (entityId: string) =>
    (await client.query(`SELECT action, before, after, "assessmentId" FROM "AuditEvent" WHERE "entityId" = $1 ORDER BY id`, [entityId])).rows;

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    storageDir = await mkdtemp(path.join(tmpdir(), "pekppp-conversation-"));
    process.env.EVIDENCE_DIR = storageDir;
    conversation = await import("@/lib/server/conversation/comments");
    verification = await import("@/lib/server/verification/review");
    evidence = await import("@/lib/server/assessment/evidence");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    const locus = `SELECT a.id FROM "Assessment" a JOIN "Cycle" c ON c.id = a."cycleId" JOIN "Locus" l ON l.id = a."locusId"
      JOIN "Institution" i ON i.id = l."institutionId" WHERE i.code = 'KOTA-16-PALEMBANG' AND l."serviceType" = $1 AND c.status = $2 ORDER BY c.year DESC LIMIT 1`;
    // A Palembang locus of the running cycle in review (round 1), with every verified level set.
    assessmentId = (await one(locus, ["BARANG", "ACTIVE"])).id;
    await client.query(`UPDATE "Assessment" SET status = 'IN_REVIEW', round = 1 WHERE id = $1`, [assessmentId]);
    await client.query(`DELETE FROM "VerifiedAnswer" WHERE "assessmentId" = $1`, [assessmentId]);
    await client.query(
      `INSERT INTO "VerifiedAnswer" ("assessmentId", "indicatorId", level, note, "updatedAt")
       SELECT $1, i.id, 3, 'Sesuai.', now() FROM "InstrumentIndicator" i JOIN "Cycle" c ON c."instrumentVersionId" = i."instrumentVersionId"
       JOIN "Assessment" a ON a."cycleId" = c.id WHERE a.id = $1`,
      [assessmentId],
    );
    // The same locus in a finalised cycle: its threads are read-only.
    finalId = (await one(locus, ["BARANG", "FINALISED"])).id;
  });
  afterAll(async () => {
    delete process.env.EVIDENCE_DIR;
    await client.end();
    await closeServerLayer(database);
    await rm(storageDir, { recursive: true, force: true });
  });

  it("lets the locus's verifier ask a question that mentions an evaluator, in the round it is written in, audited in the same transaction", async () => {
    const posted = await conversation.postComment(verifier(), assessmentId, {
      indicatorCode: "1.a.Ak",
      body: `@${evaluator().name} mohon unggah SK penetapan Standar Pelayanan. (cc @nama.tidak.ada)`,
      asQuestion: true,
    });
    questionId = posted.comment.id;
    expect(posted).toMatchObject({
      comment: {
        indicatorCode: "1.a.Ak",
        round: 1,
        authorId: verifier().id,
        authorRole: "VERIFIER",
        isQuestion: true,
        resolvedAt: null,
        mentions: [{ id: evaluator().id, name: evaluator().name }],
        attachments: [],
      },
      answeredQuestionIds: [],
    });
    // The notification is written in the same transaction: the mentioned evaluator is told so, at the indicator.
    const notices = await client.query(`SELECT "userId", kind, link FROM "Notification" WHERE "assessmentId" = $1 AND kind LIKE 'comment.%'`, [assessmentId]);
    expect(notices.rows).toContainEqual({ userId: evaluator().id, kind: "comment.mentioned", link: expect.stringContaining(`/assessments/${assessmentId}#`) });
    expect(notices.rows.map((r) => r.userId)).not.toContain(verifier().id);
    const [record] = await audits(questionId);
    expect(record).toMatchObject({
      action: "comment.post",
      assessmentId,
      before: null,
      after: { indicatorCode: "1.a.Ak", round: 1, isQuestion: true, mentionedUserIds: [evaluator().id] },
    });
  });

  it("shows the thread and its open question to the unit's evaluators, its verifiers, admins and its head; only participants may post", async () => {
    for (const reader of [evaluator(), verifier(), admin(), head()]) {
      const view = await conversation.loadConversation(reader, assessmentId);
      expect(view?.threads["1.a.Ak"]?.map((c) => c.id)).toEqual([questionId]);
      expect(view?.openQuestions).toEqual({ total: 1, byIndicator: { "1.a.Ak": 1 } });
      expect(view?.canPost).toBe(reader.role === "EVALUATOR" || reader.role === "VERIFIER");
      expect(view?.canAsk).toBe(reader.role === "VERIFIER");
    }
    const participants = (await conversation.loadConversation(evaluator(), assessmentId))!.participants;
    expect(participants.map((p) => p.id)).toEqual(expect.arrayContaining([evaluator().id, verifier().id]));
    expect(participants.every((p) => p.role === "EVALUATOR" || p.role === "VERIFIER")).toBe(true);
    const input = { indicatorCode: "1.a.Ak", body: "Saya ikut membaca.", asQuestion: false };
    for (const reader of [admin(), head()])
      await expect(conversation.postComment(reader, assessmentId, input)).rejects.toMatchObject({ messageKey: "errors.notFound" });
  });

  it("answers 'not found' to a foreign evaluator and to a verifier not assigned to the institution, for reading and writing alike", async () => {
    const input = { indicatorCode: "1.a.Ak", body: "Halo", asQuestion: false };
    for (const stranger of [foreignEvaluator(), await otherVerifier()]) {
      expect(await conversation.loadConversation(stranger, assessmentId)).toBeNull();
      await expect(conversation.postComment(stranger, assessmentId, input)).rejects.toMatchObject({ messageKey: "errors.notFound" });
      await expect(conversation.editComment(stranger, { commentId: questionId, body: "x" })).rejects.toMatchObject({ messageKey: "errors.notFound" });
    }
    await expect(conversation.resolveQuestion(await otherVerifier(), questionId)).rejects.toMatchObject({ messageKey: "errors.notFound" });
    await expect(conversation.resolveQuestion(evaluator(), questionId)).rejects.toMatchObject({ messageKey: "errors.notFound" });
    // An unknown id is refused the same way.
    expect(await conversation.loadConversation(evaluator(), "00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("lets only a verifier ask, and refuses an unknown indicator", async () => {
    await expect(
      conversation.postComment(evaluator(), assessmentId, { indicatorCode: "1.a.Ak", body: "Apakah ini pertanyaan?", asQuestion: true }),
    ).rejects.toMatchObject({ messageKey: "conversation.onlyVerifierAsks" });
    await expect(conversation.postComment(evaluator(), assessmentId, { indicatorCode: "99.z.Z", body: "Halo", asQuestion: false })).rejects.toMatchObject({
      messageKey: "validation.indicatorUnknown",
    });
  });

  it("refuses to approve while a question is open unless the verifier confirms, saying how many", async () => {
    await expect(verification.approveAssessment(verifier(), assessmentId)).rejects.toMatchObject({
      messageKey: "verification.openQuestionsUnconfirmed",
      values: { count: 1 },
    });
    await expect(verification.approveAssessment(verifier(), assessmentId, { confirmOpenQuestions: false })).rejects.toMatchObject({
      messageKey: "verification.openQuestionsUnconfirmed",
    });
    expect((await one(`SELECT status FROM "Assessment" WHERE id = $1`, [assessmentId])).status).toBe("IN_REVIEW");
  });

  it("lets the author edit within five minutes (the audit keeps the earlier text), and nobody after that or other than the author", async () => {
    const at = new Date();
    const posted = await conversation.postComment(
      evaluator(),
      assessmentId,
      { indicatorCode: "2.a.P", body: "Draf SK sedang diparaf.", asQuestion: false },
      at,
    );
    const id = posted.comment.id;
    const edited = await conversation.editComment(
      evaluator(),
      { commentId: id, body: `SK sudah ditandatangani, @${verifier().name}.` },
      new Date(at.getTime() + 4 * MINUTE),
    );
    expect(edited).toMatchObject({ body: `SK sudah ditandatangani, @${verifier().name}.`, mentions: [{ id: verifier().id }] });
    expect(edited.editedAt).not.toBeNull();
    await expect(conversation.editComment(verifier(), { commentId: id, body: "Bukan milik saya" }, at)).rejects.toMatchObject({
      messageKey: "conversation.editOnlyAuthor",
    });
    await expect(conversation.editComment(evaluator(), { commentId: id, body: "Terlambat" }, new Date(at.getTime() + 5 * MINUTE + 1))).rejects.toMatchObject({
      messageKey: "conversation.editWindowPassed",
      values: { minutes: 5 },
    });
    expect((await one(`SELECT body FROM "IndicatorComment" WHERE id = $1`, [id])).body).toBe(`SK sudah ditandatangani, @${verifier().name}.`);
    const trail = await audits(id);
    expect(trail.map((r) => r.action)).toEqual(["comment.post", "comment.edit"]);
    expect(trail[1]).toMatchObject({
      before: { body: "Draf SK sedang diparaf.", mentionedUserIds: [] },
      after: { body: `SK sudah ditandatangani, @${verifier().name}.`, mentionedUserIds: [verifier().id] },
    });
  });

  it("closes the open question when the unit replies in its thread; a verifier's reply does not", async () => {
    const fromVerifier = await conversation.postComment(verifier(), assessmentId, {
      indicatorCode: "1.a.Ak",
      body: "Tambahan: cantumkan tanggal.",
      asQuestion: false,
    });
    expect(fromVerifier.answeredQuestionIds).toEqual([]);
    const reply = await conversation.postComment(evaluator(), assessmentId, {
      indicatorCode: "1.a.Ak",
      body: "SK sudah diunggah sebagai bukti dukung.",
      asQuestion: false,
    });
    expect(reply.answeredQuestionIds).toEqual([questionId]);
    const view = await conversation.loadConversation(verifier(), assessmentId);
    expect(view?.openQuestions.total).toBe(0);
    expect(view?.threads["1.a.Ak"]?.find((c) => c.id === questionId)).toMatchObject({
      resolvedByName: evaluator().name,
      answerId: reply.comment.id,
    });
    expect((await audits(questionId)).map((r) => r.action)).toEqual(["comment.post", "comment.questionAnswered"]);
  });

  it("attaches a file through the evidence storage: downloadable by whoever reads the thread, not by a foreign evaluator, never in the indicator's evidence", async () => {
    const posted = await conversation.postCommentWithFile(
      evaluator(),
      assessmentId,
      { indicatorCode: "1.a.Ak", body: "Foto papan informasi terlampir.", asQuestion: false },
      { originalName: "papan informasi.png", bytes: PNG },
    );
    const [attachment] = posted.comment.attachments;
    expect(attachment).toMatchObject({ kind: "FILE", safeName: "papan informasi.png", mimeType: "image/png", indicatorCode: "1.a.Ak" });
    for (const reader of [verifier(), head(), admin()]) expect((await evidence.openEvidence(reader, attachment!.id)).mimeType).toBe("image/png");
    await expect(evidence.openEvidence(foreignEvaluator(), attachment!.id)).rejects.toMatchObject({ messageKey: "errors.notFound" });
    expect((await evidence.listEvidence(evaluator(), assessmentId)).map((i) => i.id)).not.toContain(attachment!.id);
    expect((await audits(posted.comment.id))[0]?.after).toMatchObject({ attachment: { kind: "FILE", safeName: "papan informasi.png", mimeType: "image/png" } });
    // A file the evidence rules refuse is refused here too, and no comment is written.
    const before = (await one(`SELECT count(*)::int AS n FROM "IndicatorComment" WHERE "assessmentId" = $1`, [assessmentId])).n;
    await expect(
      conversation.postCommentWithFile(
        evaluator(),
        assessmentId,
        { indicatorCode: "1.a.Ak", body: "Program", asQuestion: false },
        { originalName: "a.exe", bytes: Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, ...new Array(50).fill(0)]) },
      ),
    ).rejects.toBeTruthy();
    expect((await one(`SELECT count(*)::int AS n FROM "IndicatorComment" WHERE "assessmentId" = $1`, [assessmentId])).n).toBe(before);
  });

  it("carries the thread over to the next round of the same locus, each comment keeping the round it was written in", async () => {
    await verification.returnForRevision(verifier(), {
      assessmentId,
      summary: "",
      reasons: [{ indicatorCode: "1.a.Ak", reason: "Tanggal SK belum tercantum." }],
    });
    const during = await conversation.postComment(evaluator(), assessmentId, { indicatorCode: "1.a.Ak", body: "Sedang kami perbaiki.", asQuestion: false });
    expect(during.comment.round).toBe(1);
    // The unit resubmits (round 2) and the verifier opens the review again.
    await client.query(`UPDATE "Assessment" SET status = 'SUBMITTED', round = 2 WHERE id = $1`, [assessmentId]);
    await verification.startReview(verifier(), assessmentId);
    const next = await conversation.postComment(verifier(), assessmentId, { indicatorCode: "1.a.Ak", body: "Sudah sesuai, terima kasih.", asQuestion: false });
    expect(next.comment.round).toBe(2);
    const view = await conversation.loadConversation(evaluator(), assessmentId);
    expect(view?.round).toBe(2);
    const rounds = view?.threads["1.a.Ak"]?.map((c) => c.round);
    expect(rounds?.[0]).toBe(1);
    expect(rounds?.at(-1)).toBe(2);
    expect(new Set(rounds)).toEqual(new Set([1, 2]));
  });

  it("lets a verifier mark a verifier's comment as a question and resolve it; a unit's comment is never turned into one", async () => {
    const thread = (await conversation.loadConversation(verifier(), assessmentId))!.threads["1.a.Ak"]!;
    const unitComment = thread.find((c) => c.authorRole === "EVALUATOR")!;
    await expect(conversation.markAsQuestion(verifier(), unitComment.id)).rejects.toMatchObject({ messageKey: "conversation.cannotMarkQuestion" });
    await expect(conversation.markAsQuestion(evaluator(), unitComment.id)).rejects.toMatchObject({ messageKey: "errors.notFound" });
    const own = thread.filter((c) => c.authorRole === "VERIFIER" && !c.isQuestion).at(-1)!;
    expect(await conversation.markAsQuestion(verifier(), own.id)).toMatchObject({ isQuestion: true, resolvedAt: null });
    expect((await conversation.loadConversation(evaluator(), assessmentId))!.openQuestions.total).toBe(1);
    const resolved = await conversation.resolveQuestion(verifier(), own.id);
    expect(resolved).toMatchObject({ isQuestion: true, answerId: null, resolvedByName: verifier().name });
    expect(resolved.resolvedAt).not.toBeNull();
    await expect(conversation.resolveQuestion(verifier(), unitComment.id)).rejects.toMatchObject({ messageKey: "conversation.notAQuestion" });
    expect((await audits(own.id)).map((r) => r.action)).toEqual(["comment.post", "comment.markQuestion", "comment.resolveQuestion"]);
    // Marked again: open again, so the approval below needs its confirmation.
    await conversation.markAsQuestion(
      verifier(),
      (await conversation.postComment(verifier(), assessmentId, { indicatorCode: "3.a.T", body: "Mohon jelaskan.", asQuestion: false })).comment.id,
    );
  });

  it("approves with the explicit confirmation while a question is open, and records it", async () => {
    await expect(verification.approveAssessment(verifier(), assessmentId)).rejects.toMatchObject({ values: { count: 1 } });
    expect(await verification.approveAssessment(verifier(), assessmentId, { confirmOpenQuestions: true })).toEqual({ status: "VERIFIED" });
    const record = await one(`SELECT after FROM "AuditEvent" WHERE "assessmentId" = $1 AND action = 'assessment.approve' ORDER BY id DESC LIMIT 1`, [
      assessmentId,
    ]);
    expect(record.after).toEqual({ status: "VERIFIED", openQuestions: 1, confirmedOpenQuestions: true });
  });

  it("keeps a final locus's threads read-only", async () => {
    await expect(conversation.postComment(evaluator(), finalId, { indicatorCode: "1.a.Ak", body: "Masih bisa?", asQuestion: false })).rejects.toMatchObject({
      messageKey: "conversation.closed",
    });
    const view = await conversation.loadConversation(evaluator(), finalId);
    expect(view).toMatchObject({ open: false, canPost: false, canAsk: false });
  });

  it("never deletes a comment: the portal's database role may not", async () => {
    await expect(client.query(`DELETE FROM "IndicatorComment" WHERE id = $1`, [questionId])).rejects.toThrow(/permission denied/);
    expect(await one(`SELECT count(*)::int AS n FROM "IndicatorComment" WHERE id = $1`, [questionId])).toEqual({ n: 1 });
  });
});
