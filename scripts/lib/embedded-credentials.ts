import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { UserFacingError } from "./errors";

/** The fixed superuser password of data folders initialised before the passwords were generated. */
export const LEGACY_SUPERUSER_PASSWORD = "pekppp-local";

export interface EmbeddedCredentials {
  /** Password of the embedded server's superuser ("postgres"): migrations, the seed, the test harness. */
  superuserPassword: string;
  /** Password of the portal's own login role (pekppp_portal, a member of pekppp_app). */
  portalPassword: string;
}

/**
 * Where the passwords of an embedded server live: beside its data folder (`.data/postgres` →
 * `.data/postgres-credentials.json`), because initdb needs the data folder empty and the password
 * must be on disk before initdb runs (a crash in between must not lose it).
 */
export function credentialsFile(dataDir: string) {
  return `${path.resolve(dataDir)}-credentials.json`;
}

const newPassword = () => randomBytes(24).toString("base64url");

/**
 * The embedded server's passwords: read from the credentials file, or generated once, at random,
 * and written there readable by its owner only (0600).
 */
export function readOrCreateCredentials(dataDir: string): { credentials: EmbeddedCredentials; created: boolean } {
  const file = credentialsFile(dataDir);
  if (existsSync(file)) {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    let parsed: Partial<EmbeddedCredentials>;
    try {
      parsed = JSON.parse(readFileSync(file, "utf8"));
    } catch {
      throw new UserFacingError(`Berkas kredensial PostgreSQL tertanam ${file} rusak (bukan JSON). Pulihkan dari cadangan.`);
    }
    if (typeof parsed.superuserPassword !== "string" || !parsed.superuserPassword || typeof parsed.portalPassword !== "string" || !parsed.portalPassword) {
      throw new UserFacingError(`Berkas kredensial PostgreSQL tertanam ${file} tidak lengkap (superuserPassword, portalPassword).`);
    }
    return { credentials: { superuserPassword: parsed.superuserPassword, portalPassword: parsed.portalPassword }, created: false };
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const credentials: EmbeddedCredentials = { superuserPassword: newPassword(), portalPassword: newPassword() };
  // "wx": never overwrite a file another process wrote in the meantime.
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  return { credentials, created: true };
}
