import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeServerLayer, configureServerEnvironment, useSeededDatabase } from "./support/test-database";

/**
 * Issue 16 on the public results: each owner publishes its own cycle or not (Cycle.publishedAt);
 * an unpublished Mandiri cycle is never public, a published one is listed under its owner, after
 * the national PEKPPP, and ranks its own units. Issue 17: a rendered public page is kept while
 * the published results stand and rendered again at once when a publication, withdrawal or
 * correction changes the stamp read from the database.
 */
describe("public results grouped by programme and owner, rendered pages kept per results generation", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let published: typeof import("@/lib/server/results/published");
  let rendered: typeof import("@/lib/server/results/rendered-pages");
  let ranking: typeof import("@/lib/server/results/ranking-view");
  let mandiri: { id: string; owner: string };
  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    published = await import("@/lib/server/results/published");
    rendered = await import("@/lib/server/results/rendered-pages");
    ranking = await import("@/lib/server/results/ranking-view");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    mandiri = await one(
      `SELECT c.id, i.name AS owner FROM "Cycle" c JOIN "Institution" i ON i.id = c."ownerInstitutionId"
       WHERE c."programmeCode" = 'MANDIRI' ORDER BY (SELECT count(*) FROM "Assessment" a WHERE a."cycleId" = c.id) DESC LIMIT 1`,
    );
    // Its first three units are made final with stored verified results of three different indices.
    const units = await client.query<{ id: string }>(`SELECT id FROM "Assessment" WHERE "cycleId" = $1 ORDER BY id LIMIT 3`, [mandiri.id]);
    for (const [n, unit] of units.rows.entries()) {
      await client.query(`UPDATE "Assessment" SET status = 'FINAL' WHERE id = $1`, [unit.id]);
      await client.query(
        `INSERT INTO "LocusResult" ("cycleId", "assessmentId", kind, "f02TenThousandths", "surveyRespondents", "indexNumerator", "indexDenominator", "indexPublished", grade)
         VALUES ($1, $2, 'VERIFIED', 0, 0, $3, 100, $3::numeric / 100, $4)`,
        [mandiri.id, unit.id, [350, 480, 410][n], ["B", "A", "B"][n]],
      );
    }
    // Finalised by its owner, not yet published.
    await client.query(`UPDATE "Cycle" SET status = 'FINALISED', "finalisedAt" = now() WHERE id = $1`, [mandiri.id]);
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  it("never shows an unpublished Mandiri cycle, and lists a published one under its owner after the national PEKPPP", async () => {
    expect((await published.listPublishedCycles()).map((c) => c.id)).not.toContain(mandiri.id);
    expect(await published.loadPublishedResults(mandiri.id)).toBeNull();
    expect(await published.loadPublishedAwards(mandiri.id)).toBeNull();

    await client.query(`UPDATE "Cycle" SET "publishedAt" = now() WHERE id = $1`, [mandiri.id]);
    const cycles = await published.listPublishedCycles();
    const listed = cycles.find((c) => c.id === mandiri.id);
    expect(listed).toMatchObject({ programmeCode: "MANDIRI", ownerName: mandiri.owner });
    // The national PEKPPP first, the institution's own cycles after it, each series together.
    const order = cycles.map((c) => `${c.programmeCode}/${c.ownerInstitutionId ?? "ministry"}`);
    expect(order[0]).toBe("PEKPPP/ministry");
    expect(order.indexOf(`MANDIRI/${listed!.ownerInstitutionId}`)).toBeGreaterThan(order.lastIndexOf("PEKPPP/ministry"));
    expect(new Set(order).size).toBe(order.filter((series, i) => series !== order[i - 1]).length);

    // It ranks its own units, highest index first, and its listing and export read the same rows.
    const results = (await published.loadPublishedResults(mandiri.id))!;
    expect(results.units!.map((u) => u.published)).toEqual(["4.80", "4.10", "3.50"]);
    expect(results.units!.map((u) => u.national.rank)).toEqual([1, 2, 3]);
    const { rows } = ranking.selectRanking(results, { group: "KL", page: 1 });
    expect(rows.map((r) => r.id)).toEqual(results.units!.map((u) => u.id));
    // A ministry cycle lists institutions, never units.
    expect((await published.loadPublishedResults(cycles[0]!.id))!.units).toBeNull();
  });

  it("keeps a rendered page while the stamp stands and renders it again after a publication, a withdrawal or a new generation", async () => {
    let renders = 0;
    const render = async () => ({ status: 200, contentType: "text/html", body: new TextEncoder().encode(`page ${++renders}`) });
    const serve = async () => {
      const { hit, value } = rendered.cachedRenderedPage("id ?group=KL", await rendered.publishedStamp(), render);
      return { hit, text: new TextDecoder().decode((await value).body) };
    };
    expect(await serve()).toEqual({ hit: false, text: "page 1" });
    expect(await serve()).toEqual({ hit: true, text: "page 1" });

    // Withdrawn by its owner: the trigger moves the generation, the page is rendered again.
    await client.query(`UPDATE "Cycle" SET "publishedAt" = NULL WHERE id = $1`, [mandiri.id]);
    expect(await serve()).toEqual({ hit: false, text: "page 2" });
    expect(await serve()).toEqual({ hit: true, text: "page 2" });
    await client.query(`UPDATE "Cycle" SET "publishedAt" = now() WHERE id = $1`, [mandiri.id]);
    expect(await serve()).toEqual({ hit: false, text: "page 3" });

    // A locus of a published cycle leaving FINAL (its trigger) too; a published correction's new
    // version is followed in results-cache.test.ts.
    await client.query(
      `UPDATE "Assessment" SET status = 'VERIFIED' WHERE "cycleId" = $1 AND status = 'FINAL' AND id = (SELECT min(id::text)::uuid FROM "Assessment" WHERE "cycleId" = $1 AND status = 'FINAL')`,
      [mandiri.id],
    );
    expect(await serve()).toEqual({ hit: false, text: "page 4" });

    // A failed rendering is not kept.
    const failed = rendered.cachedRenderedPage("id ?group=KOTA", await rendered.publishedStamp(), async () => ({
      status: 500,
      contentType: "text/html",
      body: new Uint8Array(),
    }));
    await failed.value;
    expect(rendered.cachedRenderedPage("id ?group=KOTA", await rendered.publishedStamp(), render).hit).toBe(false);
  });

  it("renders the awards page again when an admin changes the award rules, without a new results generation", async () => {
    const stamp = await rendered.awardsStamp();
    expect(await rendered.awardsStamp()).toBe(stamp);
    const before = await one(`SELECT value FROM "AppSetting" WHERE key = 'awards.rules'`);
    await client.query(
      `INSERT INTO "AppSetting" (key, value, "updatedAt") VALUES ('awards.rules', '[]'::jsonb, now()) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    );
    expect(await rendered.awardsStamp()).not.toBe(stamp);
    if (before) await client.query(`UPDATE "AppSetting" SET value = $1 WHERE key = 'awards.rules'`, [JSON.stringify(before.value)]);
    else await client.query(`DELETE FROM "AppSetting" WHERE key = 'awards.rules'`);
    expect(await rendered.awardsStamp()).toBe(stamp);
  });

  it("renders the awards page again when an institution sets or drops award rules of its own for its cycles", async () => {
    const stamp = await rendered.awardsStamp();
    const owner = await one(`SELECT "ownerInstitutionId" AS id FROM "Cycle" WHERE id = $1`, [mandiri.id]);
    await client.query(`INSERT INTO "InstitutionAwardRules" ("institutionId", rules, "updatedAt") VALUES ($1, '[]'::jsonb, now())`, [owner.id]);
    expect(await rendered.awardsStamp()).not.toBe(stamp);
    await client.query(`DELETE FROM "InstitutionAwardRules" WHERE "institutionId" = $1`, [owner.id]);
    expect(await rendered.awardsStamp()).toBe(stamp);
  });
});
