import { copyFile, link, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createWriteStream } from "node:fs";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import * as tar from "tar";
import type { EvidenceStorageConfig } from "../../../lib/server/storage/config";
import { UserFacingError } from "../errors";
import { listMigrations } from "../migrate";
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, CHECKSUM_FILE, type FileEntry, hashFile, type Manifest, MANIFEST_FILE } from "./manifest";
import { listS3Versions } from "./s3-evidence";

export interface BackupOptions {
  /** The owner of the tables (DATABASE_OWNER_URL), or any role that may read every table. */
  databaseUrl: string;
  evidence: EvidenceStorageConfig;
  /** The archive to write (…/pekppp-backup-<time>.tar.gz). */
  archive: string;
  /** Where to find the migrations whose checksums the database recorded (prisma/migrations). */
  migrationsDir?: string;
  portalVersion?: string;
}

export interface BackupResult {
  archive: string;
  bytes: number;
  rows: number;
  evidenceFiles: number;
  milliseconds: number;
}

/** The session settings of both ends, so that COPY's text round-trips exactly (as pg_dump sets them). */
export const COPY_SESSION_SETTINGS =
  "SET TimeZone = 'UTC'; SET DateStyle = 'ISO'; SET IntervalStyle = 'postgres'; SET extra_float_digits = 3; SET client_encoding = 'UTF8'";

/**
 * Writes one archive (tar.gz, through the `tar` package) with the database's tables read in a
 * single snapshot, the migrations that made its schema, the evidence files (or, with S3, the
 * objects' versions), a manifest and SHA-256 checksums. The archive is written under a temporary
 * name and renamed at the end: a failed backup never leaves a file that looks like a good one.
 */
export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const started = performance.now();
  const staging = await mkdtemp(path.join(path.dirname(path.resolve(options.archive)), ".pekppp-backup-"));
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    await client.query(COPY_SESSION_SETTINGS);
    // One snapshot for every table (pg_dump does the same): rows written meanwhile are in none of them.
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    const serverVersion = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
    const migrations = await copyMigrations(client, staging, options.migrationsDir);
    const tables = await dumpTables(client, staging);
    const sequences = await readSequences(client);
    await client.query("COMMIT");
    // Evidence after the snapshot: every file the dumped rows name was already written.
    const evidence =
      options.evidence.kind === "local"
        ? { kind: "local" as const, files: await stageEvidence(options.evidence.dir, staging) }
        : await listS3Versions(options.evidence);

    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      portalVersion: options.portalVersion ?? "unknown",
      database: { serverVersion, migrations, tables, sequences },
      evidence,
    };
    await writeFile(path.join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    const manifestHash = await hashFile(path.join(staging, MANIFEST_FILE));
    const sums = [
      `${manifestHash.sha256}  ${MANIFEST_FILE}`,
      ...[...migrations.map((m) => m.file), ...tables.map((t) => t.file), ...(evidence.kind === "local" ? evidence.files.map((f) => f.file) : [])].map(
        (f) => `${f.sha256}  ${f.path}`,
      ),
    ];
    await writeFile(path.join(staging, CHECKSUM_FILE), `${sums.join("\n")}\n`);

    const partial = `${options.archive}.part`;
    const entries = [MANIFEST_FILE, CHECKSUM_FILE, "migrations", "database", ...(evidence.kind === "local" && evidence.files.length > 0 ? ["evidence"] : [])];
    await tar.create({ gzip: { level: 6 }, file: partial, cwd: staging, portable: true }, entries);
    const { rename } = await import("node:fs/promises");
    await rename(partial, options.archive);
    return {
      archive: options.archive,
      bytes: (await stat(options.archive)).size,
      rows: tables.reduce((sum, t) => sum + t.rows, 0),
      evidenceFiles: evidence.kind === "local" ? evidence.files.length : evidence.objects.length,
      milliseconds: performance.now() - started,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    await rm(`${options.archive}.part`, { force: true });
    throw error;
  } finally {
    await client.end().catch(() => undefined);
    await rm(staging, { recursive: true, force: true });
  }
}

