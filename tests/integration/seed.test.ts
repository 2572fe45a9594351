import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { DEFAULT_INSTRUMENT_FILE } from "../../prisma/seed/instrument";
import { seedDatabase } from "../../prisma/seed/seed-database";
import { UserFacingError } from "../../scripts/lib/errors";
import { createMigratedDatabase, dropDatabase, uniqueDatabaseName } from "../../scripts/lib/test-database";
import { TEST_SEED_INSTITUTIONS } from "./global-setup";
import { useSeededDatabase } from "./support/test-database";

describe("the demo data seed", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  const one = async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0] as T;

  beforeAll(async () => {
    database = await useSeededDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  it("loads the code A instrument: 6 aspects weighing 100, 31 indicators of which 30 scored, 6 levels each, 14 survey items", async () => {
    const codeA = `(SELECT id FROM "InstrumentVersion" WHERE code = 'PEKPPP-A')`;
    const aspects = await client.query(`SELECT code, weight FROM "InstrumentAspect" WHERE "instrumentVersionId" = ${codeA} ORDER BY position`);
    expect(aspects.rows.map((a) => a.code)).toEqual(["I", "II", "III", "IV", "V", "VI"]);
    expect(aspects.rows.reduce((s, a) => s + a.weight, 0)).toBe(100);
    expect(
      await one(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE weight > 0)::int AS scored FROM "InstrumentIndicator" WHERE "instrumentVersionId" = ${codeA}`,
      ),
    ).toEqual({ n: 31, scored: 30 });
    const levels = await client.query(`SELECT count(*)::int AS n FROM "IndicatorLevel" GROUP BY "indicatorId"`);
    expect(new Set(levels.rows.map((r) => r.n))).toEqual(new Set([6]));
    expect(await one(`SELECT count(*)::int AS n FROM "SurveyItem" WHERE "instrumentVersionId" = ${codeA}`)).toEqual({ n: 14 });
  });

  it("loads the Ramah Kelompok Rentan instrument as a second version that no started cycle uses, still editable", async () => {
    const rkr = await one<{ id: string; lockedAt: Date | null; cycles: number }>(
      `SELECT v.id, v."lockedAt", (SELECT count(*)::int FROM "Cycle" c WHERE c."instrumentVersionId" = v.id AND c.status <> 'PREPARATION') AS cycles FROM "InstrumentVersion" v WHERE code = 'RKR'`,
    );
    // Only the Ramah Kelompok Rentan programme's cycle in preparation uses it (issue 16): still editable.
    expect(rkr).toMatchObject({ lockedAt: null, cycles: 0 });
    const aspects = await client.query(`SELECT code, weight FROM "InstrumentAspect" WHERE "instrumentVersionId" = $1 ORDER BY position`, [rkr.id]);
    expect(aspects.rows).toEqual([
      { code: "P", weight: 40 },
      { code: "K", weight: 50 },
      { code: "D", weight: 10 },
    ]);
  });

  it("has the 38 provinces under their real names", async () => {
    const provinces = await client.query(`SELECT name FROM "Province"`);
    expect(provinces.rowCount).toBe(38);
    expect(provinces.rows.map((p) => p.name)).toEqual(expect.arrayContaining(["Sumatera Selatan", "Papua Pegunungan", "Daerah Khusus Jakarta", "Jawa Barat"]));
  });

  it("gives every institution three national loci, one per service type, and regions their province", async () => {
    expect(await one(`SELECT count(*)::int AS n FROM "Institution"`)).toEqual({ n: TEST_SEED_INSTITUTIONS });
    const badLoci = await client.query(
      `SELECT "institutionId" FROM "Locus" WHERE "nationalLocus" GROUP BY "institutionId" HAVING count(*) <> 3 OR count(DISTINCT "serviceType") <> 3`,
    );
    expect(badLoci.rows).toEqual([]);
    const misplaced = await client.query(`SELECT code FROM "Institution" WHERE (type IN ('PROVINSI','KABUPATEN','KOTA')) <> ("provinceId" IS NOT NULL)`);
    expect(misplaced.rows).toEqual([]);
  });

  it("has a running cycle with loci at every stage and two finalised past cycles for trends", async () => {
    const cycles = await client.query(
      `SELECT year, status, "publishedAt" IS NOT NULL AS published FROM "Cycle" WHERE "programmeCode" = 'PEKPPP' AND "ownerInstitutionId" IS NULL ORDER BY year`,
    );
    expect(cycles.rows.map((c) => c.status)).toEqual(["FINALISED", "FINALISED", "ACTIVE"]);
    expect(cycles.rows.map((c) => c.published)).toEqual([true, true, false]);
    const statuses = await client.query(
      `SELECT DISTINCT a.status FROM "Assessment" a JOIN "Cycle" c ON c.id = a."cycleId" WHERE c.status = 'ACTIVE' AND c."ownerInstitutionId" IS NULL`,
    );
    expect(statuses.rows.map((s) => s.status).sort()).toEqual(["DRAFT", "FINAL", "IN_REVIEW", "RETURNED", "SUBMITTED", "VERIFIED"]);
    const past = await one<{ notFinal: number; fewResponses: number }>(
      `SELECT count(*) FILTER (WHERE a.status <> 'FINAL')::int AS "notFinal",
              count(*) FILTER (WHERE (SELECT count(*) FROM "SurveyResponse" s WHERE s."assessmentId" = a.id) < 10)::int AS "fewResponses"
       FROM "Assessment" a JOIN "Cycle" c ON c.id = a."cycleId" WHERE c.status = 'FINALISED'`,
    );
    expect(past).toEqual({ notFinal: 0, fewResponses: 0 });
  });

  it("gives verified and final loci a verified level on every indicator, and returned ones their reasons", async () => {
    const incomplete = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Assessment" a
       WHERE a.status IN ('VERIFIED','FINAL') AND (SELECT count(*) FROM "VerifiedAnswer" v WHERE v."assessmentId" = a.id AND v.level IS NOT NULL) <> 31`,
    );
    expect(incomplete.n).toBe(0);
    const returnedWithoutReason = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Assessment" a WHERE a.status = 'RETURNED'
       AND NOT EXISTS (SELECT 1 FROM "ReviewRound" r JOIN "ReturnReason" rr ON rr."reviewRoundId" = r.id WHERE r."assessmentId" = a.id)`,
    );
    expect(returnedWithoutReason.n).toBe(0);
  });

  it("does not seed again a database that already has data", async () => {
    const before = await one<{ n: number }>(`SELECT count(*)::int AS n FROM "SelfAnswer"`);
    const result = await seedDatabase(database.url, { onlyIfEmpty: true });
    expect(result.seeded).toBe(false);
    expect(await one(`SELECT count(*)::int AS n FROM "SelfAnswer"`)).toEqual(before);
  });

  it("starts an installation that has its data even when the instrument file is corrupt: the file is read only to seed", async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "instrument-")), "garbage.json");
    writeFileSync(file, "{ not json");
    const result = await seedDatabase(database.url, { onlyIfEmpty: true, instrumentFile: file });
    expect(result.seeded).toBe(false);
  });
});

describe("a corrupt instrument file", () => {
  const serverUrl = inject("serverUrl");
  const name = uniqueDatabaseName("pekppp_bad");
  let url: string;

  beforeAll(async () => {
    url = await createMigratedDatabase(serverUrl, name);
  });
  afterAll(() => dropDatabase(serverUrl, name));

  function writeInstrument(mutate: (instrument: { aspects: { code: string; weight: number }[] }) => void) {
    const instrument = JSON.parse(readFileSync(DEFAULT_INSTRUMENT_FILE, "utf8"));
    mutate(instrument);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "instrument-")), "broken.json");
    writeFileSync(file, JSON.stringify(instrument));
    return file;
  }

  it("is refused with a message naming the problem, and nothing is written", async () => {
    const file = writeInstrument((instrument) => {
      instrument.aspects[0]!.weight = 23;
    });
    const attempt = seedDatabase(url, { instrumentFile: file, institutions: 5 });
    await expect(attempt).rejects.toBeInstanceOf(UserFacingError);
    await expect(attempt).rejects.toThrow(/ASPECT_WEIGHTS_SUM/);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const counts = await client.query(`SELECT (SELECT count(*) FROM "InstrumentVersion")::int AS v, (SELECT count(*) FROM "Institution")::int AS i`);
    await client.end();
    expect(counts.rows[0]).toEqual({ v: 0, i: 0 });
  });

  it("that is not JSON at all gets one clear line", async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "instrument-")), "garbage.json");
    writeFileSync(file, "{ not json");
    await expect(seedDatabase(url, { instrumentFile: file })).rejects.toThrow(/tidak dapat dibaca sebagai JSON/);
    // The first start (an empty database) uses the file, so it is refused there too.
    await expect(seedDatabase(url, { instrumentFile: file, onlyIfEmpty: true })).rejects.toThrow(/tidak dapat dibaca sebagai JSON/);
  });
});
