import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

/**
 * Issue 16: every list of work covers all the cycles the user takes part in, one cycle at a time.
 * The head's dashboard and the follow-up lists of one cycle never carry another cycle's numbers,
 * and the dashboard's stored results (issue 17) equal a fresh computation by the scoring module.
 */
describe("lists per cycle: the head's dashboard and follow-up never mix cycles", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let dashboard: typeof import("@/lib/server/results/head-dashboard");
  let institution: typeof import("@/lib/server/results/institution");
  let cycles: typeof import("@/lib/server/cycle/cycles");
  let followUp: typeof import("@/lib/server/follow-up/views");
  let monitoring: typeof import("@/lib/server/follow-up/monitoring");
  let notifications: typeof import("@/lib/server/notifications/notifications");
  let actors: Record<string, CurrentUser>;
  let nationalRunning: string;
  let ramah: string;

  const head = () => actors["pimpinan.palembang@pekppp.test"]!;
  const evaluator = () => actors["evaluator.palembang@pekppp.test"]!;
  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const cycleOf = async (assessmentIds: readonly string[]) =>
    (await client.query(`SELECT DISTINCT "cycleId" FROM "Assessment" WHERE id = ANY($1::uuid[])`, [assessmentIds])).rows.map((r) => r.cycleId);

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    dashboard = await import("@/lib/server/results/head-dashboard");
    institution = await import("@/lib/server/results/institution");
    cycles = await import("@/lib/server/cycle/cycles");
    followUp = await import("@/lib/server/follow-up/views");
    monitoring = await import("@/lib/server/follow-up/monitoring");
    notifications = await import("@/lib/server/notifications/notifications");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    nationalRunning = (
      await one(`SELECT id FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL AND "programmeCode" = 'PEKPPP' ORDER BY year DESC LIMIT 1`)
    ).id;
    // The demo's Ramah Kelompok Rentan cycle takes in the head's institution beside the national cycle.
    ramah = (
      await one(
        `SELECT c.id FROM "Cycle" c WHERE c."programmeCode" = 'RAMAH_RENTAN'
           AND EXISTS (SELECT 1 FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a."cycleId" = c.id AND l."institutionId" = $1)`,
        [head().institutionId],
      )
    ).id;
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  it("opens the head's dashboard on the ministry's running cycle, and offers every cycle the institution takes part in", async () => {
    const { cycles: offered, cycle } = await cycles.pickCycleForActor(head(), undefined);
    expect(cycle?.id).toBe(nationalRunning);
    expect(offered.map((c) => c.id)).toContain(ramah);
    const shown = (await dashboard.loadHeadDashboard(head()))!;
    expect(shown.results?.current?.cycle.id).toBe(nationalRunning);
  });

  it("shows each cycle with its own loci, and beside it only earlier results, trend and standing of the same programme and owner", async () => {
    const { cycles: offered } = await cycles.pickCycleForActor(head(), undefined);
    for (const cycle of offered) {
      const view = (await dashboard.loadHeadDashboard(head(), cycle.id))!;
      const lineage = (
        await client.query(`SELECT c.id FROM "Cycle" c WHERE c."programmeCode" = $1 AND c."ownerInstitutionId" IS NOT DISTINCT FROM $2::uuid`, [
          cycle.programmeCode,
          cycle.ownerInstitutionId,
        ])
      ).rows.map((r) => r.id);
      const shownCycles = [view.results?.current, view.results?.finalised].filter((v) => v).map((v) => v!.cycle.id);
      expect(shownCycles).toContain(cycle.id);
      for (const id of shownCycles) expect(lineage).toContain(id);
      for (const v of [view.results?.current, view.results?.finalised]) if (v) expect(await cycleOf(v.loci.map((l) => l.assessmentId))).toEqual([v.cycle.id]);
      for (const point of view.trend) expect(lineage).toContain(point.cycleId);
      if (view.publishedCycle) expect(lineage).toContain(view.publishedCycle.id);
    }
    // The Ramah Kelompok Rentan cycle has no earlier cycle, result or standing of its own: nothing national shows.
    const ramahView = (await dashboard.loadHeadDashboard(head(), ramah))!;
    expect(ramahView.results?.current?.cycle.id).toBe(ramah);
    expect(ramahView.results?.finalised).toBeNull();
    expect(ramahView).toMatchObject({ trend: [], publishedCycle: null, standing: null, awards: [], recommendations: [] });
  });

  it("reads the dashboard from stored results that equal a fresh computation, locus by locus and aspect by aspect", async () => {
    const national = (await dashboard.loadHeadDashboard(head(), nationalRunning))!;
    const views = [national.results!.current!, national.results!.finalised!];
    for (const view of views) {
      const fresh = (await institution.loadInstitutionCycle(head(), "results.institution", head().institutionId!, view.cycle.id))!;
      const byId = new Map(fresh.loci.map((l) => [l.assessmentId, l]));
      expect(view.loci.map((l) => l.assessmentId).sort()).toEqual([...byId.keys()].sort());
      for (const locus of view.loci) {
        const computed = byId.get(locus.assessmentId)!;
        expect(locus.result?.classification.published ?? null).toBe(computed.result?.classification.published ?? null);
        expect(locus.result?.classification.grade ?? null).toBe(computed.result?.classification.grade ?? null);
        expect(locus.result?.f03Included ?? null).toBe(computed.result?.index.f03Included ?? null);
      }
      expect(view.index?.published ?? null).toBe(fresh.index?.published ?? null);
      expect(view.aspects).toEqual(fresh.aspects);
    }
    // The running cycle has verified loci (an aspect comparison) and unverified ones (no index yet).
    expect(views[0]!.aspects.length).toBeGreaterThan(0);
    expect(views[0]!.index).toBeNull();
  });

  it("keeps the comparison per aspect until the cycle's results generation moves, then reads it again", async () => {
    const before = (await dashboard.loadHeadDashboard(head(), nationalRunning))!.results!.current!;
    const verified = before.loci.find((l) => l.result)!;
    const answer = await one(
      `SELECT v."indicatorId", v.level FROM "VerifiedAnswer" v WHERE v."assessmentId" = $1 AND v.level IS NOT NULL ORDER BY v.level LIMIT 1`,
      [verified.assessmentId],
    );
    const setLevel = (level: number) =>
      client.query(`UPDATE "VerifiedAnswer" SET level = $3 WHERE "assessmentId" = $1 AND "indicatorId" = $2`, [
        verified.assessmentId,
        answer.indicatorId,
        level,
      ]);
    const bump = () => client.query(`UPDATE "Cycle" SET "resultsGeneration" = "resultsGeneration" + 1 WHERE id = $1`, [nationalRunning]);
    try {
      // A change of a verified level always comes with a recompute that moves the generation (recompute-locus); until then the kept sums stand.
      await setLevel(answer.level === 5 ? 0 : 5);
      expect((await dashboard.loadHeadDashboard(head(), nationalRunning))!.results!.current!.aspects).toEqual(before.aspects);
      await bump();
      const after = (await dashboard.loadHeadDashboard(head(), nationalRunning))!.results!.current!.aspects;
      expect(after).not.toEqual(before.aspects);
      const fresh = (await institution.loadInstitutionCycle(head(), "results.institution", head().institutionId!, nationalRunning))!;
      expect(after).toEqual(fresh.aspects);
    } finally {
      await setLevel(answer.level);
      await bump();
    }
    expect((await dashboard.loadHeadDashboard(head(), nationalRunning))!.results!.current!.aspects).toEqual(before.aspects);
  });

  it("answers nothing for a cycle the head's institution takes no part in", async () => {
    const foreign = await one(
      `SELECT c.id FROM "Cycle" c WHERE NOT EXISTS (SELECT 1 FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a."cycleId" = c.id AND l."institutionId" = $1) LIMIT 1`,
      [head().institutionId],
    );
    const view = (await dashboard.loadHeadDashboard(head(), foreign.id))!;
    expect(view.results).toBeNull();
    expect(view.trend).toEqual([]);
  });

  it("lists follow-up per cycle: a recommendation of the Ramah Kelompok Rentan cycle shows in that cycle only", async () => {
    const locus = await one(
      `SELECT a.id, i.id AS "indicatorId" FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "Cycle" c ON c.id = a."cycleId"
       JOIN "InstrumentIndicator" i ON i."instrumentVersionId" = c."instrumentVersionId"
       WHERE a."cycleId" = $1 AND l."institutionId" = $2 ORDER BY l.name, i.code LIMIT 1`,
      [ramah, head().institutionId],
    );
    const recommendation = await one(
      `INSERT INTO "Recommendation" ("assessmentId", "indicatorId", text, "targetDate", "updatedAt") VALUES ($1, $2, 'Sediakan jalur kursi roda.', now() + interval '30 days', now()) RETURNING id`,
      [locus.id, locus.indicatorId],
    );
    const offered = await followUp.listFollowUpCycles(evaluator());
    expect(offered.map((c) => c.id)).toContain(ramah);
    const all = { page: 1 } as const;
    const ramahList = await followUp.listFollowUpRecommendations(evaluator(), "followUp.report", ramah, all);
    expect(ramahList.rows.map((r) => r.id)).toEqual([recommendation.id]);
    for (const other of offered.filter((c) => c.id !== ramah)) {
      const list = await followUp.listFollowUpRecommendations(evaluator(), "followUp.report", other.id, all);
      expect(list.rows.map((r) => r.id)).not.toContain(recommendation.id);
      expect(await cycleOf(list.rows.map((r) => r.assessmentId))).toEqual(list.rows.length ? [other.id] : []);
    }
    expect((await monitoring.loadFollowUpMonitoring(head(), ramah))?.overall.total).toBe(1);
    // Another institution's own cycle with a recommendation is not offered, not even its name.
    const foreign = await one(
      `SELECT a.id, i.id AS "indicatorId", c.id AS "cycleId" FROM "Cycle" c JOIN "Assessment" a ON a."cycleId" = c.id
       JOIN "InstrumentIndicator" i ON i."instrumentVersionId" = c."instrumentVersionId"
       WHERE c."ownerInstitutionId" IS NOT NULL AND c."ownerInstitutionId" <> $1
         AND NOT EXISTS (SELECT 1 FROM "Assessment" x JOIN "Locus" l ON l.id = x."locusId" WHERE x."cycleId" = c.id AND l."institutionId" = $1)
       ORDER BY c.name, a.id, i.code LIMIT 1`,
      [head().institutionId],
    );
    await client.query(`INSERT INTO "Recommendation" ("assessmentId", "indicatorId", text, "updatedAt") VALUES ($1, $2, 'Perbaiki alur.', now())`, [
      foreign.id,
      foreign.indicatorId,
    ]);
    expect((await followUp.listFollowUpCycles(evaluator())).map((c) => c.id)).not.toContain(foreign.cycleId);
    expect((await followUp.listFollowUpCycles(head())).map((c) => c.id)).not.toContain(foreign.cycleId);
    expect((await followUp.listFollowUpCycles(actors["admin@pekppp.test"]!)).map((c) => c.id)).toContain(foreign.cycleId);
  });

  it("names the cycle of each notification", async () => {
    await client.query(
      `INSERT INTO "Notification" ("userId", kind, params, link, "cycleId", "institutionId", channel)
       VALUES ($1, 'assessment.returned', $5::jsonb, '/loci', $2, $3, 'IN_APP'), ($1, 'assessment.returned', $5::jsonb, '/loci', $4, $3, 'IN_APP')`,
      [evaluator().id, ramah, evaluator().institutionId, nationalRunning, JSON.stringify({ locus: "Kantor Kecamatan", count: 1 })],
    );
    const names = new Map(
      (await client.query(`SELECT id, name FROM "Cycle" WHERE id = ANY($1::uuid[])`, [[ramah, nationalRunning]])).rows.map((r) => [r.id, r.name]),
    );
    const { items } = await notifications.listNotifications(evaluator(), { show: "all", page: 1 }, "id");
    const cycleNames = items.map((i) => i.cycleName);
    expect(cycleNames).toContain(names.get(ramah));
    expect(cycleNames).toContain(names.get(nationalRunning));
  });
});
