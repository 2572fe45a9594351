import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { resolveAuthSecret } from "./lib/auth-secret";
import { withDatabaseName } from "./lib/database";
import { runMain } from "./lib/errors";
import { addE2eFixtures } from "./lib/e2e-fixtures";
import { e2eDistDir, ensureNextBuild, startNext } from "./lib/next-build";
import { ensurePrismaClient } from "./lib/prisma-client";
import { createMigratedDatabase, dropDatabase, startTestServer, uniqueDatabaseName } from "./lib/test-database";

/** Demo size for browser tests: every role's pages have data, the seed takes about a second. */
const E2E_SEED_INSTITUTIONS = 40;

/**
 * The portal as Playwright's webServer: a throw-away seeded database and a production build on
 * E2E_PORT, and a second instance of the same build on E2E_PORT + 1 sharing the database, the
 * evidence folder and the secret (issue 20: several instances behave as one; two-instances.spec.ts).
 * SIGTERM (Playwright's graceful shutdown) stops both and drops the database.
 */
runMain(async () => {
  const port = Number(process.env.E2E_PORT ?? 3100);
  ensurePrismaClient();
  const server = await startTestServer();
  const name = uniqueDatabaseName("pekppp_e2e");
  // Evidence uploaded by the tests goes to a throw-away folder, never into the checkout.
  const evidenceDir = mkdtempSync(path.join(os.tmpdir(), "pekppp-e2e-evidence-"));
  const cleanup = async () => {
    rmSync(evidenceDir, { recursive: true, force: true });
    await dropDatabase(server.serverUrl, name).catch(() => undefined);
    await server.stop();
  };
  try {
    // The demo seed, then the data single journeys bring along (scripts/lib/e2e-fixtures.ts).
    await addE2eFixtures(await createMigratedDatabase(server.serverUrl, name, E2E_SEED_INSTITUTIONS));
    // The portal runs as its own role (a member of pekppp_app), as in production: every browser
    // test also proves it needs no more rights than those.
    const url = withDatabaseName(server.appServerUrl, name);
    const env = { ...process.env, DATABASE_URL: url, AUTH_SECRET: resolveAuthSecret(), NEXT_TELEMETRY_DISABLED: "1", EVIDENCE_DIR: evidenceDir };
    ensureNextBuild(e2eDistDir(port), env, (line) => console.log(line));
    const next = startNext({ distDir: e2eDistDir(port), port, env });
    const second = startNext({ distDir: e2eDistDir(port), port: port + 1, env });
    const stop = () => {
      second.kill("SIGTERM");
      next.kill("SIGTERM");
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    next.on("exit", async (code) => {
      second.kill("SIGTERM");
      await cleanup();
      process.exit(code ?? 0);
    });
  } catch (error) {
    await cleanup();
    throw error;
  }
});
