import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { createBackup } from "./lib/backup/backup";
import { restoreBackup } from "./lib/backup/restore";
import { withDatabaseName } from "./lib/database";
import { runMain, UserFacingError } from "./lib/errors";
import { createMigratedDatabase, dropDatabase, startTestServer, uniqueDatabaseName } from "./lib/test-database";

// npm run bench:backup [-- --institutions 1500] [--evidence-files 200]: the demo data of that size in
// a throw-away database, with that many evidence files of 256 KiB (random bytes, so they do not
// compress), backed up and restored into a new database and folder; prints both times, the
// archive's size and whether every table's row count came back.
runMain(async () => {
  const { values } = parseArgs({ options: { institutions: { type: "string", default: "1500" }, "evidence-files": { type: "string", default: "200" } } });
  const institutions = Number(values.institutions);
  const files = Number(values["evidence-files"]);
  if (!Number.isInteger(institutions) || institutions < 3) throw new UserFacingError("--institutions harus bilangan bulat ≥ 3.");
  if (!Number.isInteger(files) || files < 0) throw new UserFacingError("--evidence-files harus bilangan bulat ≥ 0.");
  const server = await startTestServer();
  const work = await mkdtemp(path.join(os.tmpdir(), "pekppp-bench-backup-"));
  const source = uniqueDatabaseName("pekppp_bench");
  const target = uniqueDatabaseName("pekppp_bench_restored");
  try {
    const seedStarted = performance.now();
    const sourceUrl = await createMigratedDatabase(server.serverUrl, source, institutions);
    console.log(`seeded ${institutions} institutions in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);
    const evidenceDir = path.join(work, "evidence");
    for (let i = 0; i < files; i += 1) {
      const dir = path.join(evidenceDir, "evidence", `bench-${Math.floor(i / 20)}`);
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, `${i}.pdf`), randomBytes(256 * 1024));
    }
    const archive = path.join(work, "bench.tar.gz");
    const backup = await createBackup({ databaseUrl: sourceUrl, evidence: { kind: "local", dir: evidenceDir }, archive, portalVersion: "bench" });
    console.log(
      `backup: ${(backup.milliseconds / 1000).toFixed(1)} s, ${backup.rows} rows, ${backup.evidenceFiles} evidence files, archive ${(backup.bytes / 1024 / 1024).toFixed(1)} MB`,
    );
    const admin = new pg.Client({ connectionString: server.serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${target}"`);
    await admin.end();
    const targetUrl = withDatabaseName(server.serverUrl, target);
    const restored = await restoreBackup({ archive, databaseUrl: targetUrl, evidence: { kind: "local", dir: path.join(work, "restored-evidence") } });
    console.log(
      `restore: ${(restored.milliseconds / 1000).toFixed(1)} s, ${restored.rows} rows in ${restored.tables} tables, ${restored.evidenceFiles} evidence files (checksums verified)`,
    );
    console.log(`row counts equal: ${restored.rows === backup.rows}`);
  } finally {
    await dropDatabase(server.serverUrl, source).catch(() => undefined);
    await dropDatabase(server.serverUrl, target).catch(() => undefined);
    await server.stop();
    await rm(work, { recursive: true, force: true });
  }
});
