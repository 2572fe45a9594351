import { parseArgs } from "node:util";
import pg from "pg";
import { seedDatabase } from "../prisma/seed/seed-database";
import { UserFacingError, runMain } from "./lib/errors";
import { createMigratedDatabase, dropDatabase, startTestServer, uniqueDatabaseName } from "./lib/test-database";

// npm run bench:results [-- --institutions 1500]: national-scale demo data in a throw-away database,
// then the time to recompute and store every index of a finalised cycle (target ≤ 5 s).
runMain(async () => {
  const { values } = parseArgs({ options: { institutions: { type: "string", default: "1500" } } });
  const institutions = Number(values.institutions);
  if (!Number.isInteger(institutions) || institutions < 3) throw new UserFacingError("--institutions harus bilangan bulat ≥ 3.");
  const server = await startTestServer();
  const name = uniqueDatabaseName("pekppp_bench_results");
  try {
    const url = await createMigratedDatabase(server.serverUrl, name);
    await seedDatabase(url, { institutions });
    process.env.DATABASE_URL = url;
    process.env.AUTH_SECRET ??= "benchmark-secret-benchmark-secret-benchmark";
    const { recomputeCycleResults } = await import("../lib/server/results/recompute");
    const { pgPool } = await import("../lib/server/pg-pool");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const cycle = (await client.query(`SELECT id, name FROM "Cycle" WHERE status = 'FINALISED' ORDER BY year DESC LIMIT 1`)).rows[0];
    await client.end();
    const runs = [];
    for (let i = 0; i < 3; i += 1) runs.push(await recomputeCycleResults(cycle.id));
    console.log(`cycle ${cycle.name}: ${runs[0]!.loci} loci, ${runs[0]!.institutions} institutions (${institutions} seeded)`);
    console.log(`recompute and store every index: ${runs.map((r) => `${(r.milliseconds / 1000).toFixed(2)} s`).join(", ")} (target ≤ 5 s)`);
    await pgPool.end();
  } finally {
    await dropDatabase(server.serverUrl, name).catch(() => undefined);
    await server.stop();
  }
});
