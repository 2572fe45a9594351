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
});
