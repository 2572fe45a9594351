import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "./database";

const SCHEMA = path.join(PROJECT_ROOT, "prisma", "schema.prisma");
const GENERATED = path.join(PROJECT_ROOT, "lib", "generated", "prisma", "client.ts");

/** Generates the Prisma client when it is missing or older than the schema. */
export function ensurePrismaClient() {
  if (existsSync(GENERATED) && statSync(GENERATED).mtimeMs >= statSync(SCHEMA).mtimeMs) return;
  execFileSync(process.execPath, [path.join(PROJECT_ROOT, "node_modules", "prisma", "build", "index.js"), "generate"], {
    cwd: PROJECT_ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    // `generate` reads no database, but Prisma insists that the variable exists.
    env: { ...process.env, CHECKPOINT_DISABLE: "1", DATABASE_URL: process.env.DATABASE_URL || "postgresql://localhost/unused" },
  });
}
