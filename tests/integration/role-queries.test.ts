import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classify } from "@/lib/domain/grades";
import { fromFraction, type Rational } from "@/lib/domain/rational";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

type DataLayer = {
  assessments: typeof import("@/lib/server/assessment/queries");
  cycles: typeof import("@/lib/server/cycle/cycles");
  results: typeof import("@/lib/server/results/institution");
  queue: typeof import("@/lib/server/verification/queue");
};

describe("data queries per role, with the scope in the query", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let layer: DataLayer;
  let currentCycleId: string;
  const users: Record<string, CurrentUser> = {};

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    layer = {
      assessments: await import("@/lib/server/assessment/queries"),
      cycles: await import("@/lib/server/cycle/cycles"),
      results: await import("@/lib/server/results/institution"),
      queue: await import("@/lib/server/verification/queue"),
    };
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    Object.assign(users, await loadDemoActors(client));
    currentCycleId = (await client.query(`SELECT id FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL`)).rows[0].id;
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  const evaluator = () => users["evaluator.palembang@pekppp.test"]!;
  const otherEvaluator = () => users["evaluator.kemenkes@pekppp.test"]!;
  const verifier = () => users["verifikator@pekppp.test"]!;
  const head = () => users["pimpinan.palembang@pekppp.test"]!;
  const admin = () => users["admin@pekppp.test"]!;

  it("an evaluator sees exactly the three loci of its own institution", async () => {
    const loci = await layer.assessments.listLociForEvaluator(evaluator(), currentCycleId);
    expect(loci).toHaveLength(3);
    const institutions = await client.query(
      `SELECT DISTINCT l."institutionId" FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a.id = ANY($1::uuid[])`,
      [loci.map((l) => l.id)],
    );
    expect(institutions.rows).toEqual([{ institutionId: evaluator().institutionId }]);
    expect(loci.map((l) => l.status).sort()).toEqual(["DRAFT", "RETURNED", "VERIFIED"]);
    for (const locus of loci) expect(locus._count.selfAnswers).toBeLessThanOrEqual(30);
    // The progress counts (read for these loci only) equal counting the rows: scored answers, evidence not removed.
    const counted = await client.query<{ id: string; answered: number; evidence: number }>(
      `SELECT a.id,
              (SELECT count(*)::int FROM "SelfAnswer" s JOIN "InstrumentIndicator" i ON i.id = s."indicatorId" WHERE s."assessmentId" = a.id AND s.level IS NOT NULL AND i.weight > 0) AS answered,
              (SELECT count(*)::int FROM "EvidenceItem" e WHERE e."assessmentId" = a.id AND e."removedAt" IS NULL) AS evidence
       FROM "Assessment" a WHERE a.id = ANY($1::uuid[])`,
      [loci.map((l) => l.id)],
    );
    expect(loci.map((l) => [l.id, l._count.selfAnswers, l._count.evidence]).sort()).toEqual(counted.rows.map((r) => [r.id, r.answered, r.evidence]).sort());
    expect(loci.some((l) => l._count.selfAnswers > 0)).toBe(true);
  });

  it("two evaluators of different institutions share no locus", async () => {
    const mine = await layer.assessments.listLociForEvaluator(evaluator(), currentCycleId);
    const theirs = await layer.assessments.listLociForEvaluator(otherEvaluator(), currentCycleId);
    expect(theirs).toHaveLength(3);
    expect(mine.map((l) => l.id).filter((id) => theirs.some((t) => t.id === id))).toEqual([]);
  });

  it("a verifier sees the loci of the institutions assigned to it in the cycle, and no other", async () => {
    const queue = (await layer.queue.loadVerifierQueue(verifier(), currentCycleId, { page: 1 })).rows;
    const expected = await client.query(
      `SELECT a.id FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId"
       JOIN "VerifierAssignment" va ON va."institutionId" = l."institutionId" AND va."cycleId" = a."cycleId"
       WHERE a."cycleId" = $1 AND va."verifierId" = $2`,
      [currentCycleId, verifier().id],
    );
    expect(expected.rowCount).toBeGreaterThan(0);
    expect(queue.map((a) => a.id).sort()).toEqual(expected.rows.map((r) => r.id).sort());
  });

  it("roles that are not evaluators or verifiers get nothing from those queues", async () => {
    expect(await layer.assessments.listLociForEvaluator(head(), currentCycleId)).toEqual([]);
    expect((await layer.queue.loadVerifierQueue(evaluator(), currentCycleId, { page: 1 })).rows).toEqual([]);
  });

  it("a head gets its institution's verified index as the mean of its loci, graded from the rounded value", async () => {
    const results = await layer.results.loadHeadResults(head());
    const view = results?.finalised;
    expect(view).toBeTruthy();
    expect(view!.loci).toHaveLength(3);
    // Recompute the institution index by hand from the three locus indices.
    const indices = view!.loci.map((l) => l.result!.index.index);
    const sum = indices.reduce((s: Rational, r: Rational) =>
      fromFraction(s.numerator * r.denominator + r.numerator * s.denominator, s.denominator * r.denominator),
    );
    const mean = fromFraction(sum.numerator, sum.denominator * 3n);
    expect(view!.index).toEqual(classify(mean));
    expect(view!.cycle.year).toBe(new Date().getUTCFullYear() - 1);
  });

  it("another role asking for a head's result gets nothing", async () => {
    expect(await layer.results.loadHeadResults(evaluator())).toBeNull();
  });

  it("a head sees the running cycle's loci, with a result only for the verified ones and no index until all are", async () => {
    const current = (await layer.results.loadHeadResults(head()))!.current!;
    expect(current.cycle.status).toBe("ACTIVE");
    expect(current.loci.map((l) => [l.status, l.result !== null]).sort()).toEqual([
      ["DRAFT", false],
      ["RETURNED", false],
      ["VERIFIED", true],
    ]);
    expect(current.index).toBeNull();
  });

  it("only an admin lists the cycles", async () => {
    // The national PEKPPP cycles (the demo also has institutions' own cycles and a second programme, issue 16).
    const national = (await layer.cycles.listCyclesForAdmin(admin())).filter((c) => c.programmeCode === "PEKPPP" && c.ownerInstitutionId === null);
    expect(national.map((c) => c.status)).toEqual(["ACTIVE", "FINALISED", "FINALISED"]);
    expect(await layer.cycles.listCyclesForAdmin(evaluator())).toEqual([]);
  });
});
