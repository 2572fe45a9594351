import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { seedDatabase } from "../../prisma/seed/seed-database";
import { assertReachable, dropDatabase, withDatabaseName } from "./database";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { applyMigrations } from "./migrate";

export interface TestServer {
  /** A connection string whose user may create and drop databases. */
  serverUrl: string;
  /** The connection string to give the portal: the Unix socket of an embedded server. */
  appServerUrl: string;
  stop: () => Promise<void>;
}

/**
 * A PostgreSQL for tests: the server of DATABASE_URL when set (tests then work in databases of
 * their own, created and dropped, never in the one DATABASE_URL names), otherwise a throw-away
 * embedded server whose data directory is deleted on stop.
 */
export async function startTestServer(): Promise<TestServer> {
  const external = process.env.DATABASE_URL?.trim();
  if (external) {
    await assertReachable(external);
    return { serverUrl: external, appServerUrl: external, stop: async () => undefined };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "pekppp-test-pg-"));
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), persistent: false, preferredPort: 55_000 + Math.floor(Math.random() * 2_000) });
  return {
    serverUrl: server.serverUrl,
    appServerUrl: server.socketUrl,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function uniqueDatabaseName(prefix: string) {
  return `${prefix}_${randomBytes(5).toString("hex")}`;
}

/** A migrated database, empty or with the demo data of the given size. */
export async function createMigratedDatabase(serverUrl: string, name: string, seedInstitutions?: number): Promise<string> {
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabaseName(serverUrl, name);
  await applyMigrations(url);
  if (seedInstitutions !== undefined) await seedDatabase(url, { institutions: seedInstitutions });
  return url;
}

/** A copy of a template database: a fresh, seeded database in a fraction of a second. */
export async function cloneDatabase(serverUrl: string, template: string, name: string): Promise<string> {
  await adminQuery(serverUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  return withDatabaseName(serverUrl, name);
}

export { dropDatabase };

async function adminQuery(serverUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
