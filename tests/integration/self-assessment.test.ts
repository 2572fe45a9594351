import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

type SelfAssessment = typeof import("@/lib/server/assessment/self-assessment");

describe("saving, conflicts, submission and stage dates of a self-assessment", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let layer: SelfAssessment;
  let actors: Record<string, CurrentUser>;
  let draftId: string;
  let submittedId: string;
  let cycleId: string;

  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const evaluator = () => actors["evaluator.palembang@pekppp.test"]!;
  const secondEvaluator = () => ({
    ...evaluator(),
    id: actors["pimpinan.palembang@pekppp.test"]!.id,
    role: "EVALUATOR" as const,
    name: "Evaluator Kedua",
    email: "kedua@pekppp.test",
  });
  const foreignEvaluator = () => actors["evaluator.kemenkes@pekppp.test"]!;
  const admin = () => actors["admin@pekppp.test"]!;

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    layer = await import("@/lib/server/assessment/self-assessment");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    cycleId = (await one(`SELECT id FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL`)).id;
    const loci = await client.query(
      `SELECT a.id, a.status, l."serviceType" FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
       WHERE a."cycleId" = $1 AND i.code = 'KOTA-16-PALEMBANG'`,
      [cycleId],
    );
    draftId = loci.rows.find((r) => r.status === "DRAFT").id;
    submittedId = loci.rows.find((r) => r.status === "RETURNED").id;
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  const versionOf = async (assessmentId: string, code: string) =>
    (
      await one(`SELECT s.version FROM "SelfAnswer" s JOIN "InstrumentIndicator" i ON i.id = s."indicatorId" WHERE s."assessmentId" = $1 AND i.code = $2`, [
        assessmentId,
        code,
      ])
    )?.version ?? 0;

  it("saves an answer, bumps its version and audits the change with before and after", async () => {
    const base = await versionOf(draftId, "2.a.P");
    const outcome = await layer.saveSelfAnswer(evaluator(), draftId, {
      indicatorCode: "2.a.P",
      level: 4,
      justification: "Melibatkan 4 unsur masyarakat.",
      baseVersion: base,
    });
    expect(outcome).toMatchObject({ ok: true, answer: { level: 4, version: base + 1, updatedBy: evaluator().name } });
    const audit = await one(`SELECT action, "assessmentId", after FROM "AuditEvent" WHERE action = 'selfAnswer.save' ORDER BY id DESC LIMIT 1`);
    expect(audit).toMatchObject({ assessmentId: draftId, after: { level: 4, version: base + 1 } });
  });

  it("refuses a save based on an older version, returns the stored answer, changes nothing and audits both values", async () => {
    const base = await versionOf(draftId, "3.a.T");
    const first = await layer.saveSelfAnswer(evaluator(), draftId, { indicatorCode: "3.a.T", level: 5, justification: "Versi A", baseVersion: base });
    expect(first.ok).toBe(true);
    const second = await layer.saveSelfAnswer(secondEvaluator(), draftId, { indicatorCode: "3.a.T", level: 1, justification: "Versi B", baseVersion: base });
    expect(second).toEqual({ ok: false, conflict: expect.objectContaining({ level: 5, justification: "Versi A", version: base + 1 }) });
    const stored = await one(
      `SELECT s.level, s.justification FROM "SelfAnswer" s JOIN "InstrumentIndicator" i ON i.id = s."indicatorId" WHERE s."assessmentId" = $1 AND i.code = '3.a.T'`,
      [draftId],
    );
    expect(stored).toEqual({ level: 5, justification: "Versi A" });
    const conflict = await one(`SELECT before, after FROM "AuditEvent" WHERE action = 'selfAnswer.conflict' ORDER BY id DESC LIMIT 1`);
    expect(conflict.before).toMatchObject({ level: 5, justification: "Versi A" });
    expect(conflict.after).toMatchObject({ level: 1, justification: "Versi B", refused: true });
    // The deliberate choice: keep B, now based on the stored version.
    const resolved = await layer.saveSelfAnswer(secondEvaluator(), draftId, {
      indicatorCode: "3.a.T",
      level: 1,
      justification: "Versi B",
      baseVersion: base + 1,
    });
    expect(resolved).toMatchObject({ ok: true, answer: { level: 1, version: base + 2 } });
  });

  it("lets only one of two simultaneous saves on the same version win", async () => {
    const base = await versionOf(draftId, "4.a.K");
    const outcomes = await Promise.all([
      layer.saveSelfAnswer(evaluator(), draftId, { indicatorCode: "4.a.K", level: 2, justification: "satu", baseVersion: base }),
      layer.saveSelfAnswer(secondEvaluator(), draftId, { indicatorCode: "4.a.K", level: 3, justification: "dua", baseVersion: base }),
    ]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(await versionOf(draftId, "4.a.K")).toBe(base + 1);
  });

  describe("a retried save (the acknowledgement was lost) is idempotent", () => {
    const origin = { ipAddress: null, userAgent: null };
    const auditCount = async (code: string) =>
      (await one(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "entityId" = $1`, [`${draftId}:${code}`])).n as number;

    it("answers the stored answer for the same request again, on the one-statement path and the careful path, with no second write or audit row", async () => {
      const code = "9.a.Ak";
      const base = await versionOf(draftId, code);
      const input = { indicatorCode: code, level: 3, justification: "Dikirim sekali, balasannya hilang.", baseVersion: base };
      const first = await layer.saveSelfAnswer(evaluator(), draftId, input);
      expect(first).toMatchObject({ ok: true, answer: { level: 3, version: base + 1, updatedBy: evaluator().name } });
      const audits = await auditCount(code);

      // The browser resends exactly what it sent: same value, same (now old) base version.
      const claimed = { ...evaluator(), sessionVersion: null, sessionId: null };
      const fast = await layer.trySaveInOneStatement(claimed, draftId, input, origin);
      expect(fast).toEqual(first.ok ? first.answer : null);
      expect(await layer.saveWithDiagnosis(evaluator(), draftId, input, origin)).toEqual(first);
      expect(await layer.saveSelfAnswer(evaluator(), draftId, input)).toEqual(first);
      // The same value on the current version is no change either.
      expect(await layer.saveWithDiagnosis(evaluator(), draftId, { ...input, baseVersion: base + 1 }, origin)).toEqual(first);

      expect(await versionOf(draftId, code)).toBe(base + 1);
      expect(await auditCount(code)).toBe(audits);
      expect(await one(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'selfAnswer.conflict' AND "entityId" = $1`, [`${draftId}:${code}`])).toEqual(
        {
          n: 0,
        },
      );
    });

    it("takes two identical saves racing on one version as one write, and still refuses a different value on the old version", async () => {
      const code = "10.b.As";
      const base = await versionOf(draftId, code);
      const input = { indicatorCode: code, level: 2, justification: "Dua kali terkirim bersamaan.", baseVersion: base };
      const audits = await auditCount(code);
      const outcomes = await Promise.all([layer.saveSelfAnswer(evaluator(), draftId, input), layer.saveSelfAnswer(evaluator(), draftId, input)]);
      expect(outcomes).toEqual([
        { ok: true, answer: expect.objectContaining({ level: 2, version: base + 1 }) },
        { ok: true, answer: expect.objectContaining({ level: 2, version: base + 1 }) },
      ]);
      expect(await versionOf(draftId, code)).toBe(base + 1);
      expect(await auditCount(code)).toBe(audits + 1);

      const other = await layer.saveSelfAnswer(secondEvaluator(), draftId, { ...input, justification: "Nilai lain di versi lama." });
      expect(other).toEqual({ ok: false, conflict: expect.objectContaining({ justification: input.justification, version: base + 1 }) });
    });
  });

  it("treats another institution's locus as not found and writes nothing", async () => {
    const before = await one(`SELECT count(*)::int AS n FROM "AuditEvent"`);
    await expect(
      layer.saveSelfAnswer(foreignEvaluator(), draftId, { indicatorCode: "1.a.Ak", level: 5, justification: "x", baseVersion: 0 }),
    ).rejects.toMatchObject({ messageKey: "errors.notFound" });
    expect(await one(`SELECT count(*)::int AS n FROM "AuditEvent"`)).toEqual(before);
  });

  it("refuses an unknown indicator code", async () => {
    await expect(layer.saveSelfAnswer(evaluator(), draftId, { indicatorCode: "99.z.X", level: 1, justification: "", baseVersion: 0 })).rejects.toMatchObject({
      messageKey: "validation.indicatorUnknown",
    });
  });

  it("does not submit an incomplete self-assessment and says what is missing", async () => {
    const result = await layer.submitSelfAssessment(evaluator(), draftId);
    expect(result.submitted).toBe(false);
    expect(result.missing.length).toBeGreaterThan(0);
    expect((await one(`SELECT status FROM "Assessment" WHERE id = $1`, [draftId])).status).toBe("DRAFT");
  });

  it("submits a complete one through the state machine, locks it, audits it, and opens the next round after a return", async () => {
    // The returned locus has every answer; give every level above 0 its evidence.
    await client.query(
      `INSERT INTO "EvidenceItem" (kind, "assessmentId", "indicatorId", url, title)
       SELECT 'LINK', $1, s."indicatorId", 'https://bukti.contoh.go.id/x', 'bukti' FROM "SelfAnswer" s
       WHERE s."assessmentId" = $1 AND NOT EXISTS (SELECT 1 FROM "EvidenceItem" e WHERE e."assessmentId" = $1 AND e."indicatorId" = s."indicatorId")`,
      [submittedId],
    );
    const before = await one(`SELECT round FROM "Assessment" WHERE id = $1`, [submittedId]);
    const result = await layer.submitSelfAssessment(evaluator(), submittedId);
    expect(result).toEqual({ submitted: true, missing: [] });
    const after = await one(`SELECT status, round, "submittedAt" FROM "Assessment" WHERE id = $1`, [submittedId]);
    expect(after).toMatchObject({ status: "SUBMITTED", round: before.round + 1 });
    const audit = await one(`SELECT before, after FROM "AuditEvent" WHERE action = 'assessment.submit' AND "assessmentId" = $1`, [submittedId]);
    expect(audit).toEqual({ before: { status: "RETURNED", round: before.round }, after: { status: "SUBMITTED", round: before.round + 1 } });
    await expect(
      layer.saveSelfAnswer(evaluator(), submittedId, {
        indicatorCode: "1.a.Ak",
        level: 0,
        justification: "telat",
        baseVersion: await versionOf(submittedId, "1.a.Ak"),
      }),
    ).rejects.toMatchObject({ messageKey: "selfAssessment.locked" });
  });

  it("refuses edits outside the self-assessment stage dates, naming the dates, until an admin reopens the locus", async () => {
    await client.query(
      `UPDATE "CycleStage" SET "startsAt" = now() - interval '60 days', "endsAt" = now() - interval '1 day' WHERE "cycleId" = $1 AND kind = 'SELF_ASSESSMENT'`,
      [cycleId],
    );
    const base = await versionOf(draftId, "5.a.K");
    const attempt = layer.saveSelfAnswer(evaluator(), draftId, { indicatorCode: "5.a.K", level: 3, justification: "terlambat", baseVersion: base });
    await expect(attempt).rejects.toMatchObject({ messageKey: "selfAssessment.ended", values: { from: expect.any(String), to: expect.any(String) } });

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await expect(layer.reopenAssessment(evaluator(), draftId, tomorrow)).rejects.toMatchObject({ messageKey: "errors.notFound" });
    await layer.reopenAssessment(admin(), draftId, tomorrow);
    expect(
      await layer.saveSelfAnswer(evaluator(), draftId, { indicatorCode: "5.a.K", level: 3, justification: "dibuka kembali", baseVersion: base }),
    ).toMatchObject({ ok: true });
    const audit = await one(`SELECT after FROM "AuditEvent" WHERE action = 'assessment.reopen' AND "assessmentId" = $1`, [draftId]);
    expect(audit.after.reopenedUntil).toMatch(new RegExp(`^${tomorrow}T16:59:59`));

    await client.query(
      `UPDATE "CycleStage" SET "startsAt" = now() + interval '1 day', "endsAt" = now() + interval '30 days' WHERE "cycleId" = $1 AND kind = 'SELF_ASSESSMENT'`,
      [cycleId],
    );
    const other = (
      await one(
        `SELECT a.id FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId" WHERE a."cycleId" = $1 AND i.code = 'KL-KEMENKES' AND a.status = 'DRAFT'`,
        [cycleId],
      )
    ).id;
    await expect(
      layer.saveSelfAnswer(foreignEvaluator(), other, {
        indicatorCode: "5.a.K",
        level: 3,
        justification: "terlalu awal",
        baseVersion: await versionOf(other, "5.a.K"),
      }),
    ).rejects.toMatchObject({ messageKey: "selfAssessment.notStarted" });
  });

  it("moves a submitted locus back to draft when an admin reopens it", async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const result = await layer.reopenAssessment(admin(), submittedId, tomorrow);
    expect(result.status).toBe("DRAFT");
    expect((await one(`SELECT status FROM "Assessment" WHERE id = $1`, [submittedId])).status).toBe("DRAFT");
  });
});
