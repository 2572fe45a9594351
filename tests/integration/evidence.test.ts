import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";
import { minimalPdf } from "./support/minimal-pdf";

type Evidence = typeof import("@/lib/server/assessment/evidence");

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const text = (s: string) => new TextEncoder().encode(s);

/** A minimal but well-formed PDF: one empty page, a cross-reference table and a trailer. */

const PNG = new Uint8Array(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"));
const ELF = Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(56).fill(0)]);
const EXE = Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, ...new Array(50).fill(0)]);
const HTML = text("<!DOCTYPE html><html><body><script>fetch('/api/evidence/x').then(r => r.text())</script></body></html>");
const SVG = text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>');

describe("evidence of a self-assessment: upload, links, removal and download, in scope and audited", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let evidence: Evidence;
  let actors: Record<string, CurrentUser>;
  let storageDir: string;
  let draftId: string;
  let foreignDraftId: string;
  let lockedId: string;

  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const count = async (sql: string, params: unknown[] = []) => Number((await one(sql, params)).n);
  const evaluator = () => actors["evaluator.palembang@pekppp.test"]!;
  const foreignEvaluator = () => actors["evaluator.kemenkes@pekppp.test"]!;
  const verifier = () => actors["verifikator@pekppp.test"]!;
  const head = () => actors["pimpinan.palembang@pekppp.test"]!;
  const admin = () => actors["admin@pekppp.test"]!;

  /** Everything a refused request must leave untouched: rows, audit records and stored files. */
  const snapshot = async () => ({
    rows: await count(`SELECT count(*) AS n FROM "EvidenceItem"`),
    audits: await count(`SELECT count(*) AS n FROM "AuditEvent" WHERE "entityType" = 'EvidenceItem'`),
    files: await storedFiles(),
  });
  async function storedFiles(dir = storageDir): Promise<string[]> {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? storedFiles(path.join(dir, e.name)) : [path.join(dir, e.name)])));
    return nested.flat().sort();
  }

  const addFile = (actor: CurrentUser, originalName: string, bytes: Uint8Array, assessmentId = draftId, indicatorCode = "1.a.Ak") =>
    evidence.addFileEvidence(actor, { assessmentId, indicatorCode, originalName, bytes });

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    storageDir = await mkdtemp(path.join(tmpdir(), "pekppp-evidence-"));
    process.env.EVIDENCE_DIR = storageDir;
    evidence = await import("@/lib/server/assessment/evidence");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    const current = `SELECT a.id FROM "Assessment" a JOIN "Cycle" c ON c.id = a."cycleId" JOIN "Locus" l ON l.id = a."locusId"
      JOIN "Institution" i ON i.id = l."institutionId" WHERE c.status = 'ACTIVE' AND i.code = $1 AND l."serviceType" = $2 AND a.status = $3`;
    draftId = (await one(current, ["KOTA-16-PALEMBANG", "ADMINISTRATIF", "DRAFT"])).id;
    foreignDraftId = (await one(current, ["KL-KEMENKES", "ADMINISTRATIF", "DRAFT"])).id;
    lockedId = (await one(current, ["KL-KEMENKES", "JASA", "SUBMITTED"])).id;
  });
  afterEach(() => {
    delete process.env.EVIDENCE_MAX_BYTES;
  });
  afterAll(async () => {
    delete process.env.EVIDENCE_DIR;
    await client.end();
    await closeServerLayer(database);
    await rm(storageDir, { recursive: true, force: true });
  });

  it("stores a real PDF outside public/ under a generated key, with its row and an audit record in the locus history", async () => {
    const pdf = minimalPdf("bukti");
    const item = await addFile(evaluator(), "  SK Tim Pelayanan 2025.pdf ", pdf);
    expect(item).toMatchObject({
      kind: "FILE",
      indicatorCode: "1.a.Ak",
      safeName: "SK Tim Pelayanan 2025.pdf",
      url: null,
      mimeType: "application/pdf",
      sizeBytes: pdf.length,
    });
    const row = await one(`SELECT * FROM "EvidenceItem" WHERE id = $1`, [item.id]);
    expect(row).toMatchObject({
      assessmentId: draftId,
      uploadedById: evaluator().id,
      originalName: "SK Tim Pelayanan 2025.pdf",
      removedAt: null,
      sha256: createHash("sha256").update(pdf).digest("hex"),
    });
    expect(row.storageKey).toMatch(new RegExp(`^evidence/${draftId}/[0-9a-f-]{36}\\.pdf$`));
    const file = path.join(storageDir, row.storageKey);
    expect(new Uint8Array(await readFile(file))).toEqual(pdf);
    expect(path.relative(path.join(ROOT, "public"), file).startsWith("..")).toBe(true);

    const audit = await one(`SELECT * FROM "AuditEvent" WHERE "entityId" = $1`, [item.id]);
    expect(audit).toMatchObject({
      action: "evidence.addFile",
      entityType: "EvidenceItem",
      assessmentId: draftId,
      actorId: evaluator().id,
      actorLabel: evaluator().email,
      after: { kind: "FILE", indicatorCode: "1.a.Ak", safeName: "SK Tim Pelayanan 2025.pdf", mimeType: "application/pdf", storageKey: row.storageKey },
    });
    const { listAssessmentHistory } = await import("@/lib/server/audit/search");
    expect((await listAssessmentHistory(evaluator(), draftId)).map((e) => e.action)).toContain("evidence.addFile");
  });

  it("stores a PNG, and a hostile name only as metadata beside a safe name", async () => {
    const png = await addFile(evaluator(), "foto-loket.png", PNG, draftId, "2.a.P");
    expect(png).toMatchObject({ mimeType: "image/png", indicatorCode: "2.a.P", safeName: "foto-loket.png" });
    const traversal = await addFile(evaluator(), "../../x.pdf", minimalPdf("traversal"));
    expect(traversal.safeName).toBe("x.pdf");
    const row = await one(`SELECT "originalName", "storageKey" FROM "EvidenceItem" WHERE id = $1`, [traversal.id]);
    expect(row.originalName).toBe("../../x.pdf");
    expect(row.storageKey).not.toContain("..");
    expect(row.storageKey).not.toContain("x.pdf");
  });

  it.each([
    ["a PNG renamed .pdf", "gambar.pdf", PNG, "evidence.typeMismatch"],
    ["a PDF renamed .docx", "dokumen.docx", minimalPdf("bukti"), "evidence.typeMismatch"],
    ["a Windows program", "setup.exe", EXE, "evidence.typeNotAllowed"],
    ["a Windows program named .pdf", "laporan.pdf", EXE, "evidence.typeNotAllowed"],
    ["an ELF binary named .pdf", "laporan.pdf", ELF, "evidence.typeNotAllowed"],
    ["an HTML page named .pdf", "x.pdf", HTML, "evidence.typeNotAllowed"],
    ["an SVG image", "logo.svg", SVG, "evidence.typeNotAllowed"],
    ["an empty file", "kosong.pdf", new Uint8Array(0), "evidence.fileEmpty"],
    ["a file without an extension", "laporan", minimalPdf("bukti"), "evidence.nameNoExtension"],
  ])("refuses %s and writes nothing", async (_label, name, bytes, key) => {
    const before = await snapshot();
    await expect(addFile(evaluator(), name, bytes)).rejects.toMatchObject({ messageKey: key });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a file over EVIDENCE_MAX_BYTES, naming the size and the limit", async () => {
    // lib/env.ts reads the environment once: load the server layer again with the variable set
    // (the database client and pool are shared through globalThis).
    process.env.EVIDENCE_MAX_BYTES = "1KB";
    vi.resetModules();
    const limited: Evidence = await import("@/lib/server/assessment/evidence");
    const big = minimalPdf("x".repeat(2000));
    const before = await snapshot();
    await expect(
      limited.addFileEvidence(evaluator(), { assessmentId: draftId, indicatorCode: "1.a.Ak", originalName: "besar.pdf", bytes: big }),
    ).rejects.toMatchObject({
      messageKey: "evidence.fileTooLarge",
      values: { name: "besar.pdf", size: big.length, limit: 1024 },
    });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses an indicator code outside the cycle's instrument", async () => {
    const before = await snapshot();
    await expect(addFile(evaluator(), "x.pdf", minimalPdf("bukti"), draftId, "99.z.X")).rejects.toMatchObject({
      messageKey: "evidence.indicatorUnknown",
      values: { code: "99.z.X" },
    });
    expect(await snapshot()).toEqual(before);
  });

  it("adds a link with a title and audits it; refuses a javascript: link", async () => {
    const link = await evidence.addLinkEvidence(evaluator(), {
      assessmentId: draftId,
      indicatorCode: "3.a.T",
      url: "https://jdih.palembang.go.id/sk/12",
      title: " SK Wali Kota ",
    });
    expect(link).toMatchObject({ kind: "LINK", url: "https://jdih.palembang.go.id/sk/12", title: "SK Wali Kota", safeName: null, indicatorCode: "3.a.T" });
    expect(await one(`SELECT action, "assessmentId", after FROM "AuditEvent" WHERE "entityId" = $1`, [link.id])).toMatchObject({
      action: "evidence.addLink",
      assessmentId: draftId,
      after: { url: "https://jdih.palembang.go.id/sk/12", title: "SK Wali Kota" },
    });
    const before = await snapshot();
    await expect(
      evidence.addLinkEvidence(evaluator(), { assessmentId: draftId, indicatorCode: "3.a.T", url: "javascript:alert(document.cookie)" }),
    ).rejects.toMatchObject({ messageKey: "evidence.linkInvalid" });
    expect(await snapshot()).toEqual(before);
  });

  it("answers another institution's evaluator 'not found' for a file or a link, and writes nothing", async () => {
    const before = await snapshot();
    await expect(addFile(foreignEvaluator(), "x.pdf", minimalPdf("bukti"))).rejects.toMatchObject({ messageKey: "errors.notFound" });
    await expect(addFile(foreignEvaluator(), "x.exe", EXE)).rejects.toMatchObject({ messageKey: "errors.notFound" });
    await expect(
      evidence.addLinkEvidence(foreignEvaluator(), { assessmentId: draftId, indicatorCode: "1.a.Ak", url: "https://contoh.go.id" }),
    ).rejects.toMatchObject({ messageKey: "errors.notFound" });
    // Nor may it upload anywhere but as an evaluator: a head of the same institution cannot edit.
    await expect(addFile(head(), "x.pdf", minimalPdf("bukti"))).rejects.toMatchObject({ messageKey: "errors.notFound" });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses uploads to a submitted (locked) self-assessment and stores nothing", async () => {
    const before = await snapshot();
    await expect(addFile(foreignEvaluator(), "x.pdf", minimalPdf("bukti"), lockedId)).rejects.toMatchObject({
      messageKey: "selfAssessment.locked",
      values: { status: "SUBMITTED" },
    });
    await expect(
      evidence.addLinkEvidence(foreignEvaluator(), { assessmentId: lockedId, indicatorCode: "1.a.Ak", url: "https://contoh.go.id" }),
    ).rejects.toMatchObject({ messageKey: "selfAssessment.locked" });
    expect(await snapshot()).toEqual(before);
    // The same evaluator may still add to its own draft: the refusal was the status, not the person.
    await expect(addFile(foreignEvaluator(), "x.pdf", minimalPdf("bukti"), foreignDraftId)).resolves.toMatchObject({ kind: "FILE" });
  });

  it("deletes the stored object when the row cannot be written", async () => {
    // Only the owner of the table may add a trigger; the portal's role may not.
    const owner = new pg.Client({ connectionString: database.ownerUrl });
    await owner.connect();
    await owner.query(`
      CREATE FUNCTION refuse_evidence() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'simulated failure'; END $$ LANGUAGE plpgsql;
      CREATE TRIGGER refuse_evidence BEFORE INSERT ON "EvidenceItem" FOR EACH ROW WHEN (NEW."originalName" = 'gagal.pdf') EXECUTE FUNCTION refuse_evidence();`);
    try {
      const before = await snapshot();
      await expect(addFile(evaluator(), "gagal.pdf", minimalPdf("bukti"))).rejects.toThrow(/simulated failure/);
      expect(await snapshot()).toEqual(before);
    } finally {
      await owner.query(`DROP TRIGGER refuse_evidence ON "EvidenceItem"; DROP FUNCTION refuse_evidence();`);
      await owner.end();
    }
  });

  it("removes an item by marking it, keeps row and stored object, and audits the removal", async () => {
    const item = await addFile(evaluator(), "hapus-saya.pdf", minimalPdf("hapus"));
    const { storageKey } = await one(`SELECT "storageKey" FROM "EvidenceItem" WHERE id = $1`, [item.id]);
    await expect(evidence.removeEvidence(foreignEvaluator(), item.id)).rejects.toMatchObject({ messageKey: "errors.notFound" });
    await expect(evidence.removeEvidence(head(), item.id)).rejects.toMatchObject({ messageKey: "errors.notFound" });
    expect((await one(`SELECT "removedAt" FROM "EvidenceItem" WHERE id = $1`, [item.id])).removedAt).toBeNull();

    await expect(evidence.removeEvidence(evaluator(), item.id)).resolves.toEqual({ id: item.id, assessmentId: draftId });
    expect((await one(`SELECT "removedAt" FROM "EvidenceItem" WHERE id = $1`, [item.id])).removedAt).toBeInstanceOf(Date);
    expect(await storedFiles()).toContain(path.join(storageDir, storageKey));
    expect(await one(`SELECT action, "assessmentId", before FROM "AuditEvent" WHERE "entityId" = $1 AND action = 'evidence.remove'`, [item.id])).toMatchObject({
      assessmentId: draftId,
      before: { safeName: "hapus-saya.pdf", storageKey },
    });
    expect((await evidence.listEvidence(evaluator(), draftId)).map((i) => i.id)).not.toContain(item.id);
    await expect(evidence.removeEvidence(evaluator(), item.id)).rejects.toMatchObject({ messageKey: "errors.notFound" });
    await expect(evidence.openEvidence(evaluator(), item.id)).rejects.toMatchObject({ messageKey: "errors.notFound" });
  });

  it("refuses removal from a locked self-assessment", async () => {
    const item = await one(`SELECT e.id FROM "EvidenceItem" e WHERE e."assessmentId" = $1 AND e."removedAt" IS NULL LIMIT 1`, [lockedId]);
    expect(item).toBeDefined();
    await expect(evidence.removeEvidence(foreignEvaluator(), item.id)).rejects.toMatchObject({ messageKey: "selfAssessment.locked" });
  });

  it("serves a file to the assigned verifier, the head and an admin, and to no foreign evaluator", async () => {
    const pdf = minimalPdf("unduh");
    const item = await addFile(evaluator(), "Laporan Unduh.pdf", pdf);
    const read = async (actor: CurrentUser) => {
      const opened = await evidence.openEvidence(actor, item.id);
      return { ...opened, body: new Uint8Array(await new Response(opened.body).arrayBuffer()) };
    };
    for (const actor of [evaluator(), verifier(), head(), admin()]) {
      expect(await read(actor)).toEqual({
        body: pdf,
        safeName: "Laporan Unduh.pdf",
        mimeType: "application/pdf",
        sizeBytes: pdf.length,
        disposition: "inline",
      });
    }
    await expect(evidence.openEvidence(foreignEvaluator(), item.id)).rejects.toMatchObject({ messageKey: "errors.notFound" });
    await expect(evidence.openEvidence(evaluator(), "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ messageKey: "errors.notFound" });
    const link = await one(`SELECT id FROM "EvidenceItem" WHERE kind = 'LINK' AND "assessmentId" = $1 LIMIT 1`, [draftId]);
    await expect(evidence.openEvidence(evaluator(), link.id)).rejects.toMatchObject({ messageKey: "errors.notFound" });
  });

  it("refuses a verifier whose assignment is for another cycle only", async () => {
    const item = await addFile(evaluator(), "siklus.pdf", minimalPdf("siklus"));
    const current = await one(`SELECT "cycleId" FROM "Assessment" WHERE id = $1`, [draftId]);
    const palembang = await one(`SELECT id FROM "Institution" WHERE code = 'KOTA-16-PALEMBANG'`);
    const past = await one(`SELECT id FROM "Cycle" WHERE id <> $1 ORDER BY year DESC LIMIT 1`, [current.cycleId]);
    const other = await one(
      `SELECT u.id, u.name, u.email FROM "User" u WHERE u.role = 'VERIFIER' AND u.id NOT IN
        (SELECT "verifierId" FROM "VerifierAssignment" WHERE "institutionId" = $1) LIMIT 1`,
      [palembang.id],
    );
    await client.query(`INSERT INTO "VerifierAssignment" ("cycleId", "verifierId", "institutionId") VALUES ($1, $2, $3)`, [past.id, other.id, palembang.id]);
    const pastOnly: CurrentUser = { ...other, role: "VERIFIER", institutionId: null, institutionName: null, mustChangePassword: false };
    await expect(evidence.openEvidence(pastOnly, item.id)).rejects.toMatchObject({ messageKey: "errors.notFound" });
    expect(await evidence.listEvidence(pastOnly, draftId)).toEqual([]);
  });

  it("lists the items that are not removed, in instrument order, to everyone who may view the locus", async () => {
    await addFile(evaluator(), "akhir.pdf", minimalPdf("akhir"), draftId, "30.f.B");
    const gone = await addFile(evaluator(), "dihapus.pdf", minimalPdf("dihapus"), draftId, "1.a.Ak");
    await evidence.removeEvidence(evaluator(), gone.id);
    const mine = await evidence.listEvidence(evaluator(), draftId);
    expect(mine.length).toBeGreaterThan(0);
    const positions = await client.query(
      `SELECT code, position FROM "InstrumentIndicator" WHERE "instrumentVersionId" = (SELECT "instrumentVersionId" FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL)`,
    );
    const position = new Map(positions.rows.map((r) => [r.code, r.position]));
    const order = mine.map((i) => position.get(i.indicatorCode));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(mine.every((i) => i.createdAt.endsWith("Z"))).toBe(true);
    expect(mine.find((i) => i.safeName === "akhir.pdf")).toMatchObject({ indicatorCode: "30.f.B", uploadedByName: evaluator().name });
    expect(mine.map((i) => i.id)).not.toContain(gone.id);
    const removed = await count(`SELECT count(*) AS n FROM "EvidenceItem" WHERE "assessmentId" = $1 AND "removedAt" IS NOT NULL`, [draftId]);
    const total = await count(`SELECT count(*) AS n FROM "EvidenceItem" WHERE "assessmentId" = $1`, [draftId]);
    expect(mine).toHaveLength(total - removed);

    for (const actor of [verifier(), head(), admin()]) expect(await evidence.listEvidence(actor, draftId)).toEqual(mine);
    expect(await evidence.listEvidence(foreignEvaluator(), draftId)).toEqual([]);
  });
});
