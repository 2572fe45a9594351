import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { minimalPdf } from "./support/minimal-pdf";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

const MONTH = 31 * 86_400_000;

/** What a caller is told about a failure: the catalogue key an action or route would show. */
async function refusal(promise: Promise<unknown>) {
  const { toActionError } = await import("@/lib/server/errors");
  try {
    await promise;
  } catch (error) {
    return toActionError(error)?.messageKey ?? `unexpected: ${String(error)}`;
  }
  return "accepted";
}

describe("archiving a published cycle (issue 20, docs/domain.md §3.6)", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let actors: Record<string, CurrentUser>;
  let storageDir: string;
  let cycle: { id: string; publishedAt: Date; updatedAt: Date };
  let finalId: string;
  let evidenceKey: string;
  const admin = () => actors["admin@pekppp.test"] as CurrentUser & { email: string };
  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];

  beforeAll(async () => {
    storageDir = await mkdtemp(path.join(tmpdir(), "pekppp-archive-"));
    process.env.EVIDENCE_DIR = storageDir;
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    cycle = await one(`SELECT id, "publishedAt", "updatedAt" FROM "Cycle" WHERE status = 'FINALISED' AND "publishedAt" IS NOT NULL ORDER BY year DESC LIMIT 1`);
    finalId = (await one(`SELECT id FROM "Assessment" WHERE "cycleId" = $1 AND status = 'FINAL' ORDER BY id LIMIT 1`, [cycle.id])).id;
    // One evidence file of the cycle, stored on the local disk as an upload would.
    evidenceKey = `evidence/${finalId}/arsip-uji.pdf`;
    const { evidenceStorage } = await import("@/lib/server/storage");
    await (await evidenceStorage()).put(evidenceKey, minimalPdf("arsip"), "application/pdf");
    await client.query(
      `INSERT INTO "EvidenceItem" (kind, "assessmentId", "storageKey", "originalName", "mimeType", "sizeBytes") VALUES ('FILE', $1, $2, 'arsip.pdf', 'application/pdf', 10)`,
      [finalId, evidenceKey],
    );
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
    await rm(storageDir, { recursive: true, force: true });
    delete process.env.EVIDENCE_DIR;
  });

  const archive = async (now: Date, moveEvidenceToColdStorage = true) => {
    const { archiveCycle } = await import("@/lib/server/cycle/status");
    const { updatedAt } = await one(`SELECT "updatedAt" FROM "Cycle" WHERE id = $1`, [cycle.id]);
    return archiveCycle(admin(), { cycleId: cycle.id, expectedUpdatedAt: updatedAt.toISOString(), moveEvidenceToColdStorage }, now);
  };

  it("refuses before the retention has passed, and refuses anyone but an admin as not found", async () => {
    expect(await refusal(archive(new Date(cycle.publishedAt.getTime() + MONTH)))).toBe("cycleAdmin.refusal.RETENTION_NOT_REACHED");
    const { archiveCycle } = await import("@/lib/server/cycle/status");
    const head = actors["pimpinan.palembang@pekppp.test"] as CurrentUser & { email: string };
    expect(await refusal(archiveCycle(head, { cycleId: cycle.id, expectedUpdatedAt: new Date().toISOString(), moveEvidenceToColdStorage: false }))).toBe(
      "errors.notFound",
    );
    expect(await one(`SELECT status FROM "Cycle" WHERE id = $1`, [cycle.id])).toEqual({ status: "FINALISED" });
  });

  it("archives after the retention, audited, and its published results stay public", async () => {
    const published = await import("@/lib/server/results/published");
    const before = await published.loadPublishedResults(cycle.id);
    expect(await archive(new Date(cycle.publishedAt.getTime() + 13 * MONTH))).toMatchObject({ status: "ARCHIVED" });
    expect(await one(`SELECT status, "archivedAt" IS NOT NULL AS archived, "evidenceColdRequested" FROM "Cycle" WHERE id = $1`, [cycle.id])).toEqual({
      status: "ARCHIVED",
      archived: true,
      evidenceColdRequested: true,
    });
    expect(await one(`SELECT action FROM "AuditEvent" WHERE "entityId" = $1 ORDER BY "occurredAt" DESC LIMIT 1`, [cycle.id])).toEqual({
      action: "cycle.archive",
    });
    const after = await published.loadPublishedResults(cycle.id);
    expect(after?.institutions.map((i) => `${i.id} ${i.published} ${i.grade}`)).toEqual(before?.institutions.map((i) => `${i.id} ${i.published} ${i.grade}`));
    expect(after?.institutions.length).toBeGreaterThan(0);
  });

  it("is read-only everywhere: a correction through the portal and a write straight to the database are refused", async () => {
    const correction = await import("@/lib/server/correction/correction");
    const decree = { originalName: "SK.pdf", bytes: minimalPdf() };
    expect(await refusal(correction.openCorrection(admin(), finalId, { reason: "Kesalahan input level", decreeReference: "SK 1/2027" }, decree))).toBe(
      "cycleAdmin.archive.readOnly",
    );
    await expect(client.query(`UPDATE "VerifiedAnswer" SET note = 'diubah' WHERE "assessmentId" = $1`, [finalId])).rejects.toThrow(/cycle archived, read-only/);
    await expect(client.query(`UPDATE "Assessment" SET status = 'VERIFIED' WHERE id = $1`, [finalId])).rejects.toThrow(/cycle archived, read-only/);
    await expect(client.query(`DELETE FROM "EvidenceItem" WHERE "assessmentId" = $1`, [finalId])).rejects.toThrow(/cycle archived, read-only/);
    // Checked once per statement: a statement of many rows (a join) as well as of one (a probe per row), and a row cannot be moved out.
    await expect(
      client.query(`UPDATE "SelfAnswer" SET version = version + 1 WHERE "assessmentId" IN (SELECT id FROM "Assessment" WHERE "cycleId" = $1)`, [cycle.id]),
    ).rejects.toThrow(/cycle archived, read-only/);
    await expect(
      client.query(`UPDATE "Assessment" SET "cycleId" = (SELECT id FROM "Cycle" WHERE status = 'PREPARATION' LIMIT 1) WHERE id = $1`, [finalId]),
    ).rejects.toThrow(/cycle archived, read-only/);
    expect(await one(`SELECT count(*)::int AS n FROM "ResultCorrection" WHERE "assessmentId" = $1`, [finalId])).toEqual({ n: 0 });
    // Withdrawing the publication is refused too: archived results stay public.
    const { setCyclePublication } = await import("@/lib/server/cycle/status");
    const { updatedAt } = await one(`SELECT "updatedAt" FROM "Cycle" WHERE id = $1`, [cycle.id]);
    expect(await refusal(setCyclePublication(admin(), { cycleId: cycle.id, expectedUpdatedAt: updatedAt.toISOString(), publish: false }))).toBe(
      "cycleAdmin.refusal.WRONG_STATUS",
    );
  });

  it("moves the archived cycle's evidence to cold storage once, and the file is still read under its key", async () => {
    const { moveArchivedEvidenceToColdStorage } = await import("@/lib/server/cycle/cold-storage");
    const { evidenceStorage } = await import("@/lib/server/storage");
    const storage = await evidenceStorage();
    const moved = await moveArchivedEvidenceToColdStorage();
    expect(moved).toEqual([{ cycleId: cycle.id, cycleName: expect.any(String), files: expect.any(Number) }]);
    expect(moved[0]!.files).toBeGreaterThanOrEqual(1);
    const { stat } = await import("node:fs/promises");
    await expect(stat(path.join(storageDir, ...evidenceKey.split("/")))).rejects.toMatchObject({ code: "ENOENT" });
    await expect(stat(path.join(storageDir, "cold", ...evidenceKey.split("/")))).resolves.toBeTruthy();
    const object = await storage.get(evidenceKey);
    expect(Buffer.from(await new Response(object!.body).arrayBuffer())).toEqual(Buffer.from(minimalPdf("arsip")));
    // Done once: a second run finds nothing left to move.
    expect(await moveArchivedEvidenceToColdStorage()).toEqual([]);
  });
});
