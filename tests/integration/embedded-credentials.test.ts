import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { credentialsFile, LEGACY_SUPERUSER_PASSWORD } from "../../scripts/lib/embedded-credentials";
import { type RunningPostgres, startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";

/** Who a connection string logs in as; throws when the server refuses it. */
async function whoAmI(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query("SELECT current_user AS name")).rows[0].name;
  } finally {
    await client.end();
  }
}

function withPassword(url: string, password: string) {
  const changed = new URL(url);
  changed.password = password;
  return changed.toString();
}

/**
 * `npm start`'s embedded PostgreSQL (scripts/lib/embedded-postgres.ts): no fixed password. The
 * superuser and the portal's role get random passwords, generated once into a 0600 file beside the
 * data folder and reused; a data folder from before keeps starting and loses its fixed password.
 */
describe("the embedded PostgreSQL's passwords", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pekppp-credentials-"));
  chmodSync(dir, 0o755);
  const dataDir = path.join(dir, "postgres");
  const file = credentialsFile(dataDir);
  const start = () => startEmbeddedPostgres({ dataDir, persistent: true, preferredPort: 57_000 + Math.floor(Math.random() * 1_000) });
  let running: RunningPostgres | undefined;

  afterAll(async () => {
    await running?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("are generated at random on first start, into a file only its owner can read", async () => {
    running = await start();
    expect(file).toBe(`${dataDir}-credentials.json`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(file, "utf8"));
    expect(stored.superuserPassword).toMatch(/^[\w-]{32,}$/);
    expect(stored.portalPassword).toMatch(/^[\w-]{32,}$/);
    expect(new Set([stored.superuserPassword, stored.portalPassword, LEGACY_SUPERUSER_PASSWORD]).size).toBe(3);
    expect(new URL(running.serverUrl).password).toBe(stored.superuserPassword);

    expect(await whoAmI(running.serverUrl)).toBe("postgres");
    expect(await whoAmI(running.portalUrl)).toBe("pekppp_portal");
    expect(await whoAmI(running.portalSocketUrl)).toBe("pekppp_portal");
    await expect(whoAmI(withPassword(running.serverUrl, LEGACY_SUPERUSER_PASSWORD))).rejects.toThrow(/password authentication failed/);
  });

  it("are reused by the next start, unchanged", async () => {
    const before = readFileSync(file, "utf8");
    await running?.stop();
    running = await start();
    expect(readFileSync(file, "utf8")).toBe(before);
    expect(new URL(running.serverUrl).password).toBe(JSON.parse(before).superuserPassword);
    expect(await whoAmI(running.serverUrl)).toBe("postgres");
    expect(await whoAmI(running.portalUrl)).toBe("pekppp_portal");
  });

  it("replace the fixed password of a data folder initialised before they existed", async () => {
    // A data folder of the previous version: the superuser's password is the fixed one, no file.
    const client = new pg.Client({ connectionString: running!.serverUrl });
    await client.connect();
    await client.query(`ALTER ROLE postgres PASSWORD '${LEGACY_SUPERUSER_PASSWORD}'`);
    await client.query(`DROP ROLE pekppp_portal`);
    await client.end();
    const previous = JSON.parse(readFileSync(file, "utf8"));
    await running?.stop();
    rmSync(file);

    running = await start();
    expect(existsSync(file)).toBe(true);
    const stored = JSON.parse(readFileSync(file, "utf8"));
    expect(stored.superuserPassword).not.toBe(previous.superuserPassword);
    expect(await whoAmI(running.serverUrl)).toBe("postgres");
    expect(await whoAmI(running.portalUrl)).toBe("pekppp_portal");
    await expect(whoAmI(withPassword(running.serverUrl, LEGACY_SUPERUSER_PASSWORD))).rejects.toThrow(/password authentication failed/);
  });
});
