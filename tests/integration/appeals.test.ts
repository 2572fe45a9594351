import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

type Appeals = typeof import("@/lib/server/appeals/appeals");
type Review = typeof import("@/lib/server/verification/review");
type SecondTier = typeof import("@/lib/server/verification/second-tier");

const PNG = new Uint8Array(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"));

/**
 * Issue 15: appeals (sanggah) of verified levels and the second tier, through the data functions,
 * on the seeded demo data (Kota Palembang's BARANG locus is verified in the running cycle).
 */
describe("appeals and the second tier", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let appeals: Appeals;
  let review: Review;
  let secondTier: SecondTier;
  let actors: Record<string, CurrentUser>;
  let cycleId: string;
  let verifiedId: string;
  let storageDir: string;
  /** The scored indicator codes of the cycle's instrument, in order. */
  let codes: string[];

  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const admin = () => actors["admin@pekppp.test"]!;
  const evaluator = () => actors["evaluator.palembang@pekppp.test"]!;
  const foreignEvaluator = () => actors["evaluator.kemenkes@pekppp.test"]!;
  const verifier = () => actors["verifikator@pekppp.test"]!;
  const pool = async (n: string) => {
    const row = await one(`SELECT id, name, email FROM "User" WHERE email = $1`, [`verifikator${n}@pekppp.test`]);
    return { ...row, role: "VERIFIER" as const, institutionId: null, institutionName: null, mustChangePassword: false } as CurrentUser;
  };
  const auditCount = async (action: string, entityId?: string) =>
    (await one(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = $1 AND ($2::text IS NULL OR "entityId" = $2)`, [action, entityId ?? null]))
      .n as number;
  const locusOf = (code: string, service: string) =>
    one(
      `SELECT a.id FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
       WHERE a."cycleId" = $1 AND i.code = $2 AND l."serviceType" = $3`,
      [cycleId, code, service],
    ).then((r) => r.id as string);

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    storageDir = mkdtempSync(path.join(os.tmpdir(), "appeal-evidence-"));
    process.env.EVIDENCE_DIR = storageDir;
    appeals = await import("@/lib/server/appeals/appeals");
    review = await import("@/lib/server/verification/review");
    secondTier = await import("@/lib/server/verification/second-tier");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    cycleId = (await one(`SELECT id FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL`)).id;
    codes = (
      await client.query(
        `SELECT i.code FROM "InstrumentIndicator" i JOIN "Cycle" c ON c."instrumentVersionId" = i."instrumentVersionId" WHERE c.id = $1 AND i.weight > 0 ORDER BY i.position`,
        [cycleId],
      )
    ).rows.map((r) => r.code as string);
    verifiedId = await locusOf("KOTA-16-PALEMBANG", "BARANG");
    expect((await one(`SELECT status FROM "Assessment" WHERE id = $1`, [verifiedId])).status).toBe("VERIFIED");
    // The demo verifier scored every level of it.
    await client.query(`UPDATE "VerifiedAnswer" SET "updatedById" = $2 WHERE "assessmentId" = $1`, [verifiedId, verifier().id]);
  });
  afterAll(async () => {
    delete process.env.EVIDENCE_DIR;
    await client.end();
    await closeServerLayer(database);
    rmSync(storageDir, { recursive: true, force: true });
  });

  let appealId: string;
  let secondAppealId: string;

  it("lets the unit's evaluator file an appeal with evidence on a verified locus, audited once", async () => {
    const before = await one(
      `SELECT level FROM "VerifiedAnswer" va JOIN "InstrumentIndicator" i ON i.id = va."indicatorId" WHERE va."assessmentId" = $1 AND i.code = '1.a.Ak'`,
      [verifiedId],
    );
    const filed = await appeals.fileAppeal(
      evaluator(),
      { assessmentId: verifiedId, indicatorCode: "1.a.Ak", argument: "SOP telah ditetapkan; lihat lampiran." },
      { originalName: "sk-sop.png", bytes: PNG },
    );
    expect(filed.status).toBe("FILED");
    appealId = filed.appealId;
    const row = await one(`SELECT status, "scorerId", "levelBefore" FROM "Appeal" WHERE id = $1`, [appealId]);
    expect(row).toEqual({ status: "FILED", scorerId: verifier().id, levelBefore: before.level });
    const evidence = await one(`SELECT "appealId", "assessmentId", sha256, "mimeType" FROM "EvidenceItem" WHERE "appealId" = $1`, [appealId]);
    // Kept out of the self-assessment's evidence list: it hangs on the appeal only.
    expect(evidence).toMatchObject({ appealId, assessmentId: null, mimeType: "image/png" });
    expect(evidence.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await auditCount("appeal.file", appealId)).toBe(1);
    // One open appeal per indicator.
    await expect(appeals.fileAppeal(evaluator(), { assessmentId: verifiedId, indicatorCode: "1.a.Ak", argument: "lagi" })).rejects.toMatchObject({
      messageKey: "appeals.wrongStatus",
    });
  });

  it("gives a foreign evaluator not found, for filing and for reading", async () => {
    await expect(appeals.fileAppeal(foreignEvaluator(), { assessmentId: verifiedId, indicatorCode: codes[1]!, argument: "x" })).rejects.toMatchObject({
      messageKey: "errors.notFound",
    });
    await expect(appeals.appealsOfAssessment(foreignEvaluator(), verifiedId)).rejects.toMatchObject({ messageKey: "errors.notFound" });
    expect((await appeals.appealsOfAssessment(evaluator(), verifiedId)).map((a) => a.id)).toEqual([appealId]);
  });

  it("refuses an appeal outside the appeal stage, and on a locus that is not verified", async () => {
    const returned = await locusOf("KOTA-16-PALEMBANG", "JASA");
    await expect(appeals.fileAppeal(evaluator(), { assessmentId: returned, indicatorCode: "1.a.Ak", argument: "x" })).rejects.toMatchObject({
      messageKey: "appeals.locusNotVerified",
    });
    await expect(
      appeals.fileAppeal(evaluator(), { assessmentId: verifiedId, indicatorCode: codes[1]!, argument: "x" }, null, new Date(Date.now() + 400 * 86_400_000)),
    ).rejects.toMatchObject({ messageKey: "appeals.ended" });
  });

  it("refuses the verifier who scored it as reviewer by default, and takes a different one", async () => {
    await expect(appeals.assignAppealReviewer(admin(), { appealId, reviewerId: verifier().id, allowScorer: false })).rejects.toMatchObject({
      messageKey: "appeals.reviewerIsScorer",
    });
    expect(await auditCount("appeal.assign", appealId)).toBe(0);
    // Nobody but an admin assigns.
    await expect(appeals.assignAppealReviewer(verifier(), { appealId, reviewerId: (await pool("01")).id, allowScorer: false })).rejects.toMatchObject({
      messageKey: "errors.notFound",
    });
    const listed = await appeals.appealsForAdmin(admin(), cycleId);
    const entry = listed.find((e) => e.appeal.id === appealId)!;
    expect(entry.suggested).not.toBe(verifier().id);
    expect(await appeals.assignAppealReviewer(admin(), { appealId, reviewerId: (await pool("01")).id, allowScorer: false })).toEqual({ status: "ASSIGNED" });
    expect(await auditCount("appeal.assign", appealId)).toBe(1);
  });

  it("lets only the assigned reviewer decide; accepting changes the verified level and recomputes the index", async () => {
    const indexBefore = await one(
      `SELECT "indexNumerator"::text AS n, "indexDenominator"::text AS d FROM "LocusResult" WHERE "assessmentId" = $1 AND kind = 'VERIFIED'`,
      [verifiedId],
    );
    const level = (await one(`SELECT "levelBefore" FROM "Appeal" WHERE id = $1`, [appealId])).levelBefore as number;
    const newLevel = level === 5 ? 4 : 5;
    // The scorer (not assigned) does not see it.
    await expect(appeals.decideAppeal(verifier(), { appealId, decision: "ACCEPT", level: newLevel, note: "x" })).rejects.toMatchObject({
      messageKey: "errors.notFound",
    });
    const reviewer = await pool("01");
    expect((await appeals.appealsForReviewer(reviewer)).map((a) => a.id)).toEqual([appealId]);
    expect(await appeals.decideAppeal(reviewer, { appealId, decision: "ACCEPT", level: newLevel, note: "Bukti SK SOP sah." })).toEqual({ status: "ACCEPTED" });
    const saved = await one(
      `SELECT va.level, va.note, va."updatedById" FROM "VerifiedAnswer" va JOIN "InstrumentIndicator" i ON i.id = va."indicatorId" WHERE va."assessmentId" = $1 AND i.code = '1.a.Ak'`,
      [verifiedId],
    );
    expect(saved).toEqual({ level: newLevel, note: "Bukti SK SOP sah.", updatedById: reviewer.id });
    expect(await one(`SELECT status, "levelAfter" FROM "Appeal" WHERE id = $1`, [appealId])).toEqual({ status: "ACCEPTED", levelAfter: newLevel });
    expect(await auditCount("appeal.accept", appealId)).toBe(1);
    expect(await auditCount("verifiedAnswer.appealAccepted")).toBe(1);
    const indexAfter = await one(
      `SELECT "indexNumerator"::text AS n, "indexDenominator"::text AS d FROM "LocusResult" WHERE "assessmentId" = $1 AND kind = 'VERIFIED'`,
      [verifiedId],
    );
    expect(indexAfter).not.toEqual(indexBefore);
    // Decided once: a second decision is refused.
    await expect(appeals.decideAppeal(reviewer, { appealId, decision: "REJECT", note: "x" })).rejects.toMatchObject({ messageKey: "appeals.wrongStatus" });
  });

  it("refuses finalisation while another appeal is open, naming the count; then finalises once it is decided", async () => {
    secondAppealId = (await appeals.fileAppeal(evaluator(), { assessmentId: verifiedId, indicatorCode: codes[1]!, argument: "Bukti sudah diunggah." }))
      .appealId;
    await client.query(
      `UPDATE "CycleStage" SET "startsAt" = now() - interval '1 day', "endsAt" = now() + interval '10 days' WHERE "cycleId" = $1 AND kind = 'FINALISATION'`,
      [cycleId],
    );
    await expect(review.finaliseCycle(admin(), cycleId)).rejects.toMatchObject({ messageKey: "verification.appealsOpen", values: { count: 1 } });
    expect(await auditCount("cycle.finalise")).toBe(0);
    // The admin may assign the scorer only when saying so explicitly.
    await appeals.assignAppealReviewer(admin(), { appealId: secondAppealId, reviewerId: verifier().id, allowScorer: true });
    expect((await one(`SELECT "reviewerIsScorer" FROM "Appeal" WHERE id = $1`, [secondAppealId])).reviewerIsScorer).toBe(true);
    await expect(review.finaliseCycle(admin(), cycleId)).rejects.toMatchObject({ messageKey: "verification.appealsOpen", values: { count: 1 } });
    await appeals.decideAppeal(verifier(), { appealId: secondAppealId, decision: "REJECT", note: "Bukti tidak memuat tanda tangan pejabat." });
    expect(await auditCount("appeal.reject", secondAppealId)).toBe(1);
    const result = await review.finaliseCycle(admin(), cycleId);
    expect(result.finalised).toBeGreaterThan(0);
    expect((await one(`SELECT status FROM "Assessment" WHERE id = $1`, [verifiedId])).status).toBe("FINAL");
    // A final locus takes no appeal.
    await expect(appeals.fileAppeal(evaluator(), { assessmentId: verifiedId, indicatorCode: codes[2]!, argument: "x" })).rejects.toMatchObject({
      messageKey: "appeals.locusNotVerified",
    });
  });

  describe("second tier", () => {
    let locusId: string;
    let validator: CurrentUser;

    beforeAll(async () => {
      validator = await pool("02");
      // A Palembang (KOTA) locus in review, its levels all set by the first tier.
      locusId = await locusOf("KOTA-16-PALEMBANG", "ADMINISTRATIF");
      await client.query(`UPDATE "Assessment" SET status = 'IN_REVIEW' WHERE id = $1`, [locusId]);
      await client.query(
        `INSERT INTO "VerifiedAnswer" ("assessmentId", "indicatorId", level, note, "updatedAt")
         SELECT $1, i.id, 3, '', now() FROM "InstrumentIndicator" i JOIN "Cycle" c ON c."instrumentVersionId" = i."instrumentVersionId" WHERE c.id = $2 AND i.weight > 0
         ON CONFLICT ("assessmentId", "indicatorId") DO UPDATE SET level = 3`,
        [locusId, cycleId],
      );
      await client.query(`UPDATE "Cycle" SET "secondTierEnabled" = true WHERE id = $1`, [cycleId]);
      const institution = (await one(`SELECT id FROM "Institution" WHERE code = 'KOTA-16-PALEMBANG'`)).id;
      await client.query(`INSERT INTO "ValidatorAssignment" ("cycleId", "validatorId", "institutionId") VALUES ($1, $2, $3)`, [
        cycleId,
        validator.id,
        institution,
      ]);
    });

    it("sends a city's approval to validation, back to the first tier with reasons, then validates it", async () => {
      expect(await review.approveAssessment(verifier(), locusId, { confirmOpenQuestions: true })).toEqual({ status: "AWAITING_VALIDATION" });
      expect(await auditCount("assessment.approve", locusId)).toBe(1);
      expect((await one(`SELECT "verifiedAt" FROM "Assessment" WHERE id = $1`, [locusId])).verifiedAt).toBeNull();
      expect((await secondTier.validationQueue(validator)).map((r) => r.id)).toContain(locusId);
      // The first-tier verifier is not a validator of it; a validator of nothing sees nothing.
      await expect(secondTier.validateAssessment(verifier(), locusId)).rejects.toMatchObject({ messageKey: "errors.notFound" });
      await expect(secondTier.validateAssessment(await pool("03"), locusId)).rejects.toMatchObject({ messageKey: "errors.notFound" });
      expect(await secondTier.sendBackAssessment(validator, { assessmentId: locusId, reasons: "Bukti 1.a.Ak tidak sesuai level." })).toEqual({
        status: "IN_REVIEW",
      });
      expect(await auditCount("assessment.sendBack", locusId)).toBe(1);
      expect((await secondTier.lastSendBack(locusId))?.reasons).toBe("Bukti 1.a.Ak tidak sesuai level.");
      // Sent back, not validatable; the first tier approves again.
      await expect(secondTier.validateAssessment(validator, locusId)).rejects.toMatchObject({ messageKey: "verification.wrongStatus" });
      expect(await review.approveAssessment(verifier(), locusId, { confirmOpenQuestions: true })).toEqual({ status: "AWAITING_VALIDATION" });
      expect(await auditCount("assessment.approve", locusId)).toBe(2);
      expect(await secondTier.validateAssessment(validator, locusId)).toEqual({ status: "VERIFIED" });
      expect(await auditCount("assessment.validate", locusId)).toBe(1);
      const row = await one(`SELECT status, "verifiedAt" FROM "Assessment" WHERE id = $1`, [locusId]);
      expect(row.status).toBe("VERIFIED");
      expect(row.verifiedAt).not.toBeNull();
      expect(await one(`SELECT count(*)::int AS n FROM "LocusResult" WHERE "assessmentId" = $1 AND kind = 'VERIFIED'`, [locusId])).toEqual({ n: 1 });
    });

    it("leaves a ministry (K/L) locus on one tier: the approval verifies it", async () => {
      const kl = (await one(
        `SELECT a.id, va."verifierId", i.id AS "institutionId" FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
           JOIN "VerifierAssignment" va ON va."institutionId" = i.id AND va."cycleId" = a."cycleId"
           WHERE a."cycleId" = $1 AND i.type = 'KL' LIMIT 1`,
        [cycleId],
      )) as { id: string; verifierId: string };
      await client.query(`UPDATE "Assessment" SET status = 'IN_REVIEW' WHERE id = $1`, [kl.id]);
      await client.query(
        `INSERT INTO "VerifiedAnswer" ("assessmentId", "indicatorId", level, note, "updatedAt")
         SELECT $1, i.id, 2, '', now() FROM "InstrumentIndicator" i JOIN "Cycle" c ON c."instrumentVersionId" = i."instrumentVersionId" WHERE c.id = $2 AND i.weight > 0
         ON CONFLICT ("assessmentId", "indicatorId") DO UPDATE SET level = 2`,
        [kl.id, cycleId],
      );
      const klVerifier = {
        ...(await one(`SELECT id, name, email FROM "User" WHERE id = $1`, [kl.verifierId])),
        role: "VERIFIER" as const,
        institutionId: null,
      } as CurrentUser;
      // The finalisation stage opened above; verification is still open.
      expect(await review.approveAssessment(klVerifier, kl.id, { confirmOpenQuestions: true })).toEqual({ status: "VERIFIED" });
    });
  });

  it("every transition on these paths wrote exactly one audit row of its own", async () => {
    const rows = (
      await client.query(
        `SELECT action, count(*)::int AS n FROM "AuditEvent" WHERE action LIKE 'appeal.%' OR action IN ('assessment.approve', 'assessment.sendBack', 'assessment.validate') GROUP BY action ORDER BY action`,
      )
    ).rows;
    // Two appeals filed, two assigned (one refused attempt wrote nothing), one accepted, one rejected;
    // the city approved twice, sent back once, validated once; the K/L locus approved once.
    expect(rows).toEqual([
      { action: "appeal.accept", n: 1 },
      { action: "appeal.assign", n: 2 },
      { action: "appeal.file", n: 2 },
      { action: "appeal.reject", n: 1 },
      { action: "assessment.approve", n: 3 },
      { action: "assessment.sendBack", n: 1 },
      { action: "assessment.validate", n: 1 },
    ]);
  });
});
