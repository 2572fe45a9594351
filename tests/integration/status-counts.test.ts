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
  // Per institution (InstitutionStatusCount): the verifier workload and the queue counts read it.
  const keptPerInstitution = async () =>
    (
      await client.query<{ row: string }>(
        `SELECT concat_ws('|', "cycleId", "institutionId", status, count) AS row FROM "InstitutionStatusCount" WHERE count <> 0 ORDER BY 1`,
      )
    ).rows.map((r) => r.row);
  const countedPerInstitution = async () =>
    (
      await client.query<{ row: string }>(
        `SELECT concat_ws('|', a."cycleId", l."institutionId", a.status, count(*)) AS row
         FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId"
         GROUP BY a."cycleId", l."institutionId", a.status ORDER BY 1`,
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
    expect(await keptPerInstitution()).toEqual(await countedPerInstitution());
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
          expect(await keptPerInstitution()).toEqual(await countedPerInstitution());
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

  it("is what the verifier workload and the verifier's queue count, after changes", async () => {
    const { cycleVerifierWorkload } = await import("@/lib/server/cycle/overview");
    const { loadVerifierQueue } = await import("@/lib/server/verification/queue");
    const actors = await loadDemoActors(client);
    const admin = actors["admin@pekppp.test"]!;
    const verifier = actors["verifikator@pekppp.test"]!;
    const cycleId = (await client.query(`SELECT id FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL`)).rows[0].id;
    const live = async () =>
      (
        await client.query<{ verifierId: string; status: string; n: number }>(
          `SELECT va."verifierId", a.status::text, count(*)::int AS n FROM "VerifierAssignment" va
           JOIN "Locus" l ON l."institutionId" = va."institutionId" JOIN "Assessment" a ON a."locusId" = l.id AND a."cycleId" = va."cycleId"
           WHERE va."cycleId" = $1 GROUP BY 1, 2`,
          [cycleId],
        )
      ).rows;
    const check = async () => {
      const rows = await live();
      const workload = await cycleVerifierWorkload(admin, cycleId);
      for (const w of workload)
        for (const [status, count] of Object.entries(w.counts))
          expect([w.verifierId, status, count]).toEqual([w.verifierId, status, rows.find((r) => r.verifierId === w.verifierId && r.status === status)?.n ?? 0]);
      const queue = await loadVerifierQueue(verifier, cycleId, { status: "ALL", page: 1 });
      const own = rows.filter((r) => r.verifierId === verifier.id);
      expect(queue.countsByStatus).toEqual(Object.fromEntries(own.map((r) => [r.status, r.n])));
      expect(queue.all).toBe(own.reduce((sum, r) => sum + r.n, 0));
    };
    await check();
    // The server layer writes through its own connections: committed changes, undone at the end.
    const moved = (
      await client.query<{ id: string; status: string }>(
        `SELECT a.id, a.status::text FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId"
         JOIN "VerifierAssignment" va ON va."institutionId" = l."institutionId" AND va."cycleId" = a."cycleId"
         WHERE a."cycleId" = $1 AND va."verifierId" = $2 ORDER BY a.id LIMIT 3`,
        [cycleId, verifier.id],
      )
    ).rows;
    try {
      await client.query(`UPDATE "Assessment" SET status = 'IN_REVIEW' WHERE id = ANY($1::uuid[])`, [moved.map((m) => m.id)]);
      await check();
    } finally {
      for (const m of moved) await client.query(`UPDATE "Assessment" SET status = $2::"AssessmentStatus" WHERE id = $1`, [m.id, m.status]);
    }
    await check();
  });
});
