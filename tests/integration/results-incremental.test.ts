import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeServerLayer, configureServerEnvironment, useSeededDatabase } from "./support/test-database";

/**
 * Issue 17: the incremental recompute of one locus and its institution (recomputeLocusResults, as
 * the approval, the validation, an accepted appeal, a late F-03 response and a published correction
 * call it) leaves exactly the stored results a full recompute of the cycle computes, after any
 * sequence of such changes. Each run works in one transaction that is rolled back.
 */
describe("incremental results equal a full recompute", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let results: typeof import("@/lib/server/results/cycle-results");
  let incremental: typeof import("@/lib/server/results/recompute-locus");

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    results = await import("@/lib/server/results/cycle-results");
    incremental = await import("@/lib/server/results/recompute-locus");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  /** The stored verified results of a cycle, as comparable text rows, sorted. */
  async function stored(cycleId: string) {
    const loci = await client.query<{ row: string }>(
      `SELECT concat_ws('|', "assessmentId", "f02TenThousandths", "surveyRespondents", "f03Numerator", "f03Denominator",
                        "indexNumerator", "indexDenominator", "indexPublished", grade) AS row
       FROM "LocusResult" WHERE "cycleId" = $1 AND kind = 'VERIFIED' ORDER BY 1`,
      [cycleId],
    );
    const institutions = await client.query<{ row: string }>(
      `SELECT concat_ws('|', "institutionId", "lociCount", "indexNumerator", "indexDenominator", "indexPublished", grade) AS row
       FROM "InstitutionResult" WHERE "cycleId" = $1 AND kind = 'VERIFIED' ORDER BY 1`,
      [cycleId],
    );
    return { loci: loci.rows.map((r) => r.row), institutions: institutions.rows.map((r) => r.row) };
  }

  /** What a full recompute of the cycle would store, in the same text form. */
  async function full(cycleId: string) {
    const { instrument, settings } = await incremental.loadScoring(client, cycleId);
    const computed = await results.computeCycleResults(client, cycleId, instrument, settings, { concurrentReads: false });
    const published = (value: string) => Number(value).toFixed(2);
    return {
      loci: computed.loci
        .map((l) =>
          [
            l.assessmentId,
            l.f02TenThousandths,
            l.respondents,
            l.f03?.numerator ?? null,
            l.f03?.denominator ?? null,
            l.index.numerator,
            l.index.denominator,
            published(l.published),
            l.grade,
          ]
            .filter((v) => v !== null)
            .join("|"),
        )
        .sort(),
      institutions: computed.institutions
        .map((i) => [i.institutionId, i.lociCount, i.index.numerator, i.index.denominator, published(i.published), i.grade].join("|"))
        .sort(),
    };
  }

  const change = fc.record({
    kind: fc.constantFrom("approve", "appeal", "survey", "correction", "finalise"),
    pick: fc.nat(),
    levels: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 40, maxLength: 40 }),
    ratings: fc.array(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 30, maxLength: 30 }), { minLength: 1, maxLength: 12 }),
  });
  type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;

  async function apply(cycleId: string, c: Change) {
    const candidates = await client.query<{ id: string }>(
      `SELECT id FROM "Assessment" WHERE "cycleId" = $1 AND status = ANY($2::"AssessmentStatus"[]) ORDER BY id`,
      [cycleId, c.kind === "approve" ? ["SUBMITTED", "IN_REVIEW", "RETURNED", "DRAFT"] : c.kind === "finalise" ? ["VERIFIED"] : ["VERIFIED", "FINAL"]],
    );
    if (candidates.rows.length === 0) return;
    const id = candidates.rows[c.pick % candidates.rows.length]!.id;
    const indicators = (
      await client.query<{ id: string }>(
        `SELECT i.id FROM "InstrumentIndicator" i JOIN "Cycle" c ON c."instrumentVersionId" = i."instrumentVersionId" WHERE c.id = $1 ORDER BY i.position, i.code`,
        [cycleId],
      )
    ).rows.map((r) => r.id);
    const setLevels = (ids: string[]) =>
      client.query(
        `INSERT INTO "VerifiedAnswer" ("assessmentId", "indicatorId", level, "updatedAt") SELECT $1, ind, lvl, now() FROM unnest($2::uuid[], $3::smallint[]) AS t(ind, lvl)
         ON CONFLICT ("assessmentId", "indicatorId") DO UPDATE SET level = EXCLUDED.level`,
        [id, ids, ids.map((_, i) => c.levels[(indicators.indexOf(ids[i]!) + c.pick) % c.levels.length]!)],
      );
    switch (c.kind) {
      case "approve":
        // Every indicator gets a verified level, then the locus is VERIFIED (as approveAssessment).
        await setLevels(indicators);
        await client.query(`UPDATE "Assessment" SET status = 'VERIFIED' WHERE id = $1`, [id]);
        break;
      case "appeal":
      case "correction":
        // One verified level changes (an accepted appeal, or a correction published: FINAL again).
        await setLevels([indicators[c.pick % indicators.length]!]);
        break;
      case "survey":
        for (const ratings of c.ratings) {
          const items = ratings.slice(0, (await incremental.loadScoring(client, cycleId)).instrument.surveyItems.length);
          await client.query(`INSERT INTO "SurveyResponse" ("assessmentId", ratings, "ratingSum") VALUES ($1, $2::smallint[], $3)`, [
            id,
            items,
            items.reduce((s, r) => s + r, 0),
          ]);
        }
        break;
      case "finalise":
        // No recompute: a status between verified ones changes no result (equality must still hold).
        await client.query(`UPDATE "Assessment" SET status = 'FINAL' WHERE id = $1`, [id]);
        return;
    }
    await incremental.recomputeLocusResults(client, id);
  }

  it("the seeded stored results are a full recompute's", async () => {
    const cycles = await client.query<{ id: string }>(`SELECT id FROM "Cycle"`);
    for (const { id } of cycles.rows) expect(await stored(id)).toEqual(await full(id));
  });

  it("after any sequence of approvals, appeals, late F-03 responses, corrections and finalisations", async () => {
    const running = (await client.query<{ id: string }>(`SELECT id FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL`)).rows[0]!.id;
    const published = (await client.query<{ id: string }>(`SELECT id FROM "Cycle" WHERE "publishedAt" IS NOT NULL ORDER BY year DESC LIMIT 1`)).rows[0]!.id;
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(change, { minLength: 1, maxLength: 12 }), async (onPublished, changes) => {
        const cycleId = onPublished ? published : running;
        await client.query("BEGIN");
        try {
          for (const c of changes) await apply(cycleId, onPublished && c.kind === "approve" ? { ...c, kind: "correction" } : c);
          expect(await stored(cycleId)).toEqual(await full(cycleId));
        } finally {
          await client.query("ROLLBACK");
        }
      }),
      { numRuns: 30 },
    );
  });

  it("counts a results generation per change, and one per publication and result version by trigger", async () => {
    const generation = async (id: string) => (await client.query<{ g: number }>(`SELECT "resultsGeneration" AS g FROM "Cycle" WHERE id = $1`, [id])).rows[0]!.g;
    const cycle = (await client.query<{ id: string }>(`SELECT id FROM "Cycle" WHERE "publishedAt" IS NOT NULL ORDER BY year DESC LIMIT 1`)).rows[0]!.id;
    const target = (await client.query<{ id: string }>(`SELECT id FROM "Assessment" WHERE "cycleId" = $1 AND status = 'FINAL' LIMIT 1`, [cycle])).rows[0]!.id;
    await client.query("BEGIN");
    try {
      const before = await generation(cycle);
      // The first change of a published cycle freezes version 1 (trigger: +1) and stores the change (+1).
      await incremental.recomputeLocusResults(client, target);
      expect(await generation(cycle)).toBe(before + 2);
      await client.query(`UPDATE "Cycle" SET "publishedAt" = NULL WHERE id = $1`, [cycle]);
      expect(await generation(cycle)).toBe(before + 3);
      // Anything else about the cycle leaves the generation alone.
      await client.query(`UPDATE "Cycle" SET name = name || ' ' WHERE id = $1`, [cycle]);
      expect(await generation(cycle)).toBe(before + 3);
    } finally {
      await client.query("ROLLBACK");
    }
  });
});
