import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

// The request headers the audit trail reads the address and user agent from (one "browser" per actor).
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined }),
}));
// As behind one trusted proxy, which forwards each browser's address in X-Forwarded-For.
process.env.TRUSTED_PROXY_HOPS = "1";
const from = (address: string, agent: string) => {
  request.headers = new Headers({ "x-forwarded-for": address, "user-agent": agent });
};

describe("a locus's history shows each role only what that role may read", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let actors: Record<string, CurrentUser>;
  let search: typeof import("@/lib/server/audit/search");
  let assessmentId: string;

  const NOTE = "Catatan kerja verifikator: bukti SK belum ditandatangani";
  const evaluator = () => actors["evaluator.palembang@pekppp.test"]!;
  const verifier = () => actors["verifikator@pekppp.test"]!;
  const admin = () => actors["admin@pekppp.test"]!;
  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    search = await import("@/lib/server/audit/search");
    const { saveSelfAnswer } = await import("@/lib/server/assessment/self-assessment");
    const review = await import("@/lib/server/verification/review");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    const cycleId = (await one(`SELECT id FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL`)).id;
    assessmentId = (
      await one(
        `SELECT a.id FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
         WHERE a."cycleId" = $1 AND i.code = 'KOTA-16-PALEMBANG' AND a.status = 'DRAFT'`,
        [cycleId],
      )
    ).id;

    // The unit saves an answer from its office, then (submission itself is tested elsewhere) the locus is submitted.
    from("10.1.1.1", "EvaluatorBrowser/1.0");
    const version = (
      await one(
        `SELECT coalesce(max(s.version), 0) AS v FROM "SelfAnswer" s JOIN "InstrumentIndicator" i ON i.id = s."indicatorId" WHERE s."assessmentId" = $1 AND i.code = '1.a.Ak'`,
        [assessmentId],
      )
    ).v as number;
    const saved = await saveSelfAnswer(evaluator(), assessmentId, { indicatorCode: "1.a.Ak", level: 4, justification: "SK tim ada.", baseVersion: version });
    expect(saved.ok).toBe(true);
    await client.query(`UPDATE "Assessment" SET status = 'SUBMITTED', "submittedAt" = now() WHERE id = $1`, [assessmentId]);

    // The verifier starts the review and saves a verified level with a working note: the locus is IN_REVIEW.
    from("10.2.2.2", "VerifierBrowser/2.0");
    await review.startReview(verifier(), assessmentId);
    const verified = await review.saveVerifiedAnswer(verifier(), assessmentId, { indicatorCode: "1.a.Ak", level: 2, note: NOTE, baseVersion: 0 });
    expect(verified.ok).toBe(true);
    request.headers = new Headers();
  });
  afterAll(async () => {
    await client?.end();
    if (database) await closeServerLayer(database);
  });

  it("stores everything: the trail itself keeps the verifier's note and both addresses", async () => {
    const stored = await client.query(`SELECT action, "ipAddress" FROM "AuditEvent" WHERE "assessmentId" = $1 ORDER BY id`, [assessmentId]);
    expect(stored.rows).toEqual(
      expect.arrayContaining([
        { action: "selfAnswer.save", ipAddress: "10.1.1.1" },
        { action: "assessment.startReview", ipAddress: "10.2.2.2" },
        { action: "verifiedAnswer.save", ipAddress: "10.2.2.2" },
      ]),
    );
    expect((await one(`SELECT status FROM "Assessment" WHERE id = $1`, [assessmentId])).status).toBe("IN_REVIEW");
  });

  it("hides the verifier's work in progress and the verifier's address from the evaluator while the locus is in review", async () => {
    const history = await search.listAssessmentHistory(evaluator(), assessmentId);
    const actions = history.map((e) => e.action);
    expect(actions).toContain("selfAnswer.save");
    expect(actions).toContain("assessment.startReview");
    expect(actions.filter((a) => a.startsWith("verifiedAnswer."))).toEqual([]);
    const text = JSON.stringify(history, (_, v) => (typeof v === "bigint" ? v.toString() : v));
    expect(text).not.toContain(NOTE);
    expect(text).not.toContain("10.2.2.2");
    expect(text).not.toContain("VerifierBrowser");
    // Its own records keep its own address.
    expect(history.find((e) => e.action === "selfAnswer.save")).toMatchObject({ ipAddress: "10.1.1.1", userAgent: "EvaluatorBrowser/1.0" });
    expect(history.find((e) => e.action === "assessment.startReview")).toMatchObject({ ipAddress: null, userAgent: null });
    // The same rule for a chosen set of records (the follow-up history's query).
    expect(await search.listEntityHistory(evaluator(), assessmentId, [`${assessmentId}:1.a.Ak`])).toEqual([
      expect.objectContaining({ action: "selfAnswer.save", ipAddress: "10.1.1.1" }),
    ]);
  });

  it("shows the verifier its own work, but not the evaluator's address", async () => {
    const history = await search.listAssessmentHistory(verifier(), assessmentId);
    expect(history.find((e) => e.action === "verifiedAnswer.save")).toMatchObject({ after: { note: NOTE }, ipAddress: "10.2.2.2" });
    expect(history.find((e) => e.action === "selfAnswer.save")).toMatchObject({ ipAddress: null, userAgent: null });
  });

  it("shows an admin everything, with every address", async () => {
    const history = await search.listAssessmentHistory(admin(), assessmentId);
    expect(history.find((e) => e.action === "verifiedAnswer.save")).toMatchObject({ after: { note: NOTE }, ipAddress: "10.2.2.2" });
    expect(history.find((e) => e.action === "selfAnswer.save")).toMatchObject({ ipAddress: "10.1.1.1" });
  });

  it("counts only readable records against the page size", async () => {
    const newest = await search.listAssessmentHistory(evaluator(), assessmentId, 1);
    expect(newest.map((e) => e.action)).toEqual(["assessment.startReview"]);
  });

  it("lets the evaluator read the verifier's levels and notes once the locus is verified, still without the verifier's address", async () => {
    await client.query(`UPDATE "Assessment" SET status = 'VERIFIED' WHERE id = $1`, [assessmentId]);
    try {
      const history = await search.listAssessmentHistory(evaluator(), assessmentId);
      expect(history.find((e) => e.action === "verifiedAnswer.save")).toMatchObject({ after: { note: NOTE }, ipAddress: null, userAgent: null });
    } finally {
      await client.query(`UPDATE "Assessment" SET status = 'IN_REVIEW' WHERE id = $1`, [assessmentId]);
    }
  });
});
