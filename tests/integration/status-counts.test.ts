import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ASSESSMENT_STATUSES } from "@/lib/domain/workflow/state-machine";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

/**
 * Issue 17: the admin's cycle overview reads the loci per institution type and status from
 * CycleStatusCount, kept by triggers. After any sequence of status changes (one locus or a whole
 * cycle at once), deletions, institution type changes and moved loci, the kept counts equal a
 * count of the rows themselves. Each run is rolled back.
 */
describe("kept status counts equal counting the cycle", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  const kept = async () =>
    (
      await client.query<{ row: string }>(
        `SELECT concat_ws('|', "cycleId", "institutionType", status, count) AS row FROM "CycleStatusCount" WHERE count <> 0 ORDER BY 1`,
      )
    ).rows.map((r) => r.row);
  const counted = async () =>
    (
      await client.query<{ row: string }>(
        `SELECT concat_ws('|', a."cycleId", i.type, a.status, count(*)) AS row
         FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
         GROUP BY a."cycleId", i.type, a.status ORDER BY 1`,
      )
    ).rows.map((r) => r.row);

  it("holds after the seed", async () => {
    expect(await kept()).toEqual(await counted());
  });

  it("holds after random changes", async () => {
    const change = fc.record({
      kind: fc.constantFrom("one", "bulk", "type", "move", "delete"),
      pick: fc.nat(),
      status: fc.constantFrom(...ASSESSMENT_STATUSES),
      // Types with a province both (the registry's check constraint ties the province to the type).
      type: fc.constantFrom("KABUPATEN", "KOTA"),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 8 }), async (changes) => {
        await client.query("BEGIN");
        try {
          for (const c of changes) {
            const at = async (sql: string) => {
              const rows = (await client.query<{ id: string }>(sql)).rows;
              return rows[c.pick % rows.length]!.id;
            };
            if (c.kind === "one") {
              await client.query(`UPDATE "Assessment" SET status = $2::"AssessmentStatus" WHERE id = $1`, [
                await at(`SELECT id FROM "Assessment" ORDER BY id`),
                c.status,
              ]);
            } else if (c.kind === "bulk") {
              // A cycle-wide change, as finalisation makes.
              const cycle = await at(`SELECT id FROM "Cycle" ORDER BY id`);
              await client.query(`UPDATE "Assessment" SET status = $2::"AssessmentStatus" WHERE "cycleId" = $1 AND (hashtext(id::text) % 3) = 0`, [
                cycle,
                c.status,
              ]);
            } else if (c.kind === "type") {
              await client.query(`UPDATE "Institution" SET type = $2::"InstitutionType" WHERE id = $1`, [
                await at(`SELECT id FROM "Institution" WHERE type IN ('KABUPATEN', 'KOTA') ORDER BY id`),
                c.type,
              ]);
            } else if (c.kind === "move") {
              // A unit outside any hierarchy (a unit's parent is of its own institution, issue 16).
              const locus = await at(
                `SELECT id FROM "Locus" l WHERE l."parentId" IS NULL AND NOT EXISTS (SELECT 1 FROM "Locus" c WHERE c."parentId" = l.id) ORDER BY id`,
              );
              const institution = await at(`SELECT id FROM "Institution" ORDER BY name`);
              await client.query(`UPDATE "Locus" SET "institutionId" = $2, name = name || ' ' || left(md5(random()::text), 6) WHERE id = $1`, [
                locus,
                institution,
              ]);
            } else {
              await client.query(`DELETE FROM "Assessment" WHERE id = $1`, [await at(`SELECT id FROM "Assessment" ORDER BY id`)]);
            }
          }
          expect(await kept()).toEqual(await counted());
        } finally {
          await client.query("ROLLBACK");
        }
      }),
      { numRuns: 25 },
    );
  });

  it("is what the admin's status matrix shows", async () => {
    const { cycleStatusMatrix } = await import("@/lib/server/cycle/overview");
    const admin = (await loadDemoActors(client))["admin@pekppp.test"]!;
    const cycleId = (await client.query(`SELECT id FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL`)).rows[0].id;
    const matrix = (await cycleStatusMatrix(admin, cycleId))!;
    const byStatus = await client.query<{ status: string; n: number }>(
      `SELECT status::text, count(*)::int AS n FROM "Assessment" WHERE "cycleId" = $1 GROUP BY status`,
      [cycleId],
    );
    expect(matrix.total).toBe(byStatus.rows.reduce((s, r) => s + r.n, 0));
    for (const row of byStatus.rows) expect(matrix.totals[row.status as keyof typeof matrix.totals]).toBe(row.n);
  });
});
