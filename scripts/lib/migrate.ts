import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { UserFacingError } from "./errors";
import { migrateQueueSchema } from "./queue-schema";

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "..", "..", "prisma", "migrations");
/** Any constant: serialises migrators of several app instances starting at once. */
const MIGRATION_LOCK_KEY = 72_019_023;

/**
 * Applies prisma/migrations in order, each in its own transaction, keeping Prisma's own
 * bookkeeping table so `prisma migrate status` and `prisma migrate deploy` agree with it.
 * Prisma's CLI does the same on this toolchain but lingers ~10 s on exit (toolchain.md); the
 * portal applies migrations on every start, so it does this itself.
 */
export async function applyMigrations(databaseUrl: string, migrationsDir = MIGRATIONS_DIR): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const applied = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const appliedByName = new Map(applied.rows.map((row) => [row.migration_name, row]));
    const newlyApplied: string[] = [];

    for (const migration of listMigrations(migrationsDir)) {
      const previous = appliedByName.get(migration.name);
      if (previous) {
        if (!previous.finished_at) {
          throw new UserFacingError(`Migrasi ${migration.name} pernah gagal di tengah jalan; periksa basis data secara manual.`);
        }
        if (previous.checksum !== migration.checksum) {
          throw new UserFacingError(`Migrasi ${migration.name} sudah diterapkan tetapi berkasnya berubah sesudahnya.`);
        }
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new UserFacingError(`Migrasi ${migration.name} gagal: ${error instanceof Error ? error.message : String(error)}`);
      }
      newlyApplied.push(migration.name);
    }
    // The job queue of notifications (graphile-worker) keeps its own schema and migrations.
    try {
      await migrateQueueSchema(databaseUrl);
    } catch (error) {
      throw new UserFacingError(`Skema antrean tugas (graphile_worker) gagal dipasang: ${error instanceof Error ? error.message : String(error)}`);
    }
    return newlyApplied;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

/** The migrations of a folder (prisma/migrations, or a backup's copy), in order, with Prisma's checksum (SHA-256 of the SQL). */
export function listMigrations(dir = MIGRATIONS_DIR) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}
