import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { E2E_BASE_PORT, E2E_WORKERS, stackPort } from "../tests/e2e/stacks";
import { resolveAuthSecret } from "./lib/auth-secret";
import { waitForServer } from "./lib/bench-http";
import { withDatabaseName } from "./lib/database";
import { runMain } from "./lib/errors";
import { addE2eFixtures } from "./lib/e2e-fixtures";
import { e2eDistDir, ensureNextBuild, startNext } from "./lib/next-build";
import { ensurePrismaClient } from "./lib/prisma-client";
import { cloneDatabase, createMigratedDatabase, dropDatabase, startTestServer, uniqueDatabaseName } from "./lib/test-database";

/** Demo size for browser tests: every role's pages have data, the seed takes about a second. */
const E2E_SEED_INSTITUTIONS = 40;

/**
 * The portal as Playwright's webServer: one stack per Playwright worker (tests/e2e/stacks.ts), each
 * a copy of one seeded database served by two instances of one production build, on stackPort(i)
 * and the port after it, sharing the database, the evidence folder and the secret (issue 20:
 * several instances behave as one; two-instances.spec.ts). The first stack's first instance, the
 * port Playwright waits for, opens last, once every other instance answers. SIGTERM (Playwright's
 * graceful shutdown) stops them all and drops the databases.
 */
runMain(async () => {
  ensurePrismaClient();
  const server = await startTestServer();
  const template = uniqueDatabaseName("pekppp_e2e");
  const names = Array.from({ length: E2E_WORKERS }, (_, i) => (i === 0 ? template : `${template}_${i}`));
  // Evidence uploaded by the tests goes to throw-away folders, never into the checkout.
  const evidenceDirs = names.map(() => mkdtempSync(path.join(os.tmpdir(), "pekppp-e2e-evidence-")));
  const instances: ChildProcess[] = [];
  const cleanup = async () => {
    for (const dir of evidenceDirs) rmSync(dir, { recursive: true, force: true });
    for (const name of names) await dropDatabase(server.serverUrl, name).catch(() => undefined);
    await server.stop();
  };
  try {
    // The demo seed and the data single journeys bring along (scripts/lib/e2e-fixtures.ts), copied per stack.
    await addE2eFixtures(await createMigratedDatabase(server.serverUrl, template, E2E_SEED_INSTITUTIONS));
    for (const name of names.slice(1)) await cloneDatabase(server.serverUrl, template, name);
    const secret = resolveAuthSecret();
    // The portal runs as its own role (a member of pekppp_app), as in production: every browser
    // test also proves it needs no more rights than those.
    const envOf = (stack: number) => ({
      ...process.env,
      DATABASE_URL: withDatabaseName(server.appServerUrl, names[stack]!),
      AUTH_SECRET: secret,
      NEXT_TELEMETRY_DISABLED: "1",
      EVIDENCE_DIR: evidenceDirs[stack]!,
    });
    ensureNextBuild(e2eDistDir(E2E_BASE_PORT), envOf(0), (line) => console.log(line));
    const start = (stack: number, port: number) => {
      const instance = startNext({ distDir: e2eDistDir(E2E_BASE_PORT), port, env: envOf(stack) });
      instances.push(instance);
      return instance;
    };
    const others = names.flatMap((_, stack) => (stack === 0 ? [stackPort(0) + 1] : [stackPort(stack), stackPort(stack) + 1]).map((port) => ({ stack, port })));
    for (const { stack, port } of others) start(stack, port);
    await Promise.all(others.map(({ port }) => waitForServer(`http://127.0.0.1:${port}/login`, 300_000)));
    const first = start(0, E2E_BASE_PORT);
    const stop = () => {
      for (const instance of instances) instance.kill("SIGTERM");
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    first.on("exit", async (code) => {
      stop();
      await cleanup();
      process.exit(code ?? 0);
    });
  } catch (error) {
    for (const instance of instances) instance.kill("SIGTERM");
    await cleanup();
    throw error;
  }
});
