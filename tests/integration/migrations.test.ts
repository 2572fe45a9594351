import { readdirSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { withDatabaseName } from "../../scripts/lib/database";
import { applyMigrations } from "../../scripts/lib/migrate";
import { dropDatabase, uniqueDatabaseName } from "../../scripts/lib/test-database";

describe("migrations on an empty PostgreSQL database", () => {
  const serverUrl = inject("serverUrl");
  const name = uniqueDatabaseName("pekppp_mig");
  const url = withDatabaseName(serverUrl, name);
  let client: pg.Client;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    client = new pg.Client({ connectionString: url });
  });
  afterAll(async () => {
    await client.end().catch(() => undefined);
    await dropDatabase(serverUrl, name);
  });

  it("creates every table of the domain and records the migration the way Prisma does", async () => {
    const applied = await applyMigrations(url);
    const folders = readdirSync("prisma/migrations", { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(applied).toEqual(folders);
    expect(applied[0]).toBe("20261123000000_init");
    await client.connect();
    const tables = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        "Cycle",
        "CycleStage",
        "InstrumentVersion",
        "InstrumentAspect",
        "InstrumentIndicator",
        "IndicatorLevel",
        "SurveyItem",
        "Province",
        "Institution",
        "Locus",
        "Assessment",
        "SelfAnswer",
        "VerifiedAnswer",
        "EvidenceItem",
        "SurveyResponse",
        "Recommendation",
        "FollowUpAction",
        "User",
        "VerifierAssignment",
        "AuditEvent",
        "LocusResult",
        "InstitutionResult",
        "_prisma_migrations",
      ]),
    );
    const bookkeeping = await client.query(`SELECT migration_name, finished_at, length(checksum) AS len FROM "_prisma_migrations"`);
    expect(bookkeeping.rows).toEqual(expect.arrayContaining([expect.objectContaining({ migration_name: "20261123000000_init", len: 64 })]));
    expect(bookkeeping.rows[0].finished_at).toBeInstanceOf(Date);
  });

  it("applies nothing the second time", async () => {
    expect(await applyMigrations(url)).toEqual([]);
  });

  it("stores no result as a binary float", async () => {
    const floats = await client.query(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND data_type IN ('real', 'double precision')`,
    );
    expect(floats.rows).toEqual([]);
  });

  it("keeps the audit trail append-only: updates, deletes and truncation are refused", async () => {
    await client.query(`INSERT INTO "AuditEvent" (action, "entityType") VALUES ('test.event', 'Test')`);
    await expect(client.query(`UPDATE "AuditEvent" SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(client.query(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(client.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    const rows = await client.query(`SELECT action FROM "AuditEvent"`);
    expect(rows.rows).toEqual([{ action: "test.event" }]);
  });

  it("refuses a level outside 0..5 at the database too", async () => {
    await expect(
      client.query(`INSERT INTO "SelfAnswer" ("assessmentId", "indicatorId", level, "updatedAt") VALUES (gen_random_uuid(), gen_random_uuid(), 6, now())`),
    ).rejects.toThrow(/SelfAnswer_level_range|violates/);
  });
});
