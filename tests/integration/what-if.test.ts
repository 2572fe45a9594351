import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromFraction, equals } from "@/lib/domain/rational";
import { f03FromWire, projectLocus } from "@/lib/domain/what-if";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

// The what-if planner's data (issue 18): the scope of whatIf.view in the query, the verifier's
// work hidden from the unit until the locus is verified, and a starting point that is exactly
// what the portal stores for a verified locus.

describe("what-if planner data", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let actors: Record<string, CurrentUser>;
  let planner: typeof import("@/lib/server/what-if/planner");
  const loci: Record<string, string> = {};
  let foreignLocus: string;

  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const head = () => actors["pimpinan.palembang@pekppp.test"]!;
  const evaluator = () => actors["evaluator.palembang@pekppp.test"]!;
  const verifier = () => actors["verifikator@pekppp.test"]!;

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    planner = await import("@/lib/server/what-if/planner");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    const rows = await client.query(
      `SELECT a.id, a.status FROM "Assessment" a JOIN "Cycle" c ON c.id = a."cycleId" JOIN "Locus" l ON l.id = a."locusId"
       JOIN "Institution" i ON i.id = l."institutionId" WHERE c.status = 'ACTIVE' AND i.code = 'KOTA-16-PALEMBANG'`,
    );
    for (const row of rows.rows) loci[row.status] = row.id;
    foreignLocus = (
      await one(
        `SELECT a.id FROM "Assessment" a JOIN "Cycle" c ON c.id = a."cycleId" JOIN "Locus" l ON l.id = a."locusId"
         WHERE c.status = 'ACTIVE' AND l."institutionId" <> $1 LIMIT 1`,
        [evaluator().institutionId],
      )
    ).id;
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  it("gives the head every locus of its own institution in the running cycle, and nothing to anyone else's", async () => {
    const view = await planner.loadInstitutionWhatIf(head());
    expect(view).not.toBeNull();
    expect(view!.loci.map((l) => l.id).sort()).toEqual(Object.values(loci).sort());
    expect(view!.settings).toMatchObject({ f02SharePercent: 75 });
    expect(await planner.loadInstitutionWhatIf(verifier())).toBeNull();
    expect(await planner.loadAssessmentWhatIf(evaluator(), foreignLocus)).toBeNull();
    expect(await planner.loadAssessmentWhatIf(head(), foreignLocus)).toBeNull();
  });

  it("starts the unit from its own levels while the verifier's work is in progress, and the verifier from its verified levels", async () => {
    const returned = loci.RETURNED!;
    const verified = await client.query(
      `SELECT i.code, v.level FROM "VerifiedAnswer" v JOIN "InstrumentIndicator" i ON i.id = v."indicatorId" WHERE v."assessmentId" = $1 AND v.level IS NOT NULL`,
      [returned],
    );
    expect(verified.rows.length).toBeGreaterThan(0);
    const self = await client.query(
      `SELECT i.code, s.level FROM "SelfAnswer" s JOIN "InstrumentIndicator" i ON i.id = s."indicatorId" WHERE s."assessmentId" = $1 AND s.level IS NOT NULL`,
      [returned],
    );
    const unit = await planner.loadAssessmentWhatIf(evaluator(), returned);
    expect(unit!.loci[0]!.basis).toBe("SELF");
    expect(unit!.loci[0]!.levels).toEqual(Object.fromEntries(self.rows.map((r) => [r.code, r.level])));

    const own = await planner.loadAssessmentWhatIf(verifier(), returned);
    expect(own).not.toBeNull();
    expect(own!.loci[0]!.basis).not.toBe("SELF");
    for (const row of verified.rows) expect(own!.loci[0]!.levels[row.code]).toBe(row.level);
  });

  it("starts a verified locus exactly where its stored result is", async () => {
    const id = loci.VERIFIED!;
    const stored = await one(
      `SELECT "indexNumerator"::text AS n, "indexDenominator"::text AS d, grade FROM "LocusResult" WHERE "assessmentId" = $1 AND kind = 'VERIFIED'`,
      [id],
    );
    const view = await planner.loadAssessmentWhatIf(head(), id);
    const locus = view!.loci[0]!;
    expect(locus.basis).toBe("VERIFIED");
    const start = projectLocus({ instrument: view!.instrument, settings: view!.settings, levels: locus.levels, f03: f03FromWire(locus.f03) });
    expect(equals(start.index.index, fromFraction(BigInt(stored.n), BigInt(stored.d)))).toBe(true);
    expect(start.classification.grade).toBe(stored.grade);
  });
});
