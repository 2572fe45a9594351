import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

type Verification = typeof import("@/lib/server/verification/review");

describe("verification: who may set verified levels, and the return, approve and finalise rules", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let layer: Verification;
  let actors: Record<string, CurrentUser>;
  let cycleId: string;
  let submittedId: string;

  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const verifier = () => actors["verifikator@pekppp.test"]!;
  const admin = () => actors["admin@pekppp.test"]!;
  const evaluator = () => actors["evaluator.palembang@pekppp.test"]!;
  /** A verifier of the same portal who is not assigned to Palembang. */
  const otherVerifier = async () => {
    const row = await one(`SELECT id, name, email FROM "User" WHERE email = 'verifikator01@pekppp.test'`);
    return { ...row, role: "VERIFIER" as const, institutionId: null, institutionName: null, mustChangePassword: false };
  };
  const scoredCodes = async () =>
    (
      await client.query(
        `SELECT i.code FROM "InstrumentIndicator" i JOIN "Cycle" c ON c."instrumentVersionId" = i."instrumentVersionId" WHERE c.id = $1 AND i.weight > 0 ORDER BY i.position`,
        [cycleId],
      )
    ).rows.map((r) => r.code as string);

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    layer = await import("@/lib/server/verification/review");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    cycleId = (await one(`SELECT id FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL`)).id;
    // A Palembang locus submitted by its unit, without any verified level yet.
    submittedId = (
      await one(
        `SELECT a.id FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
       WHERE a."cycleId" = $1 AND i.code = 'KOTA-16-PALEMBANG' AND l."serviceType" = 'JASA'`,
        [cycleId],
      )
    ).id;
    await client.query(`UPDATE "Assessment" SET status = 'SUBMITTED', round = round + 1 WHERE id = $1`, [submittedId]);
    await client.query(`DELETE FROM "VerifiedAnswer" WHERE "assessmentId" = $1`, [submittedId]);
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  it("refuses verified levels before the review has started", async () => {
    await expect(layer.saveVerifiedAnswer(verifier(), submittedId, { indicatorCode: "1.a.Ak", level: 3, note: "", baseVersion: 0 })).rejects.toMatchObject({
      messageKey: "verification.wrongStatus",
    });
  });

  it("lets only a verifier assigned in this cycle start the review; others get not found", async () => {
    await expect(layer.startReview(await otherVerifier(), submittedId)).rejects.toMatchObject({ messageKey: "errors.notFound" });
    await expect(layer.startReview({ ...evaluator(), role: "EVALUATOR" }, submittedId)).rejects.toMatchObject({ messageKey: "errors.notFound" });
    expect(await layer.startReview(verifier(), submittedId)).toEqual({ status: "IN_REVIEW" });
    expect((await one(`SELECT action FROM "AuditEvent" WHERE "assessmentId" = $1 ORDER BY id DESC LIMIT 1`, [submittedId])).action).toBe(
      "assessment.startReview",
    );
  });

  it("accepts verified levels only from the assigned verifier, never defaulting to the self level", async () => {
    const stored = await one(`SELECT count(*)::int AS n FROM "VerifiedAnswer" WHERE "assessmentId" = $1`, [submittedId]);
    expect(stored.n).toBe(0);
    await expect(
      layer.saveVerifiedAnswer(await otherVerifier(), submittedId, { indicatorCode: "1.a.Ak", level: 1, note: "", baseVersion: 0 }),
    ).rejects.toMatchObject({ messageKey: "errors.notFound" });
    const saved = await layer.saveVerifiedAnswer(verifier(), submittedId, { indicatorCode: "1.a.Ak", level: 2, note: "SP belum ditetapkan.", baseVersion: 0 });
    expect(saved).toMatchObject({ ok: true, answer: { level: 2, justification: "SP belum ditetapkan.", version: 1 } });
    const stale = await layer.saveVerifiedAnswer(verifier(), submittedId, { indicatorCode: "1.a.Ak", level: 4, note: "", baseVersion: 0 });
    expect(stale).toMatchObject({ ok: false, conflict: { level: 2, version: 1 } });
  });

  it("takes a retried save whose value is already stored (the acknowledgement was lost) as saved: the stored answer, no second write or audit row", async () => {
    const entityId = `${submittedId}:1.a.Ak`;
    const audits = async () => (await one(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "entityId" = $1`, [entityId])).n as number;
    const before = await audits();
    // The earlier save (version 0 → 1) committed; the browser never heard back and sends it again.
    const retried = await layer.saveVerifiedAnswer(verifier(), submittedId, {
      indicatorCode: "1.a.Ak",
      level: 2,
      note: "SP belum ditetapkan.",
      baseVersion: 0,
    });
    expect(retried).toMatchObject({ ok: true, answer: { level: 2, justification: "SP belum ditetapkan.", version: 1, updatedBy: verifier().name } });
    const unchanged = await layer.saveVerifiedAnswer(verifier(), submittedId, {
      indicatorCode: "1.a.Ak",
      level: 2,
      note: "SP belum ditetapkan.",
      baseVersion: 1,
    });
    expect(unchanged).toEqual(retried);
    expect(
      await one(
        `SELECT v.version FROM "VerifiedAnswer" v JOIN "InstrumentIndicator" i ON i.id = v."indicatorId" WHERE v."assessmentId" = $1 AND i.code = '1.a.Ak'`,
        [submittedId],
      ),
    ).toEqual({ version: 1 });
    expect(await audits()).toBe(before);
  });

  it("refuses to approve while an indicator has no verified level, naming how many", async () => {
    await expect(layer.approveAssessment(verifier(), submittedId)).rejects.toMatchObject({ messageKey: "verification.levelsMissing", values: { count: 29 } });
    expect((await one(`SELECT status FROM "Assessment" WHERE id = $1`, [submittedId])).status).toBe("IN_REVIEW");
  });

  it("returns for revision only with a reason tied to a known indicator, records the round and its reasons", async () => {
    await expect(
      layer.returnForRevision(verifier(), { assessmentId: submittedId, summary: "", reasons: [{ indicatorCode: "99.x.Y", reason: "tidak ada" }] }),
    ).rejects.toMatchObject({ messageKey: "validation.indicatorUnknown" });
    const result = await layer.returnForRevision(verifier(), {
      assessmentId: submittedId,
      summary: "Lengkapi SK.",
      reasons: [{ indicatorCode: "1.a.Ak", reason: "SK penetapan SP belum diunggah." }],
    });
    expect(result).toEqual({ status: "RETURNED" });
    const round = await one(
      `SELECT r.decision, r.summary, rr.reason, i.code FROM "ReviewRound" r JOIN "ReturnReason" rr ON rr."reviewRoundId" = r.id JOIN "InstrumentIndicator" i ON i.id = rr."indicatorId"
       WHERE r."assessmentId" = $1 ORDER BY r."decidedAt" DESC LIMIT 1`,
      [submittedId],
    );
    expect(round).toEqual({ decision: "RETURNED", summary: "Lengkapi SK.", reason: "SK penetapan SP belum diunggah.", code: "1.a.Ak" });
    expect((await one(`SELECT action, after FROM "AuditEvent" WHERE "assessmentId" = $1 ORDER BY id DESC LIMIT 1`, [submittedId])).action).toBe(
      "assessment.return",
    );
  });

  it("approves once every scored indicator has a verified level, and an admin then finalises the cycle's verified loci", async () => {
    await client.query(`UPDATE "Assessment" SET status = 'IN_REVIEW' WHERE id = $1`, [submittedId]);
    for (const code of await scoredCodes()) {
      const current = await one(
        `SELECT v.version FROM "VerifiedAnswer" v JOIN "InstrumentIndicator" i ON i.id = v."indicatorId" WHERE v."assessmentId" = $1 AND i.code = $2`,
        [submittedId, code],
      );
      await layer.saveVerifiedAnswer(verifier(), submittedId, { indicatorCode: code, level: 3, note: "Sesuai.", baseVersion: current?.version ?? 0 });
    }
    expect(await layer.approveAssessment(verifier(), submittedId)).toEqual({ status: "VERIFIED" });
    // Approval stores the locus's verified result right away: level 3 everywhere is exactly 3.00 for F-02.
    const stored = await one(`SELECT "f02TenThousandths", grade FROM "LocusResult" WHERE "assessmentId" = $1 AND kind = 'VERIFIED'`, [submittedId]);
    expect(stored.f02TenThousandths).toBe(30_000);
    const verifiedBefore = (await one(`SELECT count(*)::int AS n FROM "Assessment" WHERE "cycleId" = $1 AND status = 'VERIFIED'`, [cycleId])).n;
    await expect(layer.finaliseCycle(verifier(), cycleId)).rejects.toMatchObject({ messageKey: "errors.notFound" });
    // The running cycle's finalisation stage has not begun yet: refused with its dates, nothing written.
    await expect(layer.finaliseCycle(admin(), cycleId)).rejects.toMatchObject({
      messageKey: "stageGate.finalisationNotStarted",
      values: { from: expect.any(String), to: expect.any(String) },
    });
    expect((await one(`SELECT status FROM "Assessment" WHERE id = $1`, [submittedId])).status).toBe("VERIFIED");
    expect((await one(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE action IN ('assessment.finalise', 'cycle.finalise')`)).n).toBe(0);
    await client.query(
      `UPDATE "CycleStage" SET "startsAt" = now() - interval '1 day', "endsAt" = now() + interval '10 days' WHERE "cycleId" = $1 AND kind = 'FINALISATION'`,
      [cycleId],
    );
    expect(await layer.finaliseCycle(admin(), cycleId)).toEqual({ finalised: verifiedBefore });
    expect((await one(`SELECT status FROM "Assessment" WHERE id = $1`, [submittedId])).status).toBe("FINAL");
    expect((await one(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'assessment.finalise'`)).n).toBe(verifiedBefore);
    // Nothing changes after FINAL.
    await expect(layer.saveVerifiedAnswer(verifier(), submittedId, { indicatorCode: "1.a.Ak", level: 5, note: "", baseVersion: 99 })).rejects.toMatchObject({
      messageKey: "verification.wrongStatus",
    });
  });

  it("finalises only inside the cycle's finalisation stage, naming its dates, and not at all without one", async () => {
    const past = (await one(`SELECT id FROM "Cycle" WHERE status = 'FINALISED' ORDER BY year DESC LIMIT 1`)).id as string;
    await client.query(
      `UPDATE "CycleStage" SET "startsAt" = now() - interval '30 days', "endsAt" = now() - interval '1 day' WHERE "cycleId" = $1 AND kind = 'FINALISATION'`,
      [cycleId],
    );
    await expect(layer.finaliseCycle(admin(), cycleId)).rejects.toMatchObject({
      messageKey: "stageGate.finalisationEnded",
      values: { from: expect.any(String), to: expect.any(String) },
    });
    // The same dates, judged at a moment inside them, let it through (nothing is left verified by now).
    expect(await layer.finaliseCycle(admin(), cycleId, new Date(Date.now() - 10 * 86_400_000))).toEqual({ finalised: 0 });
    await client.query(`DELETE FROM "CycleStage" WHERE "cycleId" = $1 AND kind = 'FINALISATION'`, [past]);
    await expect(layer.finaliseCycle(admin(), past)).rejects.toMatchObject({ messageKey: "stageGate.finalisationNoStage" });
    await expect(layer.finaliseCycle(admin(), "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ messageKey: "errors.notFound" });
  });

  it("refuses verifier actions outside the verification stage dates, naming them", async () => {
    const other = (
      await one(
        `SELECT a.id FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
      WHERE a."cycleId" = $1 AND i.code = 'KOTA-16-PALEMBANG' AND l."serviceType" = 'ADMINISTRATIF'`,
        [cycleId],
      )
    ).id;
    await client.query(`UPDATE "Assessment" SET status = 'SUBMITTED' WHERE id = $1`, [other]);
    await client.query(
      `UPDATE "CycleStage" SET "startsAt" = now() - interval '90 days', "endsAt" = now() - interval '1 day' WHERE "cycleId" = $1 AND kind = 'VERIFICATION'`,
      [cycleId],
    );
    await expect(layer.startReview(verifier(), other)).rejects.toMatchObject({
      messageKey: "verification.ended",
      values: { from: expect.any(String), to: expect.any(String) },
    });
  });
});