/** The applied migrations, each copied from the checkout only when its checksum is the one the database recorded. */
async function copyMigrations(client: pg.Client, staging: string, migrationsDir?: string): Promise<Manifest["database"]["migrations"]> {
  const applied = await client.query<{ migration_name: string; checksum: string }>(
    `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL ORDER BY migration_name`,
  );
  const available = new Map(listMigrations(migrationsDir).map((m) => [m.name, m]));
  const result: Manifest["database"]["migrations"] = [];
  for (const { migration_name: name, checksum } of applied.rows) {
    const migration = available.get(name);
    if (!migration || migration.checksum !== checksum) {
      throw new UserFacingError(
        `Migrasi ${name} yang tercatat di basis data ${migration ? "berbeda dari" : "tidak ada di"} prisma/migrations: jalankan pencadangan dari versi portal yang membuat basis data ini.`,
      );
    }
    const relative = `migrations/${name}/migration.sql`;
    await mkdir(path.join(staging, "migrations", name), { recursive: true });
    await writeFile(path.join(staging, relative), migration.sql);
    result.push({ name, checksum, file: await entryOf(staging, relative) });
  }
  return result;
}

/** Every table of the public schema except Prisma's bookkeeping, with its stored (not generated) columns. */
export async function listTables(client: pg.Client | pg.PoolClient) {
  const tables = await client.query<{ name: string; columns: string[] }>(
    `SELECT c.relname AS name,
            array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'
      GROUP BY c.relname
      ORDER BY c.relname`,
  );
  return tables.rows;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const copyColumns = (columns: string[]) => columns.map(quoteIdent).join(", ");
export { quoteIdent };

async function dumpTables(client: pg.Client, staging: string): Promise<Manifest["database"]["tables"]> {
  await mkdir(path.join(staging, "database"), { recursive: true });
  const result: Manifest["database"]["tables"] = [];
  for (const table of await listTables(client)) {
    const relative = `database/${table.name}.copy`;
    const stream = client.query(copyTo(`COPY public.${quoteIdent(table.name)} (${copyColumns(table.columns)}) TO STDOUT`));
    await pipeline(stream, createWriteStream(path.join(staging, relative)));
    result.push({ name: table.name, columns: table.columns, rows: stream.rowCount ?? 0, file: await entryOf(staging, relative) });
  }
  return result;
}

async function readSequences(client: pg.Client): Promise<Manifest["database"]["sequences"]> {
  const names = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY 1`,
  );
  const result: Manifest["database"]["sequences"] = [];
  for (const { name } of names.rows) {
    const row = (
      await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text AS last_value, is_called FROM public.${quoteIdent(name)}`)
    ).rows[0]!;
    result.push({ name, lastValue: row.last_value, isCalled: row.is_called });
  }
  return result;
}

/** Every file under the evidence folder (partial uploads left out), linked (or copied) into the archive's evidence/. */
async function stageEvidence(dir: string, staging: string) {
  const files: { key: string; file: FileEntry }[] = [];
  const walk = async (relative: string): Promise<void> => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(path.join(dir, relative), { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const key = relative ? `${relative}/${entry.name}` : entry.name;
      // readiness/: the probe objects of /api/ready (lib/server/storage/probe.ts), never evidence.
      if (entry.isDirectory()) {
        if (key !== "readiness") await walk(key);
      } else if (entry.isFile() && !entry.name.endsWith(".part")) {
        const target = path.join(staging, "evidence", ...key.split("/"));
        await mkdir(path.dirname(target), { recursive: true });
        // A hard link costs nothing and keeps the bytes even if the file is deleted meanwhile.
        await link(path.join(dir, ...key.split("/")), target).catch(() => copyFile(path.join(dir, ...key.split("/")), target));
        files.push({ key, file: await entryOf(staging, `evidence/${key}`) });
      }
    }
  };
  await walk("");
  return files;
}

async function entryOf(staging: string, relative: string): Promise<FileEntry> {
  const { sha256, size } = await hashFile(path.join(staging, relative));
  return { path: relative, size, sha256 };
}

/** The portal's version (package.json), recorded in the manifest. */
export async function portalVersion(root: string) {
  try {
    return (JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as { version?: string }).version ?? "unknown";
  } catch {
    return "unknown";
  }
}
