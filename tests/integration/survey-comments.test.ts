import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SURVEY_COMMENT_MAX, ZSubmitSurvey } from "@/lib/schemas/survey";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

type Survey = typeof import("@/lib/server/survey/survey");

/**
 * Issue 19 item 11: the optional free-text comment of an F-03 response is stored with it, and it is
 * moderated out of public view: the institution's head and admins read it, nobody else, and no
 * public output (the survey page, published results) carries it.
 */
describe("F-03 survey comments", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let layer: Survey;
  let actors: Record<string, CurrentUser>;
  let assessmentId: string;
  let token: string;
  const COMMENT = "Antrean terlalu panjang pada pagi hari; mohon tambah loket.";
  const ratings = Array.from({ length: 14 }, (_, i) => i % 6);
  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    layer = await import("@/lib/server/survey/survey");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    assessmentId = (
      await one(
        `SELECT a.id FROM "Assessment" a JOIN "Cycle" c ON c.id = a."cycleId" JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
         WHERE c.status = 'ACTIVE' AND i.code = 'KOTA-16-PALEMBANG' ORDER BY l."serviceType" LIMIT 1`,
      )
    ).id;
    await client.query(`UPDATE "Assessment" SET status = 'SUBMITTED' WHERE id = $1`, [assessmentId]);
    token = (await layer.createSurveyLink(actors["verifikator@pekppp.test"]!, { assessmentId })).token;
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  it("stores a response's comment, and no comment for a blank one", async () => {
    const send = (comment: string | undefined, browser: string) =>
      layer.submitSurveyResponse(token, { ratings, comment }, { respondentKeyHash: layer.respondentKeyHash(token, browser), address: null });
    expect(await send(COMMENT, "b1")).toEqual({ outcome: "ok" });
    expect(await send("   ", "b2")).toEqual({ outcome: "ok" });
    expect(await send(undefined, "b3")).toEqual({ outcome: "ok" });
    const stored = await client.query(`SELECT comment FROM "SurveyResponse" WHERE "assessmentId" = $1 ORDER BY "createdAt", id`, [assessmentId]);
    expect(stored.rows.map((r) => r.comment).sort()).toEqual([COMMENT, null, null]);
  });

  it("bounds the comment in the form's schema and in the database", async () => {
    const base = { token, ratings };
    expect(ZSubmitSurvey.parse({ ...base, comment: `  ${COMMENT}  ` }).comment).toBe(COMMENT);
    expect(ZSubmitSurvey.parse({ ...base, comment: "  " }).comment).toBeUndefined();
    expect(ZSubmitSurvey.safeParse({ ...base, comment: "a".repeat(SURVEY_COMMENT_MAX) }).success).toBe(true);
    const long = ZSubmitSurvey.safeParse({ ...base, comment: "a".repeat(SURVEY_COMMENT_MAX + 1) });
    expect(long.success).toBe(false);
    expect(long.error?.issues[0]?.message).toBe("survey.errors.commentTooLong");
    expect(ZSubmitSurvey.safeParse({ ...base, comment: "nul\u0000" }).success).toBe(false);
    await expect(
      client.query(`INSERT INTO "SurveyResponse" ("assessmentId", ratings, "ratingSum", comment) VALUES ($1, $2, 0, $3)`, [
        assessmentId,
        ratings,
        "a".repeat(SURVEY_COMMENT_MAX + 1),
      ]),
    ).rejects.toThrow(/SurveyResponse_comment_length/);
  });

  it("lets the institution's head and admins read the comments, and nobody else", async () => {
    for (const reader of ["pimpinan.palembang@pekppp.test", "admin@pekppp.test"]) {
      expect(
        (await layer.listSurveyComments(actors[reader]!, assessmentId)).map((c) => c.comment),
        reader,
      ).toEqual([COMMENT]);
    }
    const otherHead: CurrentUser = {
      ...actors["pimpinan.palembang@pekppp.test"]!,
      id: "00000000-0000-4000-8000-0000000000aa",
      institutionId: (await one(`SELECT id FROM "Institution" WHERE code <> 'KOTA-16-PALEMBANG' LIMIT 1`)).id,
    };
    for (const reader of [actors["evaluator.palembang@pekppp.test"]!, actors["verifikator@pekppp.test"]!, otherHead]) {
      expect(await layer.listSurveyComments(reader, assessmentId), reader.email).toEqual([]);
    }
  });

  it("keeps the comments out of every public output and out of the verifier's survey panel", async () => {
    const publicSurvey = await layer.loadPublicSurvey(token);
    expect(JSON.stringify(publicSurvey)).not.toContain("Antrean");
    const panel = await layer.surveyStatusForAssessment(actors["verifikator@pekppp.test"]!, assessmentId);
    expect(panel).not.toBeNull();
    expect(JSON.stringify(panel)).not.toContain("Antrean");
    const { listPublishedCycles, loadPublishedResults } = await import("@/lib/server/results/published");
    for (const cycle of await listPublishedCycles())
      expect(JSON.stringify(await loadPublishedResults(cycle.id), (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain("Antrean");
  });
});
