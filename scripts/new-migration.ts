import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PROJECT_ROOT } from "./lib/database";
import { UserFacingError, runMain } from "./lib/errors";
import { createMigratedDatabase, dropDatabase, startTestServer, uniqueDatabaseName } from "./lib/test-database";

// npm run db:migration -- <name>: writes prisma/migrations/<timestamp>_<name>/migration.sql with the
// SQL from the schema as of the last commit that added a migration to prisma/schema.prisma now.
// (`prisma migrate dev` and diffs from a live database are refused by Prisma's JavaScript engine
// with a driver adapter, the only engine that works offline here; see ../shared/notes/toolchain.md.)
runMain(async () => {
  const name = process.argv[2]?.trim();
  if (!name || !/^[a-z0-9_]+$/.test(name)) throw new UserFacingError("Pemakaian: npm run db:migration -- nama_migrasi (huruf kecil, angka, garis bawah).");
  const server = await startTestServer();
  const database = uniqueDatabaseName("pekppp_diff");
  try {
    const url = await createMigratedDatabase(server.serverUrl, database);
    const lastMigrationCommit = execFileSync("git", ["log", "-1", "--format=%H", "--", "prisma/migrations"], { cwd: PROJECT_ROOT }).toString().trim();
    if (!lastMigrationCommit) throw new UserFacingError("Belum ada migrasi yang di-commit untuk dibandingkan.");
    const previousSchema = path.join(mkdtempSync(path.join(os.tmpdir(), "schema-")), "schema.prisma");
    writeFileSync(previousSchema, execFileSync("git", ["show", `${lastMigrationCommit}:prisma/schema.prisma`], { cwd: PROJECT_ROOT }));
    const sql = execFileSync(
      process.execPath,
      [
        path.join(PROJECT_ROOT, "node_modules", "prisma", "build", "index.js"),
        "migrate",
        "diff",
        "--from-schema-datamodel",
        previousSchema,
        "--to-schema-datamodel",
        "prisma/schema.prisma",
        "--script",
      ],
      { cwd: PROJECT_ROOT, env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1" }, stdio: ["ignore", "pipe", "inherit"] },
    ).toString();
    if (!/^\s*(CREATE|ALTER|DROP)/m.test(sql)) {
      console.log("Skema sudah sesuai dengan migrasi terakhir; tidak ada migrasi baru.");
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(PROJECT_ROOT, "prisma", "migrations", `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`Migrasi baru: ${path.relative(PROJECT_ROOT, dir)}/migration.sql — periksa isinya sebelum commit.`);
  } finally {
    await dropDatabase(server.serverUrl, database).catch(() => undefined);
    await server.stop();
  }
});
