import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { evidenceStorageConfig, type EvidenceStorageVariables } from "../../../lib/server/storage/config";
import { openPortalDatabase, PROJECT_ROOT, withDatabaseName } from "../database";
import { readOrCreateCredentials } from "../embedded-credentials";

export interface BackupTarget {
  /** The owner of the tables: DATABASE_OWNER_URL (or DATABASE_URL), or the embedded superuser. */
  ownerUrl: string;
  close: () => Promise<void>;
}

/**
 * The database `npm run db:backup` and `db:restore` work on, found the way `npm start` finds it:
 * DATABASE_OWNER_URL / DATABASE_URL when set; otherwise the embedded PostgreSQL of .data/postgres
 * (PEKPPP_DATA_DIR): the running one of `npm start` (its port from postmaster.pid), or one started
 * for the command and stopped after it.
 */
export async function openBackupTarget(log: (line: string) => void): Promise<BackupTarget> {
  if (process.env.DATABASE_URL?.trim()) {
    const ownerUrl = process.env.DATABASE_OWNER_URL?.trim() || process.env.DATABASE_URL.trim();
    return { ownerUrl, close: async () => undefined };
  }
  const dataDir = path.resolve(process.env.PEKPPP_DATA_DIR ?? path.join(PROJECT_ROOT, ".data", "postgres"));
  const running = runningPort(dataDir);
  if (running) {
    const { credentials } = readOrCreateCredentials(dataDir);
    log(`PostgreSQL tertanam yang sedang berjalan dipakai (port ${running}).`);
    const url = `postgresql://postgres:${encodeURIComponent(credentials.superuserPassword)}@127.0.0.1:${running}/postgres`;
    return { ownerUrl: withDatabaseName(url, "pekppp"), close: async () => undefined };
  }
  const database = await openPortalDatabase(log);
  return { ownerUrl: database.ownerUrl, close: database.close };
}

/** The port of a live embedded server of this data folder (line 4 of postmaster.pid), if any. */
function runningPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number.parseInt(lines[0] ?? "", 10);
  const port = Number.parseInt(lines[3] ?? "", 10);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return null;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return null;
  }
}

/** The evidence storage of the environment (EVIDENCE_DIR or EVIDENCE_S3_*), as the portal reads it. */
export function evidenceTarget() {
  return evidenceStorageConfig(process.env as EvidenceStorageVariables, PROJECT_ROOT);
}
