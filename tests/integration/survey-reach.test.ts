import pg from "pg";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

type Survey = typeof import("@/lib/server/survey/survey");
type Poster = typeof import("@/lib/server/survey/poster");

/** F-03 reach (issue 18): the unit's own evaluators open and close their loci's links and see the counts; the A4 poster. */
describe("F-03 reach: evaluators' own links, and the poster", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let survey: Survey;
  let poster: Poster;
  let evaluator: CurrentUser;
  let foreignEvaluator: CurrentUser;
  let assessmentId: string;
  let locusName: string;

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    survey = await import("@/lib/server/survey/survey");
    poster = await import("@/lib/server/survey/poster");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const actors = await loadDemoActors(client);
    evaluator = actors["evaluator.palembang@pekppp.test"]!;
    foreignEvaluator = actors["evaluator.kemenkes@pekppp.test"]!;
    const row = (
      await client.query(
        `SELECT a.id, l.name FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId" JOIN "Cycle" c ON c.id = a."cycleId"
          WHERE c.status = 'ACTIVE' AND i.code = 'KOTA-16-PALEMBANG' ORDER BY l.name LIMIT 1`,
      )
    ).rows[0];
    assessmentId = row.id;
    locusName = row.name;
    await client.query(`UPDATE "Assessment" SET status = 'SUBMITTED' WHERE id = $1`, [assessmentId]);
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  it("lets the locus's own evaluator open a link, see its response count, and close it; audited as the evaluator", async () => {
    const link = await survey.createSurveyLink(evaluator, { assessmentId });
    await client.query(
      `INSERT INTO "SurveyResponse" ("assessmentId", "surveyLinkId", ratings, "ratingSum") SELECT $1, $2, ratings, "ratingSum" FROM "SurveyResponse" LIMIT 2`,
      [assessmentId, link.id],
    );
    const status = (await survey.surveyStatusForAssessment(evaluator, assessmentId))!;
    expect(status.links.find((l) => l.id === link.id)).toMatchObject({ state: "open", responses: 2 });
    const closed = await survey.closeSurveyLink(evaluator, link.id);
    expect(closed.changed).toBe(true);
    const audit = (await client.query(`SELECT action FROM "AuditEvent" WHERE "entityId" = $1 AND "actorId" = $2 ORDER BY id`, [link.id, evaluator.id])).rows;
    expect(audit.map((a) => a.action)).toEqual(["surveyLink.create", "surveyLink.close"]);
  });

  it("answers an evaluator of another institution 'not found' and writes nothing", async () => {
    const link = await survey.createSurveyLink(evaluator, { assessmentId });
    const before = (await client.query(`SELECT count(*)::int AS n FROM "AuditEvent"`)).rows[0].n;
    await expect(survey.createSurveyLink(foreignEvaluator, { assessmentId })).rejects.toMatchObject({ messageKey: "errors.notFound" });
    await expect(survey.closeSurveyLink(foreignEvaluator, link.id)).rejects.toMatchObject({ messageKey: "errors.notFound" });
    expect(await survey.surveyStatusForAssessment(foreignEvaluator, assessmentId)).toBeNull();
    expect(await poster.loadSurveyPoster(foreignEvaluator, link.id)).toBeNull();
    expect((await client.query(`SELECT count(*)::int AS n FROM "AuditEvent"`)).rows[0].n).toBe(before);
    expect((await client.query(`SELECT "closedAt" FROM "SurveyLink" WHERE id = $1`, [link.id])).rows[0].closedAt).toBeNull();
  });

  it("makes an A4 poster PDF that holds the locus name, the link and the instructions in Bahasa Indonesia", async () => {
    const link = await survey.createSurveyLink(evaluator, { assessmentId });
    const data = (await poster.loadSurveyPoster(evaluator, link.id))!;
    expect(data).toMatchObject({ locusName, token: link.token });
    const url = `https://pekppp.contoh.go.id/survey/${link.token}`;
    const step = "Tekan Kirim. Pengisian hanya beberapa menit dan tidak memerlukan akun.";
    const pdf = await poster.renderSurveyPoster(data, url, (key) => (key === "step3" ? step : `[${key}]`));
    const document = await getDocumentProxy(new Uint8Array(pdf));
    const page = await document.getPage(1);
    const [width, height] = [page.view[2]!, page.view[3]!];
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    const { text } = await extractText(document, { mergePages: true });
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain(locusName);
    expect(flat.replace(/\s/g, "")).toContain(`pekppp.contoh.go.id/survey/${link.token}`);
    expect(flat).toContain(step);
  });
});
