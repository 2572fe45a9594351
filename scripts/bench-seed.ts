import { parseArgs } from "node:util";
import pg from "pg";
import { seedDatabase } from "../prisma/seed/seed-database";
import { UserFacingError, runMain } from "./lib/errors";
import { createMigratedDatabase, dropDatabase, startTestServer, uniqueDatabaseName } from "./lib/test-database";

// npm run bench:seed [-- --institutions 1500] [--loci 20000 | --units-per-institution 14]: demo data
// into a throw-away database (on DATABASE_URL's server when set), printing the time and the rows
// per second. --loci N reaches PEKPPP Mandiri scale (issue 17): enough service units per
// institution for at least N loci in the running and the previous cycle (target ≤ 3 min for 20,000).
runMain(async () => {
  const { values } = parseArgs({
    options: {
      institutions: { type: "string", default: "1500" },
      loci: { type: "string" },
      "units-per-institution": { type: "string" },
    },
  });
  const institutions = Number(values.institutions);
  if (!Number.isInteger(institutions) || institutions < 3) throw new UserFacingError("--institutions harus bilangan bulat ≥ 3.");
  const lociPerInstitution = lociPerInstitutionFor(institutions, values.loci, values["units-per-institution"]);
  const server = await startTestServer();
  const name = uniqueDatabaseName("pekppp_bench");
  try {
    const url = await createMigratedDatabase(server.serverUrl, name);
    const result = await seedDatabase(url, { institutions, lociPerInstitution });
    const seconds = result.milliseconds / 1000;
    console.log(`institutions: ${institutions}, loci per institution: ${lociPerInstitution}, loci: ${result.counts.Locus}, cycles: ${result.counts.Cycle}`);
    for (const [table, n] of Object.entries(result.counts)) console.log(`  ${table.padEnd(20)} ${n}`);
    await printCycles(url);
    console.log(`seed time: ${seconds.toFixed(2)} s${lociPerInstitution > 3 ? " (target ≤ 180 s)" : ""}`);
    console.log(`rows: ${result.rows}`);
    console.log(`rows per second: ${Math.round(result.rows / seconds)}`);
  } finally {
    await dropDatabase(server.serverUrl, name).catch(() => undefined);
    await server.stop();
  }
});

/** Loci per institution from --units-per-institution, or the fewest that reach --loci. */
export function lociPerInstitutionFor(institutions: number, loci?: string, units?: string): number {
  if (units !== undefined) {
    const n = Number(units);
    if (!Number.isInteger(n) || n < 3) throw new UserFacingError("--units-per-institution harus bilangan bulat ≥ 3.");
    return n;
  }
  if (loci === undefined) return 3;
  const n = Number(loci);
  if (!Number.isInteger(n) || n < 3) throw new UserFacingError("--loci harus bilangan bulat ≥ 3.");
  return Math.max(3, Math.ceil(n / institutions));
}

/** Loci, verified loci and F-03 responses of each cycle, as stored. */
async function printCycles(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = await client.query<{ name: string; status: string; loci: number; verified: number; responses: number; stored: number }>(
      `SELECT c.name, c.status::text AS status,
              (SELECT count(*)::int FROM "Assessment" a WHERE a."cycleId" = c.id) AS loci,
              (SELECT count(*)::int FROM "Assessment" a WHERE a."cycleId" = c.id AND a.status IN ('VERIFIED', 'FINAL')) AS verified,
              (SELECT count(*)::int FROM "SurveyResponse" r JOIN "Assessment" a ON a.id = r."assessmentId" WHERE a."cycleId" = c.id) AS responses,
              (SELECT count(*)::int FROM "LocusResult" r WHERE r."cycleId" = c.id) AS stored
       FROM "Cycle" c ORDER BY c.year`,
    );
    for (const c of rows.rows)
      console.log(`  ${c.name} (${c.status}): ${c.loci} loci, ${c.verified} verified, ${c.responses} F-03 responses, ${c.stored} stored locus results`);
  } finally {
    await client.end();
  }
}
