import bcrypt from "bcryptjs";
import pg from "pg";
import { UTC_SESSION_OPTIONS } from "../../lib/server/db/utc";
import { computeCycleResults, cycleScoringSettings, replaceCycleResults } from "../../lib/server/results/cycle-results";
import { seedDemoData, type SeedCounts } from "./demo-data";
import { DEFAULT_INSTRUMENT_FILE, insertInstrument, readInstrumentFile } from "./instrument";
import { DEMO_PASSWORD } from "./demo-accounts";
import { seedProgrammes } from "./programmes";

export interface SeedDatabaseOptions {
  institutions?: number;
  /** Loci per institution (3; more for PEKPPP Mandiri scale, issue 17). */
  lociPerInstitution?: number;
  instrumentFile?: string;
  /** Seed only when the database holds no instrument yet (the portal's first start). */
  onlyIfEmpty?: boolean;
  now?: Date;
}

export interface SeedResult {
  seeded: boolean;
  counts: SeedCounts;
  rows: number;
  milliseconds: number;
}

/** Loads the instrument and the demo data set into a migrated database, atomically. */
export async function seedDatabase(databaseUrl: string, options: SeedDatabaseOptions = {}): Promise<SeedResult> {
  const started = performance.now();
  // A UTC session for now(), as the portal's own connections; dates are sent as UTC (utc.ts).
  const client = new pg.Client({ connectionString: databaseUrl, options: UTC_SESSION_OPTIONS });
  await client.connect();
  try {
    if (options.onlyIfEmpty) {
      const existing = await client.query(`SELECT count(*)::int AS n FROM "InstrumentVersion"`);
      if ((existing.rows[0] as { n: number }).n > 0) {
        return { seeded: false, counts: {}, rows: 0, milliseconds: performance.now() - started };
      }
    }
    // The file is read only when it is used, and validated before anything is written: a corrupt
    // file changes nothing, and never stops an installation that already has its data.
    const definition = readInstrumentFile(options.instrumentFile ?? DEFAULT_INSTRUMENT_FILE);
    const now = options.now ?? new Date();
    await client.query("BEGIN");
    // Demo data can be rebuilt at will: a lost commit costs nothing, a synchronous one costs time.
    await client.query("SET LOCAL synchronous_commit = off");
    const instrument = await insertInstrument(client, definition);
    const counts = await seedDemoData(client, instrument, {
      institutions: options.institutions,
      lociPerInstitution: options.lociPerInstitution,
      currentYear: now.getUTCFullYear(),
      now,
    });
    // Issue 16: institutions' own cycles and a second programme, of a fixed size.
    const second = await client.query<{ id: string }>(`SELECT id::text FROM "InstrumentVersion" WHERE id <> $1 ORDER BY "createdAt" LIMIT 1`, [instrument.id]);
    const programmes = await seedProgrammes(client, {
      now,
      currentYear: now.getUTCFullYear(),
      passwordHash: await bcrypt.hash(DEMO_PASSWORD, 10),
      instrumentVersionId: instrument.id,
      secondInstrumentVersionId: second.rows[0]?.id ?? null,
    });
    for (const [table, n] of Object.entries(programmes)) counts[table] = (counts[table] ?? 0) + n;
    // Results pages read stored results; the demo stores them the way approval and finalisation do
    // (the cycles on the main instrument: the second one's cycle is in preparation).
    const cycles = await client.query<{ id: string }>(`SELECT id FROM "Cycle" WHERE "instrumentVersionId" = $1`, [instrument.id]);
    for (const { id } of cycles.rows) {
      const { settings } = await cycleScoringSettings(client, id);
      const results = await computeCycleResults(client, id, instrument.definition, settings, { concurrentReads: false });
      await replaceCycleResults(client, id, results);
      counts.LocusResult = (counts.LocusResult ?? 0) + results.loci.length;
      counts.InstitutionResult = (counts.InstitutionResult ?? 0) + results.institutions.length;
    }
    await client.query("COMMIT");
    await client.query("ANALYZE");
    const rows = Object.values(counts).reduce((s, n) => s + n, 0);
    return { seeded: true, counts, rows, milliseconds: performance.now() - started };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** Empties the database (schema and all) so migrations and the seed start from nothing. */
export async function resetDatabase(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
  } finally {
    await client.end();
  }
}
