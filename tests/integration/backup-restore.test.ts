import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import * as tar from "tar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { createBackup } from "../../scripts/lib/backup/backup";
import { restoreBackup } from "../../scripts/lib/backup/restore";
import { withDatabaseName } from "../../scripts/lib/database";
import { dropDatabase, uniqueDatabaseName } from "../../scripts/lib/test-database";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

/** Every table of the public schema: its row count and the MD5 of its rows in a fixed order. */
async function fingerprint(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations' ORDER BY 1`,
    );
    const result: Record<string, { rows: number; md5: string }> = {};
    for (const { name } of tables.rows) {
      const row = (
        await client.query<{ n: string; md5: string }>(
          `SELECT count(*)::text AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM public."${name}" t`,
        )
      ).rows[0]!;
      result[name] = { rows: Number(row.n), md5: row.md5 };
    }
    return result;
  } finally {
    await client.end();
  }
}

/** Every file under a folder, by its path relative to it, with the SHA-256 of its bytes. */
async function fileHashes(dir: string, prefix = ""): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true }).catch(() => [])) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(out, await fileHashes(dir, relative));
    else
      out[relative] = createHash("sha256")
        .update(await readFile(path.join(dir, relative)))
        .digest("hex");
  }
  return out;
}

describe("npm run db:backup / db:restore: a seeded portal with evidence round-trips", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let work: string;
  let sourceEvidence: string;
  let archive: string;
  const restoredName = uniqueDatabaseName("pekppp_restored");
  let restoredUrl: string;
  const restoredEvidence = () => path.join(work, "restored-evidence");

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    work = await mkdtemp(path.join(tmpdir(), "pekppp-backup-test-"));
    sourceEvidence = path.join(work, "evidence");
    process.env.EVIDENCE_DIR = sourceEvidence;
    // Evidence through the data layer: files on disk, rows and audit records in the database.
    const evidence = await import("@/lib/server/assessment/evidence");
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const actors = await loadDemoActors(client);
    const draft = await client.query<{ id: string }>(
      `SELECT a.id FROM "Assessment" a JOIN "Cycle" c ON c.id = a."cycleId" JOIN "Locus" l ON l.id = a."locusId"
       JOIN "Institution" i ON i.id = l."institutionId" WHERE c.status = 'ACTIVE' AND i.code = 'KOTA-16-PALEMBANG' AND l."serviceType" = 'ADMINISTRATIF' AND a.status = 'DRAFT'`,
    );
    await client.end();
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
    for (const [i, code] of ["1.a.Ak", "8.a.Ak"].entries()) {
      await evidence.addFileEvidence(actors["evaluator.palembang@pekppp.test"]!, {
        assessmentId: draft.rows[0]!.id,
        indicatorCode: code,
        originalName: `foto-${i}.png`,
        bytes: new Uint8Array(png),
      });
    }
    archive = path.join(work, "backup.tar.gz");
    await createBackup({ databaseUrl: database.ownerUrl, evidence: { kind: "local", dir: sourceEvidence }, archive, portalVersion: "test" });
  });

  afterAll(async () => {
    delete process.env.EVIDENCE_DIR;
    await closeServerLayer(database);
    await dropDatabase(inject("serverUrl"), restoredName).catch(() => undefined);
    await rm(work, { recursive: true, force: true });
  });

  it("restores into a new database and evidence folder: the same rows in every table (answers, audit trail, results) and the same evidence bytes", async () => {
    const server = new pg.Client({ connectionString: inject("serverUrl") });
    await server.connect();
    await server.query(`CREATE DATABASE "${restoredName}"`);
    await server.end();
    restoredUrl = withDatabaseName(inject("serverUrl"), restoredName);

    const result = await restoreBackup({ archive, databaseUrl: restoredUrl, evidence: { kind: "local", dir: restoredEvidence() } });
    expect(result.evidenceFiles).toBe(2);

    const [before, after] = await Promise.all([fingerprint(database.ownerUrl), fingerprint(restoredUrl)]);
    expect(after).toEqual(before);
    for (const table of ["SelfAnswer", "VerifiedAnswer", "AuditEvent", "LocusResult", "InstitutionResult", "EvidenceItem"]) {
      expect(after[table]?.rows, table).toBeGreaterThan(0);
    }
    expect(await fileHashes(restoredEvidence())).toEqual(await fileHashes(sourceEvidence));
    expect(Object.keys(await fileHashes(restoredEvidence()))).toHaveLength(2);
  });

  it("gives the portal's role its rights in the restored database: it reads, and the audit trail stays append-only", async () => {
    const portal = new pg.Client({ connectionString: withDatabaseName(inject("appServerUrl"), restoredName) });
    await portal.connect();
    try {
      const evidence = await portal.query<{ storageKey: string; sha256: string }>(
        `SELECT "storageKey", sha256 FROM "EvidenceItem" WHERE "storageKey" IS NOT NULL`,
      );
      expect(evidence.rows).toHaveLength(2);
      // Each row's recorded SHA-256 is that of the restored file under its key.
      for (const row of evidence.rows) {
        const bytes = await readFile(path.join(restoredEvidence(), row.storageKey));
        expect(createHash("sha256").update(bytes).digest("hex")).toBe(row.sha256);
      }
      await expect(portal.query(`UPDATE "AuditEvent" SET action = 'x'`)).rejects.toThrow();
      // The tables' triggers, off while the rows loaded, are on again.
      const triggers = await portal.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'O'`);
      expect(triggers.rows[0]!.n).toBe(0);
    } finally {
      await portal.end();
    }
  });

  it("refuses a database or an evidence folder that is not empty, and names it", async () => {
    const empty = path.join(work, "empty-evidence");
    await expect(restoreBackup({ archive, databaseUrl: restoredUrl, evidence: { kind: "local", dir: empty } })).rejects.toThrow(/tidak kosong/);
    const otherName = uniqueDatabaseName("pekppp_restored");
    const server = new pg.Client({ connectionString: inject("serverUrl") });
    await server.connect();
    await server.query(`CREATE DATABASE "${otherName}"`);
    await server.end();
    try {
      await expect(
        restoreBackup({ archive, databaseUrl: withDatabaseName(inject("serverUrl"), otherName), evidence: { kind: "local", dir: restoredEvidence() } }),
      ).rejects.toThrow(/Folder bukti .* tidak kosong/);
    } finally {
      await dropDatabase(inject("serverUrl"), otherName);
    }
  });

  it("refuses an archive whose contents do not match their checksums, before writing anything", async () => {
    const unpacked = path.join(work, "unpacked");
    await (await import("node:fs/promises")).mkdir(unpacked);
    await tar.extract({ file: archive, cwd: unpacked });
    const answers = path.join(unpacked, "database", "SelfAnswer.copy");
    await writeFile(answers, `${await readFile(answers, "utf8")}`.replace(/\t5\t/, "\t4\t"));
    const tampered = path.join(work, "tampered.tar.gz");
    await tar.create({ gzip: true, file: tampered, cwd: unpacked }, await readdir(unpacked));
    const otherName = uniqueDatabaseName("pekppp_restored");
    const server = new pg.Client({ connectionString: inject("serverUrl") });
    await server.connect();
    await server.query(`CREATE DATABASE "${otherName}"`);
    await server.end();
    const otherUrl = withDatabaseName(inject("serverUrl"), otherName);
    try {
      await expect(restoreBackup({ archive: tampered, databaseUrl: otherUrl, evidence: { kind: "local", dir: path.join(work, "unused") } })).rejects.toThrow(
        /Checksum arsip tidak cocok .*SelfAnswer\.copy/,
      );
      expect(Object.keys(await fingerprint(otherUrl))).toEqual([]);
    } finally {
      await dropDatabase(inject("serverUrl"), otherName);
    }
  });
});
