import { inject } from "vitest";
import { cloneDatabase, dropDatabase, uniqueDatabaseName } from "../../../scripts/lib/test-database";

/** A private copy of the seeded template database for one test file; drop it when done. */
export async function useSeededDatabase() {
  const serverUrl = inject("serverUrl");
  const name = uniqueDatabaseName("pekppp_it");
  const url = await cloneDatabase(serverUrl, inject("templateDatabase"), name);
  return { url, name, serverUrl, drop: () => dropDatabase(serverUrl, name) };
}

/**
 * Points the app's server layer (lib/env.ts, lib/server/db.ts) at a test database. Call before
 * the first dynamic import of a server module in the file.
 */
export function configureServerEnvironment(databaseUrl: string) {
  process.env.DATABASE_URL = databaseUrl;
  process.env.AUTH_SECRET ??= "integration-tests-secret-integration-tests-secret";
}
