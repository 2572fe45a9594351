import { createHash } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classify } from "@/lib/domain/grades";
import { f03Score } from "@/lib/domain/scoring";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

type Survey = typeof import("@/lib/server/survey/survey");

const HOUR = 60 * 60_000;
const MINIMUM = 3;

describe("F-03 survey: links, public responses, limits and the minimum", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let layer: Survey;
  let actors: Record<string, CurrentUser>;
  let cycleId: string;
  /** Three Palembang loci of the running cycle: responses and limits, the minimum, a final one. */
  let answering: string;
  let counting: string;
  let finalised: string;
  let pastAssessment: string;
  let foreignVerifier: CurrentUser;
  let pastCycleVerifier: CurrentUser;

  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const count = async (sql: string, params: unknown[] = []) => Number((await one(sql, params)).n);
  const verifier = () => actors["verifikator@pekppp.test"]!;
  const admin = () => actors["admin@pekppp.test"]!;
  let browsers = 0;
  /** A respondent key as the action makes it: a fresh browser each call unless one is given. */
  const browser = (token: string, id = `browser-${(browsers += 1)}`) => layer.respondentKeyHash(token, id);
  const ratings = (value: number) => Array.from({ length: 14 }, (_, i) => (value + i) % 6);

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    layer = await import("@/lib/server/survey/survey");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    cycleId = (await one(`SELECT id FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL`)).id;
    const palembang = await client.query(
      `SELECT a.id FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
       WHERE a."cycleId" = $1 AND i.code = 'KOTA-16-PALEMBANG' ORDER BY l."serviceType"`,
      [cycleId],
    );
    [answering, counting, finalised] = palembang.rows.map((r) => r.id);
    // Known starting points: loci still collecting, no responses yet, and a small minimum.
    await client.query(`UPDATE "Assessment" SET status = 'SUBMITTED' WHERE id = ANY($1::uuid[])`, [[answering, counting, finalised]]);
    await client.query(`DELETE FROM "SurveyResponse" WHERE "assessmentId" = ANY($1::uuid[])`, [[answering, counting, finalised]]);
    await client.query(`UPDATE "Cycle" SET "minSurveyRespondents" = $2 WHERE id = $1`, [cycleId, MINIMUM]);
    pastAssessment = (
      await one(
        `SELECT a.id FROM "Assessment" a JOIN "Cycle" c ON c.id = a."cycleId" JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
       WHERE c.status <> 'ACTIVE' AND i.code = 'KOTA-16-PALEMBANG' LIMIT 1`,
      )
    ).id;

    // Two pool verifiers (they have no password; here they act through the data layer directly):
    // one assigned elsewhere, one assigned to Palembang in a past cycle only.
    const pool = await client.query(
      `SELECT u.id, u.name, u.email FROM "User" u WHERE u.role = 'VERIFIER' AND u.email <> 'verifikator@pekppp.test'
       AND NOT EXISTS (SELECT 1 FROM "VerifierAssignment" v JOIN "Institution" i ON i.id = v."institutionId" WHERE v."verifierId" = u.id AND i.code = 'KOTA-16-PALEMBANG')
       ORDER BY u.email LIMIT 2`,
    );
    const asActor = (row: { id: string; name: string; email: string }): CurrentUser => ({
      ...row,
      role: "VERIFIER",
      institutionId: null,
      institutionName: null,
      mustChangePassword: false,
      sessionId: "00000000-0000-4000-8000-000000000000",
    });
    foreignVerifier = asActor(pool.rows[0]);
    pastCycleVerifier = asActor(pool.rows[1]);
    await client.query(
      `INSERT INTO "VerifierAssignment" ("cycleId", "verifierId", "institutionId")
       SELECT c.id, $1, i.id FROM "Cycle" c, "Institution" i WHERE c.status <> 'ACTIVE' AND i.code = 'KOTA-16-PALEMBANG'`,
      [pastCycleVerifier.id],
    );
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  describe("links", () => {
    it("lets the assigned verifier open unguessable links, each audited with its locus", async () => {
      const first = await layer.createSurveyLink(verifier(), { assessmentId: answering });
      const second = await layer.createSurveyLink(verifier(), { assessmentId: answering, closesAt: new Date(Date.now() + 7 * 24 * HOUR) });
      for (const link of [first, second]) expect(link.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(first.token).not.toBe(second.token);
      expect(Object.keys(first)).not.toContain("url");

      const stored = await one(`SELECT "createdById", "closesAt", "closedAt" FROM "SurveyLink" WHERE id = $1`, [second.id]);
      expect(stored).toMatchObject({ createdById: verifier().id, closedAt: null });
      expect(stored.closesAt).toBeInstanceOf(Date);
      const audit = await one(`SELECT "actorId", "assessmentId", "entityId", after FROM "AuditEvent" WHERE action = 'surveyLink.create' AND "entityId" = $1`, [
        first.id,
      ]);
      expect(audit).toMatchObject({ actorId: verifier().id, assessmentId: answering, entityId: first.id, after: { closesAt: null } });
      // The audit trail is read by the locus's own evaluators: it names the link, not its key.
      expect(JSON.stringify(audit.after)).not.toContain(first.token);
    });

    it("lets an admin open a link on any locus", async () => {
      const link = await layer.createSurveyLink(admin(), { assessmentId: counting });
      expect(link.assessmentId).toBe(counting);
    });

    it("treats every other caller as not found and writes nothing", async () => {
      const links = await count(`SELECT count(*) AS n FROM "SurveyLink"`);
      const audits = await count(`SELECT count(*) AS n FROM "AuditEvent"`);
      const someLink = (await one(`SELECT id FROM "SurveyLink" WHERE "assessmentId" = $1 LIMIT 1`, [answering])).id;
      const outsiders = [
        foreignVerifier,
        pastCycleVerifier,
        // The locus's own evaluators manage its links (issue 18): see survey-reach.test.ts.
        actors["evaluator.kemenkes@pekppp.test"]!,
        actors["pimpinan.palembang@pekppp.test"]!,
      ];
      for (const outsider of outsiders) {
        await expect(layer.createSurveyLink(outsider, { assessmentId: answering }), outsider.email).rejects.toMatchObject({ messageKey: "errors.notFound" });
        await expect(layer.closeSurveyLink(outsider, someLink), outsider.email).rejects.toMatchObject({ messageKey: "errors.notFound" });
        expect(await layer.surveyStatusForAssessment(outsider, answering), outsider.email).toBeNull();
        expect((await layer.surveyStatusForAssessment(outsider, answering))?.links ?? null, outsider.email).toBeNull();
      }
      await expect(layer.createSurveyLink(verifier(), { assessmentId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({
        messageKey: "errors.notFound",
      });
      await expect(layer.closeSurveyLink(verifier(), "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ messageKey: "errors.notFound" });
      expect(await count(`SELECT count(*) AS n FROM "SurveyLink"`)).toBe(links);
      expect(await count(`SELECT count(*) AS n FROM "AuditEvent"`)).toBe(audits);
    });

    it("refuses a closing time in the past, and a locus whose cycle has ended", async () => {
      await expect(layer.createSurveyLink(verifier(), { assessmentId: answering, closesAt: new Date(Date.now() - 1000) })).rejects.toMatchObject({
        messageKey: "surveyAdmin.errors.closesInPast",
      });
      await expect(layer.createSurveyLink(admin(), { assessmentId: pastAssessment })).rejects.toMatchObject({ messageKey: "surveyAdmin.errors.notCollecting" });
    });

    it("closes one link now, leaves the locus's other links open, and records the change once", async () => {
      const keep = await layer.createSurveyLink(verifier(), { assessmentId: answering });
      const shut = await layer.createSurveyLink(verifier(), { assessmentId: answering });
      const closed = await layer.closeSurveyLink(verifier(), shut.id);
      expect(closed).toMatchObject({ id: shut.id, changed: true });
      expect(await layer.closeSurveyLink(verifier(), shut.id)).toMatchObject({ changed: false });
      expect(await count(`SELECT count(*) AS n FROM "AuditEvent" WHERE action = 'surveyLink.close' AND "entityId" = $1`, [shut.id])).toBe(1);
      const audit = await one(`SELECT "assessmentId", before, after FROM "AuditEvent" WHERE action = 'surveyLink.close' AND "entityId" = $1`, [shut.id]);
      expect(audit).toMatchObject({ assessmentId: answering, before: { closedAt: null }, after: { closedAt: closed.closedAt.toISOString() } });

      const links = ((await layer.surveyStatusForAssessment(verifier(), answering))?.links ?? null)!;
      expect(links.find((l) => l.id === shut.id)).toMatchObject({ state: "closed", closedAt: closed.closedAt.toISOString() });
      expect(links.find((l) => l.id === keep.id)).toMatchObject({ state: "open", closedAt: null });
      expect((await layer.loadPublicSurvey(shut.token)).state).toBe("closed");
      expect((await layer.loadPublicSurvey(keep.token)).state).toBe("open");
    });
  });

  describe("the public side", () => {
    let token: string;
    beforeAll(async () => {
      token = (await layer.createSurveyLink(verifier(), { assessmentId: answering })).token;
    });

    it("shows the unit, its institution and the cycle's 14 items in order for an open link", async () => {
      const survey = await layer.loadPublicSurvey(token);
      expect(survey).toMatchObject({ state: "open", institutionName: "Kota Palembang" });
      if (survey.state !== "open") throw new Error("expected an open survey");
      const expected = await client.query(
        `SELECT s.code, s.text FROM "SurveyItem" s JOIN "Cycle" c ON c."instrumentVersionId" = s."instrumentVersionId" WHERE c.id = $1 ORDER BY s.position`,
        [cycleId],
      );
      expect(survey.items).toEqual(expected.rows);
      expect(survey.items).toHaveLength(14);
      expect(survey.locusName).toBe((await one(`SELECT l.name FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a.id = $1`, [answering])).name);
    });

    it("does not know a token that does not exist or is malformed", async () => {
      expect(await layer.loadPublicSurvey("A".repeat(32))).toEqual({ state: "unknown" });
      expect(await layer.loadPublicSurvey("../../etc/passwd")).toEqual({ state: "unknown" });
      expect(await layer.submitSurveyResponse("A".repeat(32), { ratings: ratings(1) }, { respondentKeyHash: browser("x"), address: null })).toEqual({
        outcome: "unknown",
      });
    });

    it("stores a response with its ratings in item order, their sum and the hashed browser key", async () => {
      const key = browser(token, "respondent-one");
      expect(key).toBe(createHash("sha256").update(`${token}\nrespondent-one`).digest("hex"));
      const given = ratings(2);
      expect(await layer.submitSurveyResponse(token, { ratings: given }, { respondentKeyHash: key, address: "198.51.100.1" })).toEqual({ outcome: "ok" });
      const row = await one(
        `SELECT r."assessmentId", r.ratings, r."ratingSum", r."respondentKey" FROM "SurveyResponse" r JOIN "SurveyLink" l ON l.id = r."surveyLinkId" WHERE l.token = $1`,
        [token],
      );
      expect(row).toEqual({ assessmentId: answering, ratings: given, ratingSum: given.reduce((a, b) => a + b, 0), respondentKey: key });
    });

    it("answers a second response of the same browser with 'already', also when both arrive at once", async () => {
      const key = browser(token, "respondent-one");
      expect(await layer.submitSurveyResponse(token, { ratings: ratings(5) }, { respondentKeyHash: key, address: "198.51.100.1" })).toEqual({
        outcome: "already",
      });
      expect(await layer.loadPublicSurvey(token, { respondentKeyHash: key })).toMatchObject({ state: "answered" });
      expect(await layer.loadPublicSurvey(token, { respondentKeyHash: browser(token) })).toMatchObject({ state: "open" });

      const racing = browser(token);
      const outcomes = await Promise.all(
        [1, 2, 3].map((v) => layer.submitSurveyResponse(token, { ratings: ratings(v) }, { respondentKeyHash: racing, address: null })),
      );
      expect(outcomes.map((o) => o.outcome).sort()).toEqual(["already", "already", "ok"]);
      expect(await count(`SELECT count(*) AS n FROM "SurveyResponse" WHERE "respondentKey" = $1`, [racing])).toBe(1);
    });

    it("names the unrated items and refuses a wrong number of ratings, writing nothing", async () => {
      const before = await count(`SELECT count(*) AS n FROM "SurveyResponse"`);
      const partial: (number | null)[] = ratings(3);
      partial[0] = null;
      partial[9] = null;
      expect(await layer.submitSurveyResponse(token, { ratings: partial }, { respondentKeyHash: browser(token), address: null })).toEqual({
        outcome: "missing",
        missing: [1, 10],
      });
      await expect(
        layer.submitSurveyResponse(token, { ratings: ratings(3).slice(1) }, { respondentKeyHash: browser(token), address: null }),
      ).rejects.toMatchObject({ messageKey: "survey.errors.itemCount" });
      await expect(
        layer.submitSurveyResponse(token, { ratings: [...ratings(3), 4] }, { respondentKeyHash: browser(token), address: null }),
      ).rejects.toMatchObject({ messageKey: "survey.errors.itemCount" });
      expect(await count(`SELECT count(*) AS n FROM "SurveyResponse"`)).toBe(before);
    });

    it("refuses responses through a closed or expired link, or to a final locus, and writes nothing", async () => {
      const closed = await layer.createSurveyLink(verifier(), { assessmentId: answering });
      await layer.closeSurveyLink(verifier(), closed.id);
      const expired = await layer.createSurveyLink(verifier(), { assessmentId: answering, closesAt: new Date(Date.now() + HOUR) });
      await client.query(`UPDATE "SurveyLink" SET "closesAt" = now() - interval '1 minute' WHERE id = $1`, [expired.id]);
      const final = await layer.createSurveyLink(verifier(), { assessmentId: finalised });
      await client.query(`UPDATE "Assessment" SET status = 'FINAL' WHERE id = $1`, [finalised]);

      const before = await count(`SELECT count(*) AS n FROM "SurveyResponse"`);
      for (const link of [closed, expired, final]) {
        expect(await layer.loadPublicSurvey(link.token)).toMatchObject({ state: "closed", institutionName: "Kota Palembang" });
        expect(
          await layer.submitSurveyResponse(link.token, { ratings: ratings(4) }, { respondentKeyHash: browser(link.token), address: "198.51.100.2" }),
        ).toEqual({ outcome: "closed" });
      }
      expect(await count(`SELECT count(*) AS n FROM "SurveyResponse"`)).toBe(before);
      expect((await layer.surveyStatusForAssessment(verifier(), answering))?.links ?? null).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: expired.id, state: "expired" })]),
      );
      expect((await layer.surveyStatusForAssessment(verifier(), finalised))?.collecting).toBe(false);
      await expect(layer.createSurveyLink(verifier(), { assessmentId: finalised })).rejects.toMatchObject({ messageKey: "surveyAdmin.errors.notCollecting" });
    });
  });

  describe("the limit per client address", () => {
    const ADDRESS = "203.0.113.7";
    let token: string;
    let other: string;
    beforeAll(async () => {
      token = (await layer.createSurveyLink(verifier(), { assessmentId: answering })).token;
      other = (await layer.createSurveyLink(verifier(), { assessmentId: answering })).token;
    });
    const submitFrom = (address: string | null, at = new Date(), link = token) =>
      layer.submitSurveyResponse(link, { ratings: ratings(1) }, { respondentKeyHash: browser(link), address }, at);

    it("takes 20 responses an hour from one address, then refuses with the wait, writing nothing", async () => {
      const start = new Date();
      for (let i = 0; i < layer.SURVEY_ADDRESS_LIMIT.maxResponses; i += 1) {
        expect(await submitFrom(ADDRESS, new Date(start.getTime() + i * 60_000)), `response ${i + 1}`).toEqual({ outcome: "ok" });
      }
      const before = await count(`SELECT count(*) AS n FROM "SurveyResponse"`);
      const refused = await submitFrom(ADDRESS, new Date(start.getTime() + 30 * 60_000), other);
      expect(refused).toEqual({ outcome: "throttled", retryAfterSeconds: 30 * 60 });
      expect(await count(`SELECT count(*) AS n FROM "SurveyResponse"`)).toBe(before);
      const row = await one(`SELECT failures, "blockedUntil" FROM "SignInThrottle" WHERE key = $1`, [`survey-address:${ADDRESS}`]);
      expect(row).toEqual({ failures: 20, blockedUntil: new Date(start.getTime() + HOUR) });

      // Other addresses, and requests without a known address, are not affected.
      expect(await submitFrom("203.0.113.8", new Date(start.getTime() + 30 * 60_000))).toEqual({ outcome: "ok" });
      expect(await submitFrom(null, new Date(start.getTime() + 30 * 60_000))).toEqual({ outcome: "ok" });
      // After the hour the address starts a new window.
      expect(await submitFrom(ADDRESS, new Date(start.getTime() + HOUR))).toEqual({ outcome: "ok" });
      expect(await one(`SELECT failures FROM "SignInThrottle" WHERE key = $1`, [`survey-address:${ADDRESS}`])).toEqual({ failures: 1 });
    });

    it("counts an IPv6 client by its /64 network and never touches the sign-in counters", async () => {
      expect(layer.surveyAddressKey("2001:DB8:0:12::1")).toBe("survey-address:2001:db8:0:12::/64");
      expect(layer.surveyAddressKey("2001:db8:0:12:abcd:ef01:2345:6789")).toBe("survey-address:2001:db8:0:12::/64");
      expect(layer.surveyAddressKey("::ffff:198.51.100.9")).toBe("survey-address:198.51.100.9");
      expect(await submitFrom("2001:db8:0:12::1")).toEqual({ outcome: "ok" });
      expect(await submitFrom("2001:db8:0:12::2")).toEqual({ outcome: "ok" });
      expect(await one(`SELECT failures FROM "SignInThrottle" WHERE key = 'survey-address:2001:db8:0:12::/64'`)).toEqual({ failures: 2 });
      expect(await count(`SELECT count(*) AS n FROM "SignInThrottle" WHERE key LIKE 'address:%'`)).toBe(0);
    });

    it("tells a browser that has answered 'already' even while its address is limited", async () => {
      const start = new Date();
      const key = browser(other, "answered-before-the-limit");
      expect(await layer.submitSurveyResponse(other, { ratings: ratings(2) }, { respondentKeyHash: key, address: "203.0.113.9" }, start)).toEqual({
        outcome: "ok",
      });
      for (let i = 1; i < layer.SURVEY_ADDRESS_LIMIT.maxResponses; i += 1) await submitFrom("203.0.113.9", start, other);
      expect(await submitFrom("203.0.113.9", start, other)).toMatchObject({ outcome: "throttled" });
      expect(await layer.submitSurveyResponse(other, { ratings: ratings(2) }, { respondentKeyHash: key, address: "203.0.113.9" }, start)).toEqual({
        outcome: "already",
      });
    });
  });

  describe("respondents against the cycle's minimum", () => {
    it(`counts every response of the locus and includes F-03 from exactly ${MINIMUM} respondents on`, async () => {
      const first = await layer.createSurveyLink(verifier(), { assessmentId: counting });
      const second = await layer.createSurveyLink(verifier(), { assessmentId: counting });
      const given: number[][] = [];
      const answer = async (token: string, value: number) => {
        given.push(ratings(value));
        expect(await layer.submitSurveyResponse(token, { ratings: ratings(value) }, { respondentKeyHash: browser(token), address: null })).toEqual({
          outcome: "ok",
        });
      };

      const empty = (await layer.surveyStatusForAssessment(verifier(), counting))!;
      expect(empty).toMatchObject({ respondents: 0, minimum: MINIMUM, f03Included: false, f03Published: null, f02SharePercent: 75, collecting: true });

      await answer(first.token, 1);
      await answer(second.token, 4);
      const below = (await layer.surveyStatusForAssessment(verifier(), counting))!;
      expect(below).toMatchObject({ respondents: MINIMUM - 1, f03Included: false });

      await answer(first.token, 5);
      const reached = (await layer.surveyStatusForAssessment(admin(), counting))!;
      expect(reached).toMatchObject({ respondents: MINIMUM, minimum: MINIMUM, f03Included: true });
      expect(reached.f03Published).toBe(classify(f03Score(given).score!).published);
      const perLink = Object.fromEntries(reached.links.map((l) => [l.id, l.responses]));
      expect(perLink).toMatchObject({ [first.id]: 2, [second.id]: 1 });
      const ours = reached.links.filter((l) => l.id === first.id || l.id === second.id);
      expect(ours.map((l) => [l.state, l.createdByName])).toEqual([
        ["open", verifier().name],
        ["open", verifier().name],
      ]);

      // The minimum is the cycle's setting, read every time.
      await client.query(`UPDATE "Cycle" SET "minSurveyRespondents" = $2 WHERE id = $1`, [cycleId, MINIMUM + 1]);
      expect(await layer.surveyStatusForAssessment(verifier(), counting)).toMatchObject({ respondents: MINIMUM, minimum: MINIMUM + 1, f03Included: false });
      await client.query(`UPDATE "Cycle" SET "minSurveyRespondents" = $2 WHERE id = $1`, [cycleId, MINIMUM]);
    });
  });
});
