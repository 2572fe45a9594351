import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { UserFacingError } from "./errors";
import { databaseUrlProblem } from "../../lib/schemas/database-url";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "..", "..");
const PORTAL_DATABASE = "pekppp";

export interface DatabaseHandle {
  /** What the portal connects as: its own role, a member of pekppp_app (README, "Running on your own PostgreSQL"). */
  url: string;
  /** What migrations and the seed run as: the owner of the tables. Never given to the portal. */
  ownerUrl: string;
  /** "embedded" when this process started its own PostgreSQL. */
  source: "embedded" | "DATABASE_URL";
  close: () => Promise<void>;
}

/**
 * The portal's database: DATABASE_URL (the portal's role) and DATABASE_OWNER_URL (the owner;
 * DATABASE_URL when unset) when DATABASE_URL is set, otherwise an embedded PostgreSQL whose data
 * lives in .data/postgres (git-ignored) and is reused by the next start: its superuser owns the
 * tables and the portal logs in as pekppp_portal, both with generated passwords.
 */
export async function openPortalDatabase(log: (line: string) => void): Promise<DatabaseHandle> {
  const external = process.env.DATABASE_URL?.trim();
  if (external) {
    await assertReachable(external);
    const owner = process.env.DATABASE_OWNER_URL?.trim() || external;
    if (owner !== external) await assertReachable(owner, "DATABASE_OWNER_URL");
    return { url: external, ownerUrl: owner, source: "DATABASE_URL", close: async () => undefined };
  }
  const dataDir = process.env.PEKPPP_DATA_DIR ?? path.join(PROJECT_ROOT, ".data", "postgres");
  const server = await startEmbeddedPostgres({ dataDir, persistent: true, preferredPort: 54329 });
  log(`PostgreSQL tertanam berjalan di port ${server.port} (data: ${path.relative(PROJECT_ROOT, dataDir) || dataDir})`);
  const ownerUrl = await ensureDatabase(server.serverUrl, PORTAL_DATABASE);
  return { url: withDatabaseName(server.portalUrl, PORTAL_DATABASE), ownerUrl, source: "embedded", close: server.stop };
}

/** Creates the database on the server when missing and returns its connection string. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return withDatabaseName(serverUrl, name);
}

export async function dropDatabase(serverUrl: string, name: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export function withDatabaseName(connectionString: string, database: string) {
  const url = new URL(connectionString);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function assertReachable(connectionString: string, variable = "DATABASE_URL") {
  const problem = databaseUrlProblem(connectionString, variable);
  if (problem) throw new UserFacingError(problem);
  const url = new URL(connectionString);
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const reason = error instanceof Error && error.message ? error.message : "tidak ada jawaban";
    throw new UserFacingError(`Basis data di ${variable} (${url.host}${url.pathname}) tidak dapat dihubungi: ${reason}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
