import { createReadStream } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import * as tar from "tar";
import { z } from "zod";
import type { EvidenceStorageConfig } from "../../../lib/server/storage/config";
import { UserFacingError } from "../errors";
import { applyMigrations } from "../migrate";
import { COPY_SESSION_SETTINGS, copyColumns, listTables, quoteIdent } from "./backup";
import { CHECKSUM_FILE, hashFile, type Manifest, MANIFEST_FILE, manifestFiles, ZManifest } from "./manifest";
import { checkS3Versions } from "./s3-evidence";

export interface RestoreOptions {
  archive: string;
  /** The owner of the tables to be: an EMPTY database (no table in its public schema). */
  databaseUrl: string;
  evidence: EvidenceStorageConfig;
}

export interface RestoreResult {
  rows: number;
  tables: number;
  evidenceFiles: number;
  milliseconds: number;
}

/**
 * Restores an archive of createBackup into an empty database and an empty evidence folder: every
 * checksum is verified before anything is written, the schema is made by the archive's own
 * migrations, the rows are loaded in one transaction (parents before children) and their counts
 * checked against the manifest, and the evidence files are copied in.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const started = performance.now();
  const work = await mkdtemp(path.join(os.tmpdir(), "pekppp-restore-"));
  try {
    const manifest = await extractAndVerify(options.archive, work);
    await assertEmptyTargets(options);
    if (manifest.evidence.kind === "s3") {
      if (options.evidence.kind !== "s3")
        throw new UserFacingError("Cadangan ini mencatat bukti di S3: atur EVIDENCE_S3_BUCKET dan kawan-kawannya sebelum memulihkan.");
      await checkS3Versions(options.evidence, manifest.evidence);
    } else if (options.evidence.kind !== "local") {
      throw new UserFacingError(
        "Cadangan ini memuat berkas bukti dari disk lokal; pulihkan ke EVIDENCE_DIR (tanpa EVIDENCE_S3_BUCKET), lalu unggah ke S3 bila perlu.",
      );
    }

    await applyMigrations(options.databaseUrl, path.join(work, "migrations"));
    const rows = await loadTables(options.databaseUrl, manifest, work);
    const evidenceFiles =
      options.evidence.kind === "local" && manifest.evidence.kind === "local" ? await copyEvidence(manifest.evidence.files, work, options.evidence.dir) : 0;
    return { rows, tables: manifest.database.tables.length, evidenceFiles, milliseconds: performance.now() - started };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Extracts the archive (plain files and folders only) and checks the manifest and every file against their SHA-256. */
export async function extractAndVerify(archive: string, work: string): Promise<Manifest> {
  try {
    await tar.extract({
      file: archive,
      cwd: work,
      strict: true,
      filter: (_path, entry) => "type" in entry && (entry.type === "File" || entry.type === "Directory"),
    });
  } catch (error) {
    throw new UserFacingError(`Arsip ${archive} tidak dapat dibaca: ${error instanceof Error ? error.message : String(error)}`);
  }
  let manifest: Manifest;
  try {
    manifest = ZManifest.parse(JSON.parse(await readFile(path.join(work, MANIFEST_FILE), "utf8")));
  } catch (error) {
    const detail = error instanceof z.ZodError ? `: ${error.issues[0]?.path.join(".")} ${error.issues[0]?.message}` : "";
    throw new UserFacingError(`Arsip ${archive} bukan cadangan Portal PEKPPP (${MANIFEST_FILE} tidak ada atau tidak sah${detail}).`);
  }
  const sums = new Map(
    (await readFile(path.join(work, CHECKSUM_FILE), "utf8").catch(() => ""))
      .split("\n")
      .filter(Boolean)
      .map((line) => [line.slice(66), line.slice(0, 64)] as const),
  );
  const bad: string[] = [];
  if (sums.get(MANIFEST_FILE) !== (await hashFile(path.join(work, MANIFEST_FILE))).sha256) bad.push(MANIFEST_FILE);
  for (const entry of manifestFiles(manifest)) {
    const actual = await hashFile(path.join(work, ...entry.path.split("/"))).catch(() => null);
    if (!actual || actual.sha256 !== entry.sha256 || actual.size !== entry.size || sums.get(entry.path) !== entry.sha256) bad.push(entry.path);
  }
  if (bad.length > 0) {
    throw new UserFacingError(
      `Checksum arsip tidak cocok untuk ${bad.length} berkas (${bad.slice(0, 3).join(", ")}${bad.length > 3 ? ", …" : ""}): arsip rusak atau diubah; tidak ada yang dipulihkan.`,
    );
  }
  return manifest;
}

