import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

describe("award rules as data the admin edits", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let rules: typeof import("@/lib/server/results/award-rules");
  let published: typeof import("@/lib/server/results/published");
  let actors: Record<string, CurrentUser>;
  let cycleId: string;

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    rules = await import("@/lib/server/results/award-rules");
    published = await import("@/lib/server/results/published");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    cycleId = (await client.query(`SELECT id FROM "Cycle" WHERE status = 'FINALISED' ORDER BY year DESC LIMIT 1`)).rows[0].id;
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  const admin = () => actors["admin@pekppp.test"]!;
  const name = { id: "Terbaik Kota", en: "Best cities" };

  it("stores the admin's rules, applies them to eligibility at once, audits the change, and goes back to the defaults", async () => {
    const shipped = (await rules.loadAwardRulesForAdmin(admin()))!;
    expect(shipped.source).toBe("default");
    const before = (await published.loadPublishedAwards(cycleId))!;
    expect(before.rules.map((r) => r.id)).toEqual(shipped.rules.map((r) => r.id));

    const saved = await rules.saveAwardRules(admin(), { rules: [{ id: "top-kota", kind: "TOP_N", group: "KOTA", n: 1, name }], expectedUpdatedAt: null });
    const after = (await published.loadPublishedAwards(cycleId))!;
    expect(after.rules.map((r) => r.id)).toEqual(["top-kota"]);
    const winners = after.eligibility.get("top-kota")!;
    expect(winners.length).toBeGreaterThanOrEqual(1);
    expect(winners.every((w) => w.reason.values.rank === 1)).toBe(true);
    const audit = await client.query(`SELECT action, after FROM "AuditEvent" WHERE action = 'awards.rules.update' ORDER BY "occurredAt" DESC LIMIT 1`);
    expect(audit.rows[0].after).toEqual([{ id: "top-kota", kind: "TOP_N", group: "KOTA", n: 1, name }]);

    // A form based on the shipped rules (or on an older save) is refused and changes nothing.
    await expect(rules.saveAwardRules(admin(), { rules: shipped.rules, expectedUpdatedAt: null })).rejects.toMatchObject({ messageKey: "errors.conflict" });
    expect((await rules.loadAwardRulesForAdmin(admin()))!.rules).toHaveLength(1);

    await rules.resetAwardRules(admin(), { expectedUpdatedAt: saved.updatedAt });
    expect((await rules.loadAwardRulesForAdmin(admin()))!.source).toBe("default");
    expect((await published.loadPublishedAwards(cycleId))!.rules.map((r) => r.id)).toEqual(shipped.rules.map((r) => r.id));
    const reset = await client.query(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'awards.rules.reset'`);
    expect(reset.rows[0].n).toBe(1);
  });

  it("refuses everybody but the admin, writing nothing", async () => {
    for (const email of ["pimpinan.palembang@pekppp.test", "evaluator.palembang@pekppp.test", "verifikator@pekppp.test"]) {
      expect(await rules.loadAwardRulesForAdmin(actors[email]!)).toBeNull();
      await expect(rules.saveAwardRules(actors[email]!, { rules: [{ id: "x", kind: "PROVINCE_BEST", name }], expectedUpdatedAt: null })).rejects.toMatchObject({
        messageKey: "errors.notFound",
      });
    }
    const stored = await client.query(`SELECT count(*)::int AS n FROM "AppSetting" WHERE key = 'awards.rules'`);
    expect(stored.rows[0].n).toBe(0);
  });

  /**
   * Issue 16: an institution running its own cycles sets award rules of its own. Kemenkes's Mandiri
   * cycle is made final and published here: its units alternate between grade A and grade A-.
   */
  describe("per owner: an institution's own rules for its own cycles", () => {
    let kemenkesId: string;
    let mandiriId: string;
    let nationalId: string;
    let unitsOfGrade: Record<string, number>;
    const kemenkesAdmin = () => actors["admin.kemenkes@pekppp.test"] as CurrentUser & { email: string };
    const sumselAdmin = () => actors["admin.sumsel@pekppp.test"] as CurrentUser & { email: string };
    const own = [
      { id: "unit-unggulan", kind: "GRADE" as const, subject: "LOCUS" as const, grade: "A-" as const, name: { id: "Unit Unggulan", en: "Leading unit" } },
    ];
    const ids = (list: readonly { id: string }[] | undefined) => list?.map((r) => r.id);
    const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];

    beforeAll(async () => {
      kemenkesId = (await one(`SELECT id FROM "Institution" WHERE code = 'KL-KEMENKES'`)).id;
      mandiriId = (await one(`SELECT id FROM "Cycle" WHERE "ownerInstitutionId" = $1 AND "programmeCode" = 'MANDIRI'`, [kemenkesId])).id;
      nationalId = (await one(`SELECT id FROM "Cycle" WHERE "ownerInstitutionId" IS NULL AND "publishedAt" IS NOT NULL ORDER BY year DESC LIMIT 1`)).id;
      await client.query(`UPDATE "Assessment" SET status = 'FINAL' WHERE "cycleId" = $1`, [mandiriId]);
      await client.query(
        `INSERT INTO "LocusResult" ("cycleId", "assessmentId", kind, "f02TenThousandths", "surveyRespondents", "indexNumerator", "indexDenominator", "indexPublished", grade)
         SELECT "cycleId", id, 'VERIFIED', 0, 0, n, 100, n::numeric / 100, CASE WHEN n = 480 THEN 'A' ELSE 'A-' END
         FROM (SELECT "cycleId", id, CASE WHEN row_number() OVER (ORDER BY id) % 2 = 1 THEN 480 ELSE 420 END AS n FROM "Assessment" WHERE "cycleId" = $1) units`,
        [mandiriId],
      );
      await client.query(
        `INSERT INTO "InstitutionResult" ("cycleId", "institutionId", kind, "lociCount", "indexNumerator", "indexDenominator", "indexPublished", grade)
         SELECT $1, $2, 'VERIFIED', count(*), sum("indexNumerator"), count(*) * 100, round(avg("indexPublished"), 2), 'A-' FROM "LocusResult" WHERE "cycleId" = $1`,
        [mandiriId, kemenkesId],
      );
      await client.query(`UPDATE "Cycle" SET status = 'FINALISED', "finalisedAt" = now(), "publishedAt" = now() WHERE id = $1`, [mandiriId]);
      const grades = await client.query(`SELECT grade, count(*)::int AS n FROM "LocusResult" WHERE "cycleId" = $1 GROUP BY grade`, [mandiriId]);
      unitsOfGrade = Object.fromEntries(grades.rows.map((r) => [r.grade, r.n]));
      expect(unitsOfGrade.A).toBeGreaterThan(0);
      expect(unitsOfGrade["A-"]).toBeGreaterThan(0);
    });

    it("shows the institution admin its own institution's editor, following the national rules until it saves its own", async () => {
      expect(rules.awardRulesOwnerOf(kemenkesAdmin())).toBe(kemenkesId);
      expect(rules.awardRulesOwnerOf(admin())).toBeNull();
      const editor = (await rules.loadAwardRulesForAdmin(kemenkesAdmin(), kemenkesId))!;
      expect(editor).toMatchObject({ owner: { id: kemenkesId, name: "Kementerian Kesehatan" }, source: "national", updatedAt: null });
      expect(ids(editor.rules)).toEqual(ids((await rules.loadAwardRulesForAdmin(admin()))!.rules));
      const awards = (await published.loadPublishedAwards(mandiriId))!;
      expect(awards.eligibility.get("prima-locus")).toHaveLength(unitsOfGrade.A!);
    });

    it("applies the institution's saved rules to its own cycle only, audited, and refuses a stale form", async () => {
      const saved = await rules.saveAwardRules(kemenkesAdmin(), { rules: own, expectedUpdatedAt: null, ownerInstitutionId: kemenkesId });
      const mandiri = (await published.loadPublishedAwards(mandiriId))!;
      expect(ids(mandiri.rules)).toEqual(["unit-unggulan"]);
      expect(mandiri.eligibility.get("unit-unggulan")).toHaveLength(unitsOfGrade["A-"]!);
      expect(mandiri.eligibility.get("unit-unggulan")!.every((e) => e.locus && e.institutionId === kemenkesId)).toBe(true);
      // The national cycle, and the correction's award differences of any ministry cycle, keep the national rules.
      const shippedIds = ids((await rules.loadAwardRulesForAdmin(admin()))!.rules);
      expect(ids((await published.loadPublishedAwards(nationalId))!.rules)).toEqual(shippedIds);
      expect(ids(await rules.loadAwardRulesForCycle(nationalId))).toEqual(shippedIds);
      expect(ids(await rules.loadAwardRulesForCycle(mandiriId))).toEqual(["unit-unggulan"]);
      expect((await rules.loadAwardRulesForAdmin(kemenkesAdmin(), kemenkesId))!).toMatchObject({ source: "institution", updatedAt: saved.updatedAt });

      const audit = await one(
        `SELECT "actorId", "entityType", "entityId", before, after FROM "AuditEvent" WHERE action = 'awards.rules.update' ORDER BY "occurredAt" DESC LIMIT 1`,
      );
      expect(audit).toMatchObject({ actorId: kemenkesAdmin().id, entityType: "InstitutionAwardRules", entityId: kemenkesId, after: own });
      expect(ids(audit.before)).toEqual(shippedIds);

      // A form based on no rules of its own, or on an older version, is refused and changes nothing.
      const stale = [null, new Date(Date.parse(saved.updatedAt) - 1000).toISOString()];
      for (const expectedUpdatedAt of stale) {
        await expect(
          rules.saveAwardRules(kemenkesAdmin(), { rules: [{ ...own[0]!, grade: "A" }], expectedUpdatedAt, ownerInstitutionId: kemenkesId }),
        ).rejects.toMatchObject({ messageKey: "errors.conflict" });
      }
      await expect(rules.resetAwardRules(kemenkesAdmin(), { expectedUpdatedAt: stale[1]!, ownerInstitutionId: kemenkesId })).rejects.toMatchObject({
        messageKey: "errors.conflict",
      });
      expect(ids(await rules.loadAwardRulesForCycle(mandiriId))).toEqual(["unit-unggulan"]);
      expect((await rules.loadAwardRulesForAdmin(kemenkesAdmin(), kemenkesId))!.rules[0]).toMatchObject({ grade: "A-" });
    });

    it("answers 'not found' to another institution's admin and to the national admin, and an institution admin on the national rules", async () => {
      const attempts: [CurrentUser & { email: string }, string | null][] = [
        [sumselAdmin(), kemenkesId],
        [admin(), kemenkesId],
        [kemenkesAdmin(), null],
        [sumselAdmin(), null],
      ];
      for (const [actor, ownerInstitutionId] of attempts) {
        expect(await rules.loadAwardRulesForAdmin(actor, ownerInstitutionId)).toBeNull();
        await expect(rules.saveAwardRules(actor, { rules: own, expectedUpdatedAt: null, ownerInstitutionId })).rejects.toMatchObject({
          messageKey: "errors.notFound",
        });
        await expect(rules.resetAwardRules(actor, { expectedUpdatedAt: new Date().toISOString(), ownerInstitutionId })).rejects.toMatchObject({
          messageKey: "errors.notFound",
        });
      }
      // An unknown institution is as unknown to its would-be admin.
      await expect(
        rules.saveAwardRules(
          { ...kemenkesAdmin(), institutionId: "00000000-0000-4000-8000-000000000000" },
          {
            rules: own,
            expectedUpdatedAt: null,
            ownerInstitutionId: "00000000-0000-4000-8000-000000000000",
          },
        ),
      ).rejects.toMatchObject({ messageKey: "errors.notFound" });
      expect((await one(`SELECT count(*)::int AS n FROM "InstitutionAwardRules"`)).n).toBe(1);
      expect((await one(`SELECT count(*)::int AS n FROM "AppSetting" WHERE key = 'awards.rules'`)).n).toBe(0);
      expect(ids(await rules.loadAwardRulesForCycle(mandiriId))).toEqual(["unit-unggulan"]);
    });

    it("goes back to the national rules on reset, audited, following a national change made meanwhile", async () => {
      const national = await rules.saveAwardRules(admin(), {
        rules: [{ id: "prima-locus", kind: "GRADE", subject: "LOCUS", grade: "A", name: { id: "Pelayanan Prima", en: "Excellent Service" } }],
        expectedUpdatedAt: null,
      });
      // The national change leaves the institution's own rules in force for its cycle.
      expect(ids((await published.loadPublishedAwards(mandiriId))!.rules)).toEqual(["unit-unggulan"]);
      expect(ids((await published.loadPublishedAwards(nationalId))!.rules)).toEqual(["prima-locus"]);

      const { updatedAt } = (await rules.loadAwardRulesForAdmin(kemenkesAdmin(), kemenkesId))!;
      await rules.resetAwardRules(kemenkesAdmin(), { expectedUpdatedAt: updatedAt!, ownerInstitutionId: kemenkesId });
      const mandiri = (await published.loadPublishedAwards(mandiriId))!;
      expect(ids(mandiri.rules)).toEqual(["prima-locus"]);
      expect(mandiri.eligibility.get("prima-locus")).toHaveLength(unitsOfGrade.A!);
      expect((await rules.loadAwardRulesForAdmin(kemenkesAdmin(), kemenkesId))!).toMatchObject({ source: "national", updatedAt: null });
      const audit = await one(
        `SELECT "entityType", "entityId", before, after FROM "AuditEvent" WHERE action = 'awards.rules.reset' ORDER BY "occurredAt" DESC LIMIT 1`,
      );
      expect(audit).toMatchObject({ entityType: "InstitutionAwardRules", entityId: kemenkesId, before: own });
      expect(ids(audit.after)).toEqual(["prima-locus"]);

      await rules.resetAwardRules(admin(), { expectedUpdatedAt: national.updatedAt });
    });
  });
});
