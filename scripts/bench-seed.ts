import { parseArgs } from "node:util";
import { seedDatabase } from "../prisma/seed/seed-database";
import { UserFacingError, runMain } from "./lib/errors";
import { createMigratedDatabase, dropDatabase, startTestServer, uniqueDatabaseName } from "./lib/test-database";

// npm run bench:seed [-- --institutions 1500]: national-scale demo data into a throw-away database
// (on DATABASE_URL's server when set), printing the time and the rows per second.
runMain(async () => {
  const { values } = parseArgs({ options: { institutions: { type: "string", default: "1500" } } });
  const institutions = Number(values.institutions);
  if (!Number.isInteger(institutions) || institutions < 3) throw new UserFacingError("--institutions harus bilangan bulat ≥ 3.");
  const server = await startTestServer();
  const name = uniqueDatabaseName("pekppp_bench");
  try {
    const url = await createMigratedDatabase(server.serverUrl, name);
    const result = await seedDatabase(url, { institutions });
    const seconds = result.milliseconds / 1000;
    console.log(`institutions: ${institutions}, loci: ${result.counts.Locus}, cycles: ${result.counts.Cycle}`);
    for (const [table, n] of Object.entries(result.counts)) console.log(`  ${table.padEnd(20)} ${n}`);
    console.log(`seed time: ${seconds.toFixed(2)} s`);
    console.log(`rows: ${result.rows}`);
    console.log(`rows per second: ${Math.round(result.rows / seconds)}`);
  } finally {
    await dropDatabase(server.serverUrl, name).catch(() => undefined);
    await server.stop();
  }
});
