import type { TestProject } from "vitest/node";
import { createMigratedDatabase, dropDatabase, startTestServer, uniqueDatabaseName } from "../../scripts/lib/test-database";

/** Seeded demo size for integration tests: small, but every kind of institution and status. */
export const TEST_SEED_INSTITUTIONS = 40;

declare module "vitest" {
  export interface ProvidedContext {
    serverUrl: string;
    templateDatabase: string;
  }
}

/** One real PostgreSQL for the whole run, with a migrated and seeded template database. */
export default async function setup(project: TestProject) {
  const server = await startTestServer();
  const templateDatabase = uniqueDatabaseName("pekppp_tpl");
  await createMigratedDatabase(server.serverUrl, templateDatabase, TEST_SEED_INSTITUTIONS);
  project.provide("serverUrl", server.serverUrl);
  project.provide("templateDatabase", templateDatabase);
  return async () => {
    await dropDatabase(server.serverUrl, templateDatabase).catch(() => undefined);
    await server.stop();
  };
}
