import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

// Calibration analytics (issue 18, docs/domain.md §5.14): the SQL groups equal a plain count over
// the raw answers, a verifier reads only its own work and the others without names, and nobody
// else reads anything.

describe("calibration analytics", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let actors: Record<string, CurrentUser>;
  let calibration: typeof import("@/lib/server/calibration/calibration");
  let cycleId: string;

  const admin = () => actors["admin@pekppp.test"]!;
  const verifier = () => actors["verifikator@pekppp.test"]!;

  /** Every counted answer of the cycle, read plainly: self − verified, with its groups. */
  async function rawAnswers(where = "") {
    const result = await client.query(
      `SELECT s.level - v.level AS gap, ind.code AS indicator, asp.code AS aspect, i.type::text AS type, i."provinceId" AS province, v."updatedById" AS verifier
       FROM "VerifiedAnswer" v JOIN "SelfAnswer" s ON s."assessmentId" = v."assessmentId" AND s."indicatorId" = v."indicatorId"
       JOIN "Assessment" a ON a.id = v."assessmentId" JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
       JOIN "InstrumentIndicator" ind ON ind.id = v."indicatorId" JOIN "InstrumentAspect" asp ON asp.id = ind."aspectId"
       WHERE a."cycleId" = $1 AND a.status::text IN ('VERIFIED', 'FINAL') AND v.level IS NOT NULL AND s.level IS NOT NULL AND ind.weight > 0 ${where}`,
      [cycleId],
    );
    return result.rows as { gap: number; indicator: string; aspect: string; type: string; province: string | null; verifier: string }[];
  }

  function totalsBy<T extends { gap: number }>(rows: T[], key: (row: T) => string | null) {
    const totals = new Map<string, { answers: number; gapTotal: number; over: number; under: number }>();
    for (const row of rows) {
      const k = key(row);
      if (k === null) continue;
      const t = totals.get(k) ?? { answers: 0, gapTotal: 0, over: 0, under: 0 };
      t.answers += 1;
      t.gapTotal += row.gap;
      if (row.gap > 0) t.over += 1;
      if (row.gap < 0) t.under += 1;
      totals.set(k, t);
    }
    return Object.fromEntries([...totals].sort(([a], [b]) => a.localeCompare(b)));
  }

  const groupsOf = (view: NonNullable<Awaited<ReturnType<typeof calibration.loadCalibration>>>, dimension: string) =>
    Object.fromEntries(
      view.groups
        .filter((g) => g.dimension === dimension)
        .map((g) => [g.key, { answers: g.answers, gapTotal: g.gapTotal, over: g.over, under: g.under }] as const)
        .sort(([a], [b]) => a.localeCompare(b)),
    );

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    calibration = await import("@/lib/server/calibration/calibration");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    cycleId = (await client.query(`SELECT id FROM "Cycle" WHERE "publishedAt" IS NOT NULL ORDER BY year DESC LIMIT 1`)).rows[0].id;
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  it("groups the admin's view by indicator, aspect, type, province and verifier exactly as the raw answers add up", async () => {
    const view = await calibration.loadCalibration(admin(), { cycle: cycleId });
    const raw = await rawAnswers();
    expect(raw.length).toBeGreaterThan(100);
    expect(view!.cycle!.id).toBe(cycleId);
    expect(view!.overall.answers).toBe(raw.length);
    expect(view!.overall.gapTotal).toBe(raw.reduce((t, r) => t + r.gap, 0));
    expect(groupsOf(view!, "indicator")).toEqual(totalsBy(raw, (r) => r.indicator));
    expect(groupsOf(view!, "aspect")).toEqual(totalsBy(raw, (r) => r.aspect));
    expect(groupsOf(view!, "type")).toEqual(totalsBy(raw, (r) => r.type));
    expect(groupsOf(view!, "province")).toEqual(totalsBy(raw, (r) => r.province));
    expect(groupsOf(view!, "verifier")).toEqual(totalsBy(raw, (r) => r.verifier));
    // Each verifier's adjustment is the opposite of its gap; the names are the admin's to read.
    for (const v of view!.verifiers) expect(v.adjustmentTotal).toBe(-(groupsOf(view!, "verifier")[v.verifierId]?.gapTotal ?? Number.NaN));
    expect(view!.verifiers.every((v) => v.name !== null && v.q1 <= v.median && v.median <= v.q3)).toBe(true);
    expect(view!.trend.find((p) => p.cycleId === cycleId)!.answers).toBe(raw.length);
    // The quartiles of each verifier's adjustments, as percentile_disc over its answers one by one.
    const quartiles = await client.query<{ verifier: string; q: number[] }>(
      `SELECT v."updatedById" AS verifier, percentile_disc(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY v.level - s.level) AS q
       FROM "VerifiedAnswer" v JOIN "SelfAnswer" s ON s."assessmentId" = v."assessmentId" AND s."indicatorId" = v."indicatorId"
       JOIN "Assessment" a ON a.id = v."assessmentId" JOIN "InstrumentIndicator" ind ON ind.id = v."indicatorId"
       WHERE a."cycleId" = $1 AND a.status::text IN ('VERIFIED', 'FINAL') AND v.level IS NOT NULL AND s.level IS NOT NULL AND ind.weight > 0 AND v."updatedById" IS NOT NULL
       GROUP BY 1`,
      [cycleId],
    );
    expect(Object.fromEntries(view!.verifiers.map((v) => [v.verifierId, [v.q1, v.median, v.q3]]))).toEqual(
      Object.fromEntries(quartiles.rows.map((r) => [r.verifier, r.q])),
    );
  });

  it("counts the answers again once the cycle's results generation moves, and only then", async () => {
    const before = await calibration.loadCalibration(admin(), { cycle: cycleId });
    const answer = (
      await client.query(
        `SELECT v.id, v.level FROM "VerifiedAnswer" v JOIN "SelfAnswer" s ON s."assessmentId" = v."assessmentId" AND s."indicatorId" = v."indicatorId"
         JOIN "Assessment" a ON a.id = v."assessmentId" JOIN "InstrumentIndicator" ind ON ind.id = v."indicatorId"
         WHERE a."cycleId" = $1 AND a.status::text IN ('VERIFIED', 'FINAL') AND s.level IS NOT NULL AND v.level IS NOT NULL AND v.level < 5 AND ind.weight > 0 LIMIT 1`,
        [cycleId],
      )
    ).rows[0];
    await client.query(`UPDATE "VerifiedAnswer" SET level = level + 1 WHERE id = $1`, [answer.id]);
    try {
      // Same generation: the counted answers (and the cache) stand; every approval adds to it.
      expect((await calibration.loadCalibration(admin(), { cycle: cycleId }))!.overall).toEqual(before!.overall);
      await client.query(`UPDATE "Cycle" SET "resultsGeneration" = "resultsGeneration" + 1 WHERE id = $1`, [cycleId]);
      const after = await calibration.loadCalibration(admin(), { cycle: cycleId });
      expect(after!.overall).toEqual({ ...before!.overall, gapTotal: before!.overall.gapTotal - 1, over: expect.any(Number), under: expect.any(Number) });
      const raw = await rawAnswers();
      expect(after!.overall.over).toBe(raw.filter((r) => r.gap > 0).length);
      expect(after!.overall.under).toBe(raw.filter((r) => r.gap < 0).length);
    } finally {
      await client.query(`UPDATE "VerifiedAnswer" SET level = $2 WHERE id = $1`, [answer.id, answer.level]);
      await client.query(`UPDATE "Cycle" SET "resultsGeneration" = "resultsGeneration" + 1 WHERE id = $1`, [cycleId]);
    }
  });

  it("filters by institution type and aspect inside the query", async () => {
    const view = await calibration.loadCalibration(admin(), { cycle: cycleId, type: "KOTA", aspect: "I" });
    const raw = await rawAnswers(`AND i.type = 'KOTA' AND asp.code = 'I'`);
    expect(view!.overall.answers).toBe(raw.length);
    expect(groupsOf(view!, "indicator")).toEqual(totalsBy(raw, (r) => r.indicator));
  });

  it("a verifier reads only its own work, the other verifiers numbered and never named; others read nothing", async () => {
    const own = await calibration.loadCalibration(verifier(), { cycle: cycleId });
    const raw = await rawAnswers(`AND v."updatedById" = '${verifier().id}'`);
    expect(raw.length).toBeGreaterThan(0);
    expect(own!.own).toBe(true);
    expect(own!.overall.answers).toBe(raw.length);
    expect(groupsOf(own!, "verifier")).toEqual({});
    expect(groupsOf(own!, "indicator")).toEqual(totalsBy(raw, (r) => r.indicator));
    const others = own!.verifiers.filter((v) => !v.self);
    expect(others.every((v) => v.name === null && v.verifierId.startsWith("other-"))).toBe(true);
    expect(own!.verifiers.filter((v) => v.self).every((v) => v.verifierId === verifier().id)).toBe(true);
    expect(await calibration.loadCalibration(actors["pimpinan.palembang@pekppp.test"]!, {})).toBeNull();
    expect(await calibration.loadCalibration(actors["evaluator.palembang@pekppp.test"]!, {})).toBeNull();
  });
});
