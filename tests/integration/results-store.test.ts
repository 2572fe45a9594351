import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

describe("stored results equal a fresh computation by the scoring module", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let recompute: typeof import("@/lib/server/results/recompute").recomputeCycleResults;
  let loadHeadResults: typeof import("@/lib/server/results/institution").loadHeadResults;
  let head: CurrentUser;
  let cycleId: string;

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    ({ recomputeCycleResults: recompute } = await import("@/lib/server/results/recompute"));
    ({ loadHeadResults } = await import("@/lib/server/results/institution"));
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    head = (await loadDemoActors(client))["pimpinan.palembang@pekppp.test"]!;
    cycleId = (await client.query(`SELECT id FROM "Cycle" WHERE status = 'FINALISED' ORDER BY year DESC LIMIT 1`)).rows[0].id;
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  /** The head's institution as stored, next to the same numbers computed the way its dashboard does. */
  async function storedAndFresh() {
    const fresh = (await loadHeadResults(head))!.finalised!;
    const loci = await client.query(
      `SELECT r."assessmentId", r."indexNumerator"::text AS n, r."indexDenominator"::text AS d, r."indexPublished"::text AS published, r.grade
       FROM "LocusResult" r WHERE r."cycleId" = $1 AND r."assessmentId" = ANY($2::uuid[]) AND r.kind = 'VERIFIED'`,
      [cycleId, fresh.loci.map((l) => l.assessmentId)],
    );
    const institution = await client.query(
      `SELECT "indexPublished"::text AS published, grade, "indexNumerator"::text AS n, "indexDenominator"::text AS d FROM "InstitutionResult" WHERE "cycleId" = $1 AND "institutionId" = $2`,
      [cycleId, head.institutionId],
    );
    return { fresh, loci: loci.rows, institution: institution.rows[0] };
  }

  function expectEqual({ fresh, loci, institution }: Awaited<ReturnType<typeof storedAndFresh>>) {
    expect(loci).toHaveLength(3);
    for (const locus of fresh.loci) {
      const stored = loci.find((r) => r.assessmentId === locus.assessmentId)!;
      const index = locus.result!.index.index;
      // Exact: the stored fraction is the computed one, not a rounding of it.
      expect(BigInt(stored.n) * index.denominator).toBe(index.numerator * BigInt(stored.d));
      expect({ published: stored.published, grade: stored.grade }).toEqual({
        published: locus.result!.classification.published,
        grade: locus.result!.classification.grade,
      });
    }
    expect({ published: institution.published, grade: institution.grade }).toEqual({ published: fresh.index!.published, grade: fresh.index!.grade });
  }

  it("stores every verified locus and every fully verified institution of a cycle, exactly", async () => {
    const result = await recompute(cycleId);
    const counts = await client.query(
      `SELECT (SELECT count(*) FROM "Assessment" WHERE "cycleId" = $1)::int AS loci, (SELECT count(DISTINCT l."institutionId") FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a."cycleId" = $1)::int AS institutions`,
      [cycleId],
    );
    expect(result).toMatchObject({ loci: counts.rows[0].loci, institutions: counts.rows[0].institutions });
    expectEqual(await storedAndFresh());
  });

  it("still equals the fresh computation after a verified level changes and the cycle is recomputed", async () => {
    const before = await storedAndFresh();
    const target = before.fresh.loci[0]!.assessmentId;
    await client.query(
      `UPDATE "VerifiedAnswer" SET level = CASE WHEN level = 5 THEN 0 ELSE 5 END
       WHERE "assessmentId" = $1 AND "indicatorId" = (SELECT id FROM "InstrumentIndicator" WHERE code = '14.b.K' AND "instrumentVersionId" = (SELECT "instrumentVersionId" FROM "Cycle" WHERE id = $2))`,
      [target, cycleId],
    );
    await recompute(cycleId);
    const after = await storedAndFresh();
    expectEqual(after);
    const stored = (rows: typeof before.loci) => rows.find((r) => r.assessmentId === target)!;
    expect(`${stored(after.loci).n}/${stored(after.loci).d}`).not.toBe(`${stored(before.loci).n}/${stored(before.loci).d}`);
  });

  it("replaces a cycle's results rather than adding to them", async () => {
    await recompute(cycleId);
    const duplicates = await client.query(`SELECT "assessmentId" FROM "LocusResult" WHERE "cycleId" = $1 GROUP BY "assessmentId", kind HAVING count(*) > 1`, [
      cycleId,
    ]);
    expect(duplicates.rows).toEqual([]);
  });
});
