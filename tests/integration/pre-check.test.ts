import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

const text = (s: string) => new TextEncoder().encode(s);
const pdf = (note: string, trailer = "") =>
  text(`%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% ${note}\ntrailer\n<< /Size 2 /Root 1 0 R ${trailer}>>\nstartxref\n9\n%%EOF\n`);

/** Issue 18: the evidence pre-check runs at submission, stores its flags, and shows them only in scope. */
describe("evidence pre-check of a submitted locus", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let storageDir: string;
  let actors: Record<string, CurrentUser>;
  let self: typeof import("@/lib/server/assessment/self-assessment");
  let evidence: typeof import("@/lib/server/assessment/evidence");
  let settings: typeof import("@/lib/server/pre-check/settings");
  let store: typeof import("@/lib/server/pre-check/store");
  let view: typeof import("@/lib/server/verification/pre-check-view");
  let queue: typeof import("@/lib/server/verification/queue");
  let cycleId: string;
  let locusId: string;
  let foreignDraftId: string;
  const codes = { bare: "", duplicated: "", encrypted: "", links: "" };

  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const evaluator = () => actors["evaluator.palembang@pekppp.test"]!;
  const foreignEvaluator = () => actors["evaluator.kemenkes@pekppp.test"]!;
  const verifier = () => actors["verifikator@pekppp.test"]!;
  const admin = () => actors["admin@pekppp.test"]!;
  const indicatorId = async (code: string) =>
    (
      await one(
        `SELECT i.id FROM "InstrumentIndicator" i JOIN "Cycle" c ON c."instrumentVersionId" = i."instrumentVersionId" WHERE c.id = $1 AND i.code = $2`,
        [cycleId, code],
      )
    ).id;
  const storedFlags = async () =>
    (
      await client.query(
        `SELECT f."ruleId", f.severity, i.code, f.params, f.round FROM "PreCheckFlag" f LEFT JOIN "InstrumentIndicator" i ON i.id = f."indicatorId"
         WHERE f."assessmentId" = $1 ORDER BY i.code, f."ruleId"`,
        [locusId],
      )
    ).rows;

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    storageDir = await mkdtemp(path.join(tmpdir(), "pekppp-pre-check-"));
    process.env.EVIDENCE_DIR = storageDir;
    process.env.AUTH_URL = "https://pekppp.example.go.id";
    self = await import("@/lib/server/assessment/self-assessment");
    evidence = await import("@/lib/server/assessment/evidence");
    settings = await import("@/lib/server/pre-check/settings");
    store = await import("@/lib/server/pre-check/store");
    view = await import("@/lib/server/verification/pre-check-view");
    queue = await import("@/lib/server/verification/queue");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    cycleId = (await one(`SELECT id FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL`)).id;
    const current = `SELECT a.id FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
      WHERE a."cycleId" = $1 AND i.code = $2 AND a.status = $3 LIMIT 1`;
    locusId = (await one(current, [cycleId, "KOTA-16-PALEMBANG", "RETURNED"])).id;
    foreignDraftId = (await one(current, [cycleId, "KL-KEMENKES", "DRAFT"])).id;
    // Four scored indicators of three different aspects, answered with a level above 0.
    const picked = (
      await client.query(
        `SELECT DISTINCT ON (a.code) i.code FROM "InstrumentIndicator" i JOIN "InstrumentAspect" a ON a.id = i."aspectId"
         JOIN "Cycle" c ON c."instrumentVersionId" = i."instrumentVersionId" WHERE c.id = $1 AND i.weight > 0 ORDER BY a.code, i.position LIMIT 3`,
        [cycleId],
      )
    ).rows.map((r) => r.code as string);
    [codes.bare, codes.duplicated, codes.encrypted] = picked as [string, string, string];
    codes.links = codes.encrypted;
    // A level without evidence may be submitted in this cycle (evidenceRequiredAboveZero off), so the pre-check has to say it.
    await client.query(`UPDATE "Cycle" SET "evidenceRequiredAboveZero" = false WHERE id = $1`, [cycleId]);
    await client.query(`UPDATE "EvidenceItem" SET "removedAt" = now() WHERE "assessmentId" = $1`, [locusId]);
    await client.query(
      `UPDATE "SelfAnswer" s SET level = 3, justification = 'Penjelasan khusus ' || i.code FROM "InstrumentIndicator" i
       WHERE i.id = s."indicatorId" AND s."assessmentId" = $1`,
      [locusId],
    );
  });
  afterAll(async () => {
    delete process.env.EVIDENCE_DIR;
    delete process.env.AUTH_URL;
    await client.end();
    await closeServerLayer(database);
    await rm(storageDir, { recursive: true, force: true });
  });

  it("stores, at submission, a flag for a level without evidence, a file another institution uses, an encrypted PDF and suspicious links", async () => {
    const shared = pdf("surat keputusan bersama");
    await evidence.addFileEvidence(foreignEvaluator(), {
      assessmentId: foreignDraftId,
      indicatorCode: codes.duplicated,
      originalName: "sk.pdf",
      bytes: shared,
    });
    await evidence.addFileEvidence(evaluator(), { assessmentId: locusId, indicatorCode: codes.duplicated, originalName: "sk-kami.pdf", bytes: shared });
    await evidence.addFileEvidence(evaluator(), {
      assessmentId: locusId,
      indicatorCode: codes.encrypted,
      originalName: "rahasia.pdf",
      bytes: pdf("x", "/Encrypt 5 0 R "),
    });
    await client.query(
      `INSERT INTO "EvidenceItem" (kind, "assessmentId", "indicatorId", url, title) VALUES ('LINK', $1, $2, 'https://pekppp.example.go.id/results', ''), ('LINK', $1, $2, 'ftp://arsip.contoh.go.id/x', '')`,
      [locusId, await indicatorId(codes.links)],
    );
    // Every other indicator gets a plain link so that only the chosen one lacks evidence.
    await client.query(
      `INSERT INTO "EvidenceItem" (kind, "assessmentId", "indicatorId", url, title)
       SELECT 'LINK', $1, s."indicatorId", 'https://bukti.contoh.go.id/' || s."indicatorId", '' FROM "SelfAnswer" s
       WHERE s."assessmentId" = $1 AND s."indicatorId" NOT IN ($2, $3, $4)`,
      [locusId, await indicatorId(codes.bare), await indicatorId(codes.duplicated), await indicatorId(codes.encrypted)],
    );

    expect(await self.submitSelfAssessment(evaluator(), locusId)).toEqual({ submitted: true, missing: [] });
    const round = (await one(`SELECT round FROM "Assessment" WHERE id = $1`, [locusId])).round;
    const flags = await storedFlags();
    expect(flags).toEqual(
      expect.arrayContaining([
        { ruleId: "LEVEL_WITHOUT_EVIDENCE", severity: "high", code: codes.bare, params: { level: 3 }, round },
        { ruleId: "FILE_USED_BY_OTHER_INSTITUTION", severity: "high", code: codes.duplicated, params: { name: "sk-kami.pdf", loci: 1 }, round },
        { ruleId: "FILE_UNREADABLE", severity: "high", code: codes.encrypted, params: { name: "rahasia.pdf", problem: "encrypted" }, round },
        { ruleId: "LINK_TO_PORTAL", severity: "medium", code: codes.links, params: { name: "https://pekppp.example.go.id/results" }, round },
        { ruleId: "LINK_NOT_HTTP", severity: "high", code: codes.links, params: { name: "ftp://arsip.contoh.go.id/x" }, round },
      ]),
    );
    // The message names no other institution: the other locus is only counted.
    expect(JSON.stringify(flags)).not.toMatch(/Kesehatan|KEMENKES/i);
    expect(flags).toHaveLength(5);
  });

  it("shows the flags and their count to the assigned verifier, and nothing to another institution's evaluator or an unassigned verifier", async () => {
    const shown = await view.loadReviewPreCheck(verifier(), locusId);
    expect(shown.map((f) => f.ruleId).sort()).toEqual([
      "FILE_UNREADABLE",
      "FILE_USED_BY_OTHER_INSTITUTION",
      "LEVEL_WITHOUT_EVIDENCE",
      "LINK_NOT_HTTP",
      "LINK_TO_PORTAL",
    ]);
    const page = await queue.loadVerifierQueue(verifier(), cycleId, { status: "SUBMITTED", q: "Palembang", page: 1 });
    expect(page.rows.find((r) => r.id === locusId)?.preCheckFlags).toBe(5);

    expect(await view.loadReviewPreCheck(foreignEvaluator(), locusId)).toEqual([]);
    const row = await one(`SELECT id, name, email FROM "User" WHERE email = 'verifikator01@pekppp.test'`);
    const unassigned = { ...row, role: "VERIFIER", institutionId: null, institutionName: null, mustChangePassword: false } as CurrentUser;
    expect(await view.loadReviewPreCheck(unassigned, locusId)).toEqual([]);
    const foreignQueue = await queue.loadVerifierQueue(unassigned, cycleId, { status: "ALL", q: "Palembang", page: 1 });
    expect(foreignQueue.rows.map((r) => r.id)).not.toContain(locusId);
  });

  it("a rule switched off for the cycle is no longer shown or counted, is not stored by the next run, and the switch is audited", async () => {
    await expect(settings.updatePreCheckRules(evaluator(), { cycleId, disabled: ["LEVEL_WITHOUT_EVIDENCE"] })).rejects.toMatchObject({
      messageKey: "errors.notFound",
    });
    await settings.updatePreCheckRules(admin(), { cycleId, disabled: ["LEVEL_WITHOUT_EVIDENCE"] });
    expect((await view.loadReviewPreCheck(verifier(), locusId)).map((f) => f.ruleId)).not.toContain("LEVEL_WITHOUT_EVIDENCE");
    const page = await queue.loadVerifierQueue(verifier(), cycleId, { status: "SUBMITTED", q: "Palembang", page: 1 });
    expect(page.rows.find((r) => r.id === locusId)?.preCheckFlags).toBe(4);

    expect(await store.storePreCheck(locusId)).toBe(4);
    expect((await storedFlags()).map((f) => f.ruleId)).not.toContain("LEVEL_WITHOUT_EVIDENCE");
    const audit = await one(`SELECT before, after, "actorId" FROM "AuditEvent" WHERE action = 'cycle.preCheckRules' AND "entityId" = $1`, [cycleId]);
    expect(audit).toEqual({ before: { disabled: [] }, after: { disabled: ["LEVEL_WITHOUT_EVIDENCE"] }, actorId: admin().id });
    expect((await settings.preCheckRuleSettings(admin(), cycleId))?.rules.find((r) => r.id === "LEVEL_WITHOUT_EVIDENCE")?.enabled).toBe(false);
  });

  it("checks a locus submitted before the pre-check existed when its verifier first opens it, and only then", async () => {
    const { rows } = await client.query(
      `SELECT a.id, a.round FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "VerifierAssignment" v ON v."institutionId" = l."institutionId" AND v."cycleId" = a."cycleId"
       WHERE a."cycleId" = $1 AND a.status IN ('SUBMITTED', 'IN_REVIEW') AND v."verifierId" = $2 AND a.id <> $3 ORDER BY a.id LIMIT 1`,
      [cycleId, verifier().id, locusId],
    );
    const older = rows[0] as { id: string; round: number };
    const other = await one(
      `SELECT id FROM "Assessment" WHERE "cycleId" = $1 AND status IN ('SUBMITTED', 'IN_REVIEW') AND id NOT IN ($2, $3) ORDER BY id LIMIT 1`,
      [cycleId, locusId, older.id],
    );
    const run = async (id: string) => (await one(`SELECT round FROM "PreCheckRun" WHERE "assessmentId" = $1`, [id])) ?? null;
    expect(await run(older.id)).toBeNull();
    await view.loadReviewPreCheck(verifier(), older.id);
    expect(await run(older.id)).toEqual({ round: older.round });
    // Someone who may not review it triggers nothing.
    expect(await view.loadReviewPreCheck(foreignEvaluator(), other.id)).toEqual([]);
    expect(await run(other.id)).toBeNull();
  });
});
