import type { TestProject } from "vitest/node";
import { createMigratedDatabase, dropDatabase, startTestServer, uniqueDatabaseName } from "../../scripts/lib/test-database";

/** Seeded demo size for integration tests: small, but every kind of institution and status. */
export const TEST_SEED_INSTITUTIONS = 40;

declare module "vitest" {
  export interface ProvidedContext {
    /** The owner: creates, migrates, seeds and drops databases. */
    serverUrl: string;
    /** The portal's role (a member of pekppp_app only): what the server layer under test connects as. */
    appServerUrl: string;
    templateDatabase: string;
  }
}

/** One real PostgreSQL for the whole run, with a migrated and seeded template database. */
export default async function setup(project: TestProject) {
  const server = await startTestServer();
  const templateDatabase = uniqueDatabaseName("pekppp_tpl");
  await createMigratedDatabase(server.serverUrl, templateDatabase, TEST_SEED_INSTITUTIONS);
  project.provide("serverUrl", server.serverUrl);
  project.provide("appServerUrl", server.appServerUrl);
  project.provide("templateDatabase", templateDatabase);
  return async () => {
    await dropDatabase(server.serverUrl, templateDatabase).catch(() => undefined);
    await server.stop();
  };
}
