import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";
import { minimalPdf } from "./support/minimal-pdf";

/** A minimal well-formed PDF, the decree of the correction. */

/**
 * Issue 17: a published cycle's listing (and with it its awards, exports and the trend) is served
 * from the cache until its results generation changes: not rebuilt per request, rebuilt at once
 * when a correction is published, the cycle withdrawn or published again, through the real
 * functions. The generation is read from the database with the cycle list, so every instance sees
 * the same change.
 */
describe("published results served from a cache invalidated by publication, withdrawal and corrections", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let published: typeof import("@/lib/server/results/published");
  let rendered: typeof import("@/lib/server/results/rendered-pages");
  let correction: typeof import("@/lib/server/correction/correction");
  let cycles: typeof import("@/lib/server/cycle/status");
  let admin: CurrentUser & { email: string };
  let storageDir: string;
  let cycleId: string;
  let target: { id: string; institutionId: string };
  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const shown = async () => (await published.loadPublishedResults(cycleId))?.institutions.find((i) => i.id === target.institutionId) ?? null;

  beforeAll(async () => {
    storageDir = await mkdtemp(path.join(tmpdir(), "pekppp-results-cache-"));
    process.env.EVIDENCE_DIR = storageDir;
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    published = await import("@/lib/server/results/published");
    rendered = await import("@/lib/server/results/rendered-pages");
    correction = await import("@/lib/server/correction/correction");
    cycles = await import("@/lib/server/cycle/status");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    admin = (await loadDemoActors(client))["admin@pekppp.test"] as CurrentUser & { email: string };
    cycleId = (await one(`SELECT id FROM "Cycle" WHERE "publishedAt" IS NOT NULL ORDER BY year DESC LIMIT 1`)).id;
    target = await one(
      `SELECT a.id, l."institutionId" FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId"
       JOIN "InstitutionResult" r ON r."institutionId" = l."institutionId" AND r."cycleId" = a."cycleId"
       WHERE a."cycleId" = $1 AND a.status = 'FINAL' ORDER BY r."indexPublished" DESC, a.id LIMIT 1`,
      [cycleId],
    );
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
    await rm(storageDir, { recursive: true, force: true });
    delete process.env.EVIDENCE_DIR;
  });

  it("serves the same built listing while the generation stands, even if rows change underneath", async () => {
    const first = await published.loadPublishedResults(cycleId);
    expect(await published.loadPublishedResults(cycleId)).toBe(first);
    // A write that bypasses the portal (no generation change) is not seen: the listing is cached…
    const stored = await one(`SELECT "indexPublished"::text AS p FROM "InstitutionResult" WHERE "cycleId" = $1 AND "institutionId" = $2`, [
      cycleId,
      target.institutionId,
    ]);
    await client.query(`UPDATE "InstitutionResult" SET "indexPublished" = 0.01 WHERE "cycleId" = $1 AND "institutionId" = $2`, [cycleId, target.institutionId]);
    expect((await shown())!.published).toBe(stored.p);
    await client.query(`UPDATE "InstitutionResult" SET "indexPublished" = $3::numeric WHERE "cycleId" = $1 AND "institutionId" = $2`, [
      cycleId,
      target.institutionId,
      stored.p,
    ]);
    // …and the awards and the trend come from the same build.
    const awards = await published.loadPublishedAwards(cycleId);
    expect(await published.loadPublishedAwards(cycleId)).toBe(awards);
    const trend = await published.loadNationalTrend(await published.listPublishedCycles());
    expect(trend.find((p) => p.cycle.id === cycleId)!.national).toBe(first!.national);
  });

  it("shows a published correction at once, as the next version", async () => {
    const before = await shown();
    const cached = await published.loadPublishedResults(cycleId);
    const stamp = await rendered.publishedStamp();
    await correction.openCorrection(
      admin,
      target.id,
      { reason: "Kesalahan input level terverifikasi", decreeReference: "SK 17/2026" },
      {
        originalName: "SK 17-2026.pdf",
        bytes: minimalPdf(),
      },
    );
    // Opening freezes version 1: the same numbers, now as a version.
    expect((await shown())!.published).toBe(before!.published);
    const answers = await client.query<{ code: string; level: number }>(
      `SELECT i.code, v.level FROM "VerifiedAnswer" v JOIN "InstrumentIndicator" i ON i.id = v."indicatorId" WHERE v."assessmentId" = $1 AND i.weight > 0 ORDER BY i.code`,
      [target.id],
    );
    // Every verified level to 0: the institution's index certainly falls.
    for (const a of answers.rows) await correction.saveCorrectionLevel(admin, { assessmentId: target.id, indicatorCode: a.code, level: 0, note: "Koreksi" });
    // Not yet published: the listing is unchanged.
    expect((await shown())!.published).toBe(before!.published);
    await correction.publishCorrection(admin, target.id);
    const after = (await published.loadPublishedResults(cycleId))!;
    expect(after).not.toBe(cached);
    // The rendered public pages are kept under this stamp: they are rendered again too.
    expect(await rendered.publishedStamp()).not.toBe(stamp);
    expect(after.cycle.version).toMatchObject({ number: 2, current: true });
    const corrected = after.institutions.find((i) => i.id === target.institutionId)!;
    expect(Number(corrected.published)).toBeLessThan(Number(before!.published));
    // The earlier version stays readable, with its own numbers.
    expect((await published.loadPublishedResults(cycleId, 1))!.institutions.find((i) => i.id === target.institutionId)!.published).toBe(before!.published);
  });

  it("drops a withdrawn cycle at once and lists it again when published again", async () => {
    const cycle = async () => one(`SELECT "updatedAt" FROM "Cycle" WHERE id = $1`, [cycleId]);
    await published.loadPublishedResults(cycleId);
    await cycles.setCyclePublication(admin, { cycleId, expectedUpdatedAt: (await cycle()).updatedAt.toISOString(), publish: false });
    expect(await published.loadPublishedResults(cycleId)).toBeNull();
    // Published again, later than its publication stage would allow today? The stage gate decides;
    // the listing must follow whatever the stored publication says.
    await client.query(`UPDATE "Cycle" SET "publishedAt" = now() WHERE id = $1`, [cycleId]);
    const again = await published.loadPublishedResults(cycleId);
    expect(again?.cycle.publishedAt).not.toBeNull();
    expect(again?.institutions.length).toBeGreaterThan(0);
  });
});
