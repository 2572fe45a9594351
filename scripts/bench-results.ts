import type { ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import pg from "pg";
import { seedDatabase } from "../prisma/seed/seed-database";
import { resolveAuthSecret } from "./lib/auth-secret";
import { run, signIn, summarise, waitForServer } from "./lib/bench-http";
import { withDatabaseName } from "./lib/database";
import { findFreePort } from "./lib/embedded-postgres";
import { UserFacingError, runMain } from "./lib/errors";
import { e2eDistDir, ensureNextBuild, startNext } from "./lib/next-build";
import { ensurePrismaClient } from "./lib/prisma-client";
import { createMigratedDatabase, dropDatabase, startTestServer, uniqueDatabaseName } from "./lib/test-database";

// npm run bench:results [-- --institutions 1500 --seconds 15 --concurrency 4]: national-scale demo data
// (3 cycles) in a throw-away database, then
//   1. the time to recompute and store every index of a cycle (target ≤ 5 s), and
//   2. the response times of the ranking pages, the awards page and a head's dashboard on a
//      production build (target p95 ≤ 300 ms), measured from a load generator on the same machine.
runMain(async () => {
  const { values } = parseArgs({
    options: {
      institutions: { type: "string", default: "1500" },
      seconds: { type: "string", default: "15" },
      concurrency: { type: "string", default: "4" },
    },
  });
  const institutions = Number(values.institutions);
  const seconds = Number(values.seconds);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(institutions) || institutions < 3) throw new UserFacingError("--institutions harus bilangan bulat ≥ 3.");
  if (!(seconds > 0) || !Number.isInteger(concurrency) || concurrency < 1)
    throw new UserFacingError("--seconds harus positif dan --concurrency bilangan bulat ≥ 1.");
  ensurePrismaClient();
  const server = await startTestServer();
  const name = uniqueDatabaseName("pekppp_bench_results");
  let portal: ChildProcess | null = null;
  try {
    const url = await createMigratedDatabase(server.serverUrl, name);
    const seed = await seedDatabase(url, { institutions });
    console.log(
      `seeded ${institutions} institutions × 3 loci × 3 cycles: ${seed.rows.toLocaleString("en")} rows in ${(seed.milliseconds / 1000).toFixed(1)} s (results of every cycle stored by the seed)`,
    );
    process.env.DATABASE_URL = url;
    process.env.AUTH_SECRET ??= "benchmark-secret-benchmark-secret-benchmark";
    const { recomputeCycleResults } = await import("../lib/server/results/recompute");
    const { pgPool } = await import("../lib/server/db/pg-pool");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const cycles = (await client.query<{ id: string; name: string; status: string }>(`SELECT id, name, status FROM "Cycle" ORDER BY year DESC`)).rows;
    const province = (await client.query<{ id: string }>(`SELECT id FROM "Province" WHERE name = 'Jawa Timur'`)).rows[0]!.id;
    await client.end();

    console.log("\n1. recompute and store every verified index of a cycle (target ≤ 5 s)");
    for (const cycle of cycles) {
      const runs = [];
      for (let i = 0; i < 3; i += 1) runs.push(await recomputeCycleResults(cycle.id));
      console.log(
        `   ${cycle.name} (${cycle.status}): ${runs[0]!.loci} loci, ${runs[0]!.institutions} institutions: ${runs.map((r) => `${(r.milliseconds / 1000).toFixed(2)} s`).join(", ")}`,
      );
    }
    await pgPool.end();

    const port = await findFreePort(3300);
    const base = `http://127.0.0.1:${port}`;
    const env = {
      ...process.env,
      DATABASE_URL: withDatabaseName(server.appServerUrl, name),
      AUTH_SECRET: resolveAuthSecret(),
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
    };
    ensureNextBuild(e2eDistDir(3100), env, (line) => console.log(line));
    portal = startNext({ distDir: e2eDistDir(3100), port, env, stdio: ["ignore", "ignore", "inherit"] });
    await waitForServer(`${base}/api/health`);
    const head = await signIn(base, "pimpinan.palembang@pekppp.test", "pekppp-demo");
    const pages: [string, string, string | null][] = [
      ["rankings K/L", "/results?group=KL", null],
      ["rankings Kab.", "/results?group=KABUPATEN", null],
      ["rankings Kab. p.3", "/results?group=KABUPATEN&page=3", null],
      ["rankings search", "/results?group=KOTA&q=kota&grade=B", null],
      ["rankings prov.", `/results?group=PROVINCE&province=${province}`, null],
      ["awards", "/results/awards", null],
      ["head dashboard", "/dashboard", head],
      ["export Kab. CSV", "/api/results/rankings?group=KABUPATEN&format=csv", null],
    ];
    const get = (path: string, cookie: string | null) => async () => {
      const response = await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
      await response.arrayBuffer();
      return response.status === 200;
    };
    for (const [, path, cookie] of pages) await run(1, 1, get(path, cookie));
    console.log(`\n2. page response times, production build, ${concurrency} concurrent clients, ${seconds} s each (target p95 ≤ 300 ms)`);
    for (const [label, path, cookie] of pages) summarise(label, await run(concurrency, seconds, get(path, cookie)), seconds);
  } finally {
    portal?.kill("SIGTERM");
    await dropDatabase(server.serverUrl, name).catch(() => undefined);
    await server.stop();
  }
});
