import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { seedDatabase } from "../../prisma/seed/seed-database";
import { assertReachable, dropDatabase, withDatabaseName } from "./database";
import { ensurePortalLogin } from "./db-roles";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { applyMigrations } from "./migrate";

export interface TestServer {
  /** A connection string whose user may create and drop databases; it migrates, so it owns the tables. */
  serverUrl: string;
  /**
   * The connection string to give the portal: a login role whose only rights are pekppp_app's, as
   * in production (through the Unix socket of an embedded server).
   */
  appServerUrl: string;
  /** The same role over TCP. */
  appServerTcpUrl: string;
  stop: () => Promise<void>;
}

/**
 * A PostgreSQL for tests: the server of DATABASE_URL when set (tests then work in databases of
 * their own, created and dropped, never in the one DATABASE_URL names), otherwise a throw-away
 * embedded server whose data directory is deleted on stop. Either way the portal and the
 * integration tests' server layer connect as a member of pekppp_app, never as the owner.
 */
export async function startTestServer(): Promise<TestServer> {
  const external = process.env.DATABASE_URL?.trim();
  if (external) {
    await assertReachable(external);
    const portal = await throwAwayPortalLogin(external);
    return { serverUrl: external, appServerUrl: portal.url, appServerTcpUrl: portal.url, stop: portal.drop };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "pekppp-test-pg-"));
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), persistent: false, preferredPort: 55_000 + Math.floor(Math.random() * 2_000) });
  return {
    serverUrl: server.serverUrl,
    appServerUrl: server.portalSocketUrl,
    appServerTcpUrl: server.portalUrl,
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

/**
 * On DATABASE_URL's server: a login role of this run only, a member of pekppp_app, dropped on
 * stop. When DATABASE_URL's user may not create roles, the tests run as that user, with a warning.
 */
async function throwAwayPortalLogin(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const login = uniqueDatabaseName("pekppp_test_portal");
  const password = randomBytes(24).toString("base64url");
  try {
    await ensurePortalLogin(serverUrl, login, password);
  } catch (error) {
    console.warn(
      `PERINGATAN: ${login} tidak dapat dibuat (${error instanceof Error ? error.message : String(error)}); tes berjalan sebagai pengguna DATABASE_URL, bukan sebagai anggota pekppp_app.`,
    );
    return { url: serverUrl, drop: async () => undefined };
  }
  const url = new URL(serverUrl);
  url.username = login;
  url.password = password;
  return { url: url.toString(), drop: () => adminQuery(serverUrl, `DROP ROLE IF EXISTS "${login}"`).catch(() => undefined) };
}

async function adminQuery(serverUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
