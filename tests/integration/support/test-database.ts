import { inject } from "vitest";
import { withDatabaseName } from "../../../scripts/lib/database";
import { cloneDatabase, dropDatabase, uniqueDatabaseName } from "../../../scripts/lib/test-database";

/**
 * A private copy of the seeded template database for one test file; drop it when done. `url`
 * connects as the portal's role (a member of pekppp_app, as in production), `ownerUrl` as the
 * owner of the tables, for the few fixtures that need more (a trigger that simulates a failure).
 */
export async function useSeededDatabase() {
  const serverUrl = inject("serverUrl");
  const name = uniqueDatabaseName("pekppp_it");
  const ownerUrl = await cloneDatabase(serverUrl, inject("templateDatabase"), name);
  const url = withDatabaseName(inject("appServerUrl"), name);
  return { url, ownerUrl, name, serverUrl, drop: () => dropDatabase(serverUrl, name) };
}

/**
 * Points the app's server layer (lib/env.ts, lib/server/db.ts) at a test database. Call before
 * the first dynamic import of a server module in the file.
 */
export function configureServerEnvironment(databaseUrl: string) {
  process.env.DATABASE_URL = databaseUrl;
  process.env.AUTH_SECRET ??= "integration-tests-secret-integration-tests-secret";
}

/** The demo accounts that can sign in, as the server layer's CurrentUser, keyed by e-mail. */
export async function loadDemoActors(client: import("pg").Client) {
  const rows = await client.query(
    `SELECT u.id, u.name, u.email, u.role, u."institutionId", i.name AS "institutionName" FROM "User" u
     LEFT JOIN "Institution" i ON i.id = u."institutionId" WHERE u."passwordHash" IS NOT NULL`,
  );
  const actors: Record<string, import("@/lib/server/auth/current-user").CurrentUser> = {};
  for (const row of rows.rows) actors[row.email] = { ...row, mustChangePassword: false };
  return actors;
}

/** The running national cycle's id and Kota Palembang's draft locus in it (the demo evaluator's). */
export async function palembangDraftLocus(client: import("pg").Client) {
  const cycleId: string = (await client.query(`SELECT id FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL AND "programmeCode" = 'PEKPPP'`))
    .rows[0].id;
  const draftId: string = (
    await client.query(
      `SELECT a.id FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
       WHERE a."cycleId" = $1 AND i.code = 'KOTA-16-PALEMBANG' AND a.status = 'DRAFT'`,
      [cycleId],
    )
  ).rows[0].id;
  return { cycleId, draftId };
}

/** Closes the server layer's pool, then drops the test database. */
export async function closeServerLayer(database: { drop: () => Promise<void> }) {
  const { db } = await import("@/lib/server/db/client");
  const { pgPool } = await import("@/lib/server/db/pg-pool");
  await Promise.all([db.$disconnect(), pgPool.end()]);
  await database.drop();
}
