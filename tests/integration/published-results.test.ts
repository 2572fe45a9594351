import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

type Published = typeof import("@/lib/server/results/published");

describe("published results: only final results of published cycles, numbers as stored", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let published: Published;
  let loadHeadDashboard: typeof import("@/lib/server/results/head-dashboard").loadHeadDashboard;
  let loadReportCard: typeof import("@/lib/server/results/report-card").loadReportCard;
  let actors: Record<string, CurrentUser>;
  let currentCycleId: string;
  let latestPublishedId: string;

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    published = await import("@/lib/server/results/published");
    ({ loadHeadDashboard } = await import("@/lib/server/results/head-dashboard"));
    ({ loadReportCard } = await import("@/lib/server/results/report-card"));
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    currentCycleId = (await client.query(`SELECT id FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL`)).rows[0].id;
    latestPublishedId = (await client.query(`SELECT id FROM "Cycle" WHERE status = 'FINALISED' ORDER BY year DESC LIMIT 1`)).rows[0].id;
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  it("shows nothing of a cycle before the admin publishes it, and all of it after", async () => {
    // The running cycle has stored results (verified loci), yet nothing of it is public.
    const stored = await client.query(`SELECT count(*)::int AS n FROM "LocusResult" WHERE "cycleId" = $1`, [currentCycleId]);
    expect(stored.rows[0].n).toBeGreaterThan(0);
    expect((await published.listPublishedCycles()).map((c) => c.id)).not.toContain(currentCycleId);
    expect(await published.loadPublishedResults(currentCycleId)).toBeNull();
    expect(await published.loadPublishedAwards(currentCycleId)).toBeNull();

    // A finalised cycle is still private until it is published.
    await client.query(`UPDATE "Cycle" SET "publishedAt" = NULL WHERE id = $1`, [latestPublishedId]);
    try {
      expect((await published.listPublishedCycles()).map((c) => c.id)).not.toContain(latestPublishedId);
      expect(await published.loadPublishedResults(latestPublishedId)).toBeNull();
    } finally {
      await client.query(`UPDATE "Cycle" SET "publishedAt" = now() WHERE id = $1`, [latestPublishedId]);
    }
    const results = await published.loadPublishedResults(latestPublishedId);
    expect(results?.institutions.length).toBeGreaterThan(0);
  });

  it("lets the admin preview a finalised cycle before publication, and nobody else", async () => {
    await client.query(`UPDATE "Cycle" SET "publishedAt" = NULL WHERE id = $1`, [latestPublishedId]);
    try {
      const preview = await published.loadResultsPreview(actors["admin@pekppp.test"]!, latestPublishedId);
      expect(preview?.cycle.publishedAt).toBeNull();
      expect(preview?.institutions.length).toBeGreaterThan(0);
      expect((await published.loadAwardsFor(preview!)).rules.length).toBeGreaterThan(0);
      for (const email of ["pimpinan.palembang@pekppp.test", "evaluator.palembang@pekppp.test", "verifikator@pekppp.test"]) {
        expect(await published.loadResultsPreview(actors[email]!, latestPublishedId)).toBeNull();
      }
      // The public loaders still see nothing of it.
      expect(await published.loadPublishedResults(latestPublishedId)).toBeNull();
      expect(await published.loadPublishedAwards(latestPublishedId)).toBeNull();
      // A running cycle has no final results to preview.
      expect(await published.loadResultsPreview(actors["admin@pekppp.test"]!, currentCycleId)).toBeNull();
    } finally {
      await client.query(`UPDATE "Cycle" SET "publishedAt" = now() WHERE id = $1`, [latestPublishedId]);
    }
    expect((await published.loadPublishedResults(latestPublishedId))?.cycle.publishedAt).toBeInstanceOf(Date);
  });

  it("lists only institutions whose loci are all final, with the stored published index and grade", async () => {
    const results = (await published.loadPublishedResults(latestPublishedId))!;
    const stored = await client.query(
      `SELECT r."institutionId" AS id, r."indexPublished"::text AS published, r.grade FROM "InstitutionResult" r WHERE r."cycleId" = $1 AND r.kind = 'VERIFIED'`,
      [latestPublishedId],
    );
    const storedById = new Map(stored.rows.map((r) => [r.id, r]));
    for (const institution of results.institutions) {
      expect({ published: institution.published, grade: institution.grade }).toEqual({
        published: storedById.get(institution.id).published,
        grade: storedById.get(institution.id).grade,
      });
    }
    // One locus taken back from FINAL: its institution leaves the public listing and the awards.
    const victim = results.institutions[0]!;
    // (The listing is cached per cycle; the status change must still show without a recomputation.)
    const locus = await client.query(
      `SELECT a.id FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a."cycleId" = $1 AND l."institutionId" = $2 LIMIT 1`,
      [latestPublishedId, victim.id],
    );
    await client.query(`UPDATE "Assessment" SET status = 'VERIFIED' WHERE id = $1`, [locus.rows[0].id]);
    try {
      const after = (await published.loadPublishedResults(latestPublishedId))!;
      expect(after.institutions.map((i) => i.id)).not.toContain(victim.id);
      const awards = (await published.loadPublishedAwards(latestPublishedId))!;
      expect([...awards.eligibility.values()].flat().map((e) => e.institutionId)).not.toContain(victim.id);
    } finally {
      await client.query(`UPDATE "Assessment" SET status = 'FINAL' WHERE id = $1`, [locus.rows[0].id]);
    }
  });

  it("gives the head its own standing and awards from the latest published cycle, the same as the public listing", async () => {
    const head = actors["pimpinan.palembang@pekppp.test"]!;
    const dashboard = (await loadHeadDashboard(head))!;
    const results = (await published.loadPublishedResults(dashboard.publishedCycle!.id))!;
    const own = results.institutions.find((i) => i.id === head.institutionId)!;
    expect(dashboard.standing).toMatchObject({ national: own.national, province: own.province, published: own.published });
    expect(own.province).not.toBeNull();
    const awards = (await published.loadPublishedAwards(dashboard.publishedCycle!.id))!;
    const expected = [...awards.eligibility.values()]
      .flat()
      .filter((e) => e.institutionId === head.institutionId)
      .map((e) => e.ruleId);
    expect(dashboard.awards.map((a) => a.ruleId)).toEqual(expected);
    // Its latest finalised cycle's index on the dashboard equals the published one (one scoring module).
    expect(dashboard.results!.finalised!.index!.published).toBe(own.published);
    expect(dashboard.trend.find((p) => p.cycleId === dashboard.publishedCycle!.id)?.published).toBe(own.published);
  });

  it("gives the report card to the admin and the institution's own head only", async () => {
    const head = actors["pimpinan.palembang@pekppp.test"]!;
    const card = await loadReportCard(actors["admin@pekppp.test"]!, head.institutionId!, latestPublishedId);
    const dashboard = (await loadHeadDashboard(head))!;
    expect(card?.view.index?.published).toBe(dashboard.results!.finalised!.index!.published);
    expect(card?.view.aspects).toHaveLength(6);
    // The card of the latest published cycle holds the dashboard's standing, awards and trend.
    expect(card?.standing.standing).toEqual(dashboard.standing);
    expect(card?.standing.awards).toEqual(dashboard.awards);
    expect(card?.trend).toEqual(dashboard.trend);
    const other = await client.query(`SELECT id FROM "Institution" WHERE id <> $1 LIMIT 1`, [head.institutionId]);
    expect(await loadReportCard(head, other.rows[0].id, latestPublishedId)).toBeNull();
    expect(await loadReportCard(actors["evaluator.palembang@pekppp.test"]!, head.institutionId!, latestPublishedId)).toBeNull();
  });
});
