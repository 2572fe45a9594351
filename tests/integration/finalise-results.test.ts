import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

describe("finalising a cycle stores results that include everything a verified locus received after its approval", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let verification: typeof import("@/lib/server/verification/review");
  let survey: typeof import("@/lib/server/survey/survey");
  let actors: Record<string, CurrentUser>;
  let cycleId: string;
  let locusId: string;

  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const storedRespondents = async () =>
    (await one(`SELECT "surveyRespondents" FROM "LocusResult" WHERE "assessmentId" = $1 AND kind = 'VERIFIED'`, [locusId])).surveyRespondents as number;

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    verification = await import("@/lib/server/verification/review");
    survey = await import("@/lib/server/survey/survey");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    cycleId = (await one(`SELECT id FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL`)).id;
    locusId = (
      await one(
        `SELECT a.id FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
       WHERE a."cycleId" = $1 AND i.code = 'KOTA-16-PALEMBANG' AND l."serviceType" = 'JASA'`,
        [cycleId],
      )
    ).id;
    await client.query(`UPDATE "Assessment" SET status = 'IN_REVIEW', round = round + 1 WHERE id = $1`, [locusId]);
    await client.query(`DELETE FROM "VerifiedAnswer" WHERE "assessmentId" = $1`, [locusId]);
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  it("counts an F-03 response that arrived between approval and finalisation in the stored locus result", async () => {
    const verifier = actors["verifikator@pekppp.test"]!;
    const codes = (
      await client.query(
        `SELECT i.code FROM "InstrumentIndicator" i JOIN "Cycle" c ON c."instrumentVersionId" = i."instrumentVersionId" WHERE c.id = $1 AND i.weight > 0 ORDER BY i.position`,
        [cycleId],
      )
    ).rows.map((r) => r.code as string);
    for (const code of codes) await verification.saveVerifiedAnswer(verifier, locusId, { indicatorCode: code, level: 3, note: "Sesuai.", baseVersion: 0 });
    expect(await verification.approveAssessment(verifier, locusId)).toEqual({ status: "VERIFIED" });
    const atApproval = await storedRespondents();

    // The locus is verified but not final: the survey still takes responses for it.
    const link = await survey.createSurveyLink(verifier, { assessmentId: locusId });
    const items = (
      await one(`SELECT count(*)::int AS n FROM "SurveyItem" s JOIN "Cycle" c ON c."instrumentVersionId" = s."instrumentVersionId" WHERE c.id = $1`, [cycleId])
    ).n as number;
    expect(await survey.submitSurveyResponse(link.token, { ratings: Array(items).fill(5) }, { respondentKeyHash: "f".repeat(64), address: null })).toEqual({
      outcome: "ok",
    });
    const responses = (await one(`SELECT count(*)::int AS n FROM "SurveyResponse" WHERE "assessmentId" = $1`, [locusId])).n as number;
    expect(responses).toBe(atApproval + 1);
    // Stored with the response itself (issue 17: the late response recomputes its verified locus).
    expect(await storedRespondents()).toBe(responses);

    await client.query(
      `UPDATE "CycleStage" SET "startsAt" = now() - interval '1 day', "endsAt" = now() + interval '10 days' WHERE "cycleId" = $1 AND kind = 'FINALISATION'`,
      [cycleId],
    );
    await verification.finaliseCycle(actors["admin@pekppp.test"]!, cycleId);
    expect((await one(`SELECT status FROM "Assessment" WHERE id = $1`, [locusId])).status).toBe("FINAL");
    expect(await storedRespondents()).toBe(responses);
  });
});