/** The database must have no table in its public schema, and the evidence folder no file. */
async function assertEmptyTargets(options: RestoreOptions) {
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number; db: string }>(
      `SELECT count(*)::int AS n, current_database() AS db FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')`,
    );
    if (rows[0]!.n > 0) {
      throw new UserFacingError(
        `Basis data ${rows[0]!.db} tidak kosong (${rows[0]!.n} tabel/objek di skema public): pemulihan hanya ke basis data kosong. Buat basis data baru (CREATE DATABASE …) atau hapus isinya dulu.`,
      );
    }
  } finally {
    await client.end();
  }
  if (options.evidence.kind === "local") {
    // Empty folders do not count (the readiness probe leaves readiness/ behind).
    const entries = await readdir(options.evidence.dir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return [];
      throw error;
    });
    if (entries.some((entry) => !entry.isDirectory())) {
      throw new UserFacingError(
        `Folder bukti ${options.evidence.dir} tidak kosong: pemulihan hanya ke folder kosong. Pindahkan isinya atau pilih EVIDENCE_DIR lain.`,
      );
    }
  }
}

/** Tables ordered so that every table comes after the tables its foreign keys point to. */
async function parentsFirst(client: pg.Client, names: string[]) {
  const edges = await client.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public' AND c.oid <> p.oid`,
  );
  const parents = new Map(names.map((name) => [name, new Set<string>()]));
  for (const { child, parent } of edges.rows) parents.get(child)?.add(parent);
  const ordered: string[] = [];
  const done = new Set<string>();
  while (ordered.length < names.length) {
    const ready = names.filter((name) => !done.has(name) && [...parents.get(name)!].every((p) => done.has(p) || !parents.has(p)));
    if (ready.length === 0) throw new Error(`Foreign keys form a cycle among: ${names.filter((n) => !done.has(n)).join(", ")}`);
    for (const name of ready) {
      done.add(name);
      ordered.push(name);
    }
  }
  return ordered;
}

async function loadTables(databaseUrl: string, manifest: Manifest, work: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(COPY_SESSION_SETTINGS);
    await client.query("BEGIN");
    const present = new Map((await listTables(client)).map((t) => [t.name, t.columns]));
    for (const table of manifest.database.tables) {
      const columns = present.get(table.name);
      const missing = table.columns.filter((c) => !columns?.includes(c));
      if (missing.length > 0)
        throw new UserFacingError(`Tabel ${table.name} hasil migrasi arsip tidak memiliki kolom ${missing.join(", ")}: arsip tidak konsisten.`);
    }
    const byName = new Map(manifest.database.tables.map((t) => [t.name, t]));
    // The rows already hold what the triggers made of them (counters, append-only guards): as
    // pg_dump's data restores, the tables' own triggers stay off while they load, inside this
    // transaction (the owner may; foreign keys, which are system triggers, stay checked).
    for (const name of byName.keys()) await client.query(`ALTER TABLE public.${quoteIdent(name)} DISABLE TRIGGER USER`);
    // Rows the migrations themselves insert (the programmes, issue 16) are in the archive too, as
    // they stood: the tables start empty.
    await client.query(`TRUNCATE ${[...byName.keys()].map((name) => `public.${quoteIdent(name)}`).join(", ")}`);
    let rows = 0;
    for (const name of await parentsFirst(client, [...byName.keys()])) {
      const table = byName.get(name)!;
      const target = client.query(copyFrom(`COPY public.${quoteIdent(name)} (${copyColumns(table.columns)}) FROM STDIN`));
      await pipeline(createReadStream(path.join(work, ...table.file.path.split("/"))), target);
      const count = (await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM public.${quoteIdent(name)}`)).rows[0]!.n;
      if (Number(count) !== table.rows) throw new Error(`Table ${name}: ${count} rows restored, the manifest says ${table.rows}`);
      rows += table.rows;
    }
    for (const name of byName.keys()) await client.query(`ALTER TABLE public.${quoteIdent(name)} ENABLE TRIGGER USER`);
    for (const sequence of manifest.database.sequences) {
      await client.query("SELECT setval($1::regclass, $2::bigint, $3)", [`public.${quoteIdent(sequence.name)}`, sequence.lastValue, sequence.isCalled]);
    }
    await client.query("COMMIT");
    await client.query("ANALYZE");
    return rows;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

async function copyEvidence(files: Extract<Manifest["evidence"], { kind: "local" }>["files"], work: string, dir: string) {
  for (const { key, file } of files) {
    const target = path.resolve(dir, ...key.split("/"));
    if (!target.startsWith(path.resolve(dir) + path.sep)) throw new UserFacingError(`Kunci bukti di luar folder bukti: ${key}`);
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(path.join(work, ...file.path.split("/")), target);
  }
  return files.length;
}
