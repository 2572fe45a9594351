import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isOverdue, type STAGE_KINDS, wibDate } from "@/lib/domain/cycle";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

type Setup = typeof import("@/lib/server/cycle/setup");
type Status = typeof import("@/lib/server/cycle/status");
type Overview = typeof import("@/lib/server/cycle/overview");
type Versions = typeof import("@/lib/server/instrument/versions");

const DAY = 86_400_000;
const day = (offset: number) => wibDate(new Date(Date.now() + offset * DAY));

describe("running a cycle: create and copy, stage dates that gate every action, instrument versions, publication", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let setup: Setup;
  let status: Status;
  let overview: Overview;
  let versions: Versions;
  let actors: Record<string, CurrentUser>;
  let currentCycle: { id: string; year: number };
  let copiedId: string;

  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const admin = () => actors["admin@pekppp.test"]!;
  const evaluator = () => actors["evaluator.palembang@pekppp.test"]!;
  const verifier = () => actors["verifikator@pekppp.test"]!;
  const updatedAt = async (cycleId: string) => ((await one(`SELECT "updatedAt" FROM "Cycle" WHERE id = $1`, [cycleId])).updatedAt as Date).toISOString();
  const stagesOf = async (cycleId: string) =>
    (await client.query(`SELECT kind, "startsAt", "endsAt" FROM "CycleStage" WHERE "cycleId" = $1`, [cycleId])).rows as {
      kind: string;
      startsAt: Date;
      endsAt: Date;
    }[];
  /** The cycle's stage dates as the form sends them, with some stages replaced. */
  const formStages = async (cycleId: string, changes: Record<string, [string, string]>) =>
    (await stagesOf(cycleId)).map((s) => ({
      kind: s.kind as (typeof STAGE_KINDS)[number],
      startsOn: changes[s.kind]?.[0] ?? wibDate(s.startsAt),
      endsOn: changes[s.kind]?.[1] ?? wibDate(s.endsAt),
    }));
  const setStages = async (cycleId: string, changes: Record<string, [string, string]>) =>
    setup.updateCycleStages(admin(), { cycleId, expectedUpdatedAt: await updatedAt(cycleId), stages: await formStages(cycleId, changes) });
  const palembangLocus = async (cycleId: string, serviceType: string) =>
    (
      await one(
        `SELECT a.id FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
                WHERE a."cycleId" = $1 AND i.code = 'KOTA-16-PALEMBANG' AND l."serviceType" = $2`,
        [cycleId, serviceType],
      )
    ).id as string;

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    setup = await import("@/lib/server/cycle/setup");
    status = await import("@/lib/server/cycle/status");
    overview = await import("@/lib/server/cycle/overview");
    versions = await import("@/lib/server/instrument/versions");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    currentCycle = await one(`SELECT id, year FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL`);
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  describe("creating cycles", () => {
    it("copies the previous cycle's set-up into the next year: instrument, settings, stages a year later, and a draft per locus that took part", async () => {
      await client.query(`UPDATE "Cycle" SET "f02SharePercent" = 70, "minSurveyRespondents" = 12 WHERE id = $1`, [currentCycle.id]);
      // A locus that no longer runs is left out.
      const inactive = await one(
        `SELECT l.id FROM "Locus" l JOIN "Institution" i ON i.id = l."institutionId" WHERE i.code = 'KL-KEMENKES' AND l."serviceType" = 'BARANG'`,
      );
      await client.query(`UPDATE "Locus" SET "isActive" = false WHERE id = $1`, [inactive.id]);
      const year = currentCycle.year + 1;
      const created = await setup.createCycle(admin(), { from: "copy", year, name: `PEKPPP ${year}`, sourceCycleId: currentCycle.id });
      copiedId = created.id;

      const cycle = await one(`SELECT * FROM "Cycle" WHERE id = $1`, [copiedId]);
      const source = await one(`SELECT * FROM "Cycle" WHERE id = $1`, [currentCycle.id]);
      expect(cycle).toMatchObject({
        year,
        status: "PREPARATION",
        instrumentVersionId: source.instrumentVersionId,
        f02SharePercent: 70,
        minSurveyRespondents: 12,
        evidenceRequiredAboveZero: source.evidenceRequiredAboveZero,
        publishedAt: null,
      });
      const before = new Map((await stagesOf(currentCycle.id)).map((s) => [s.kind, s]));
      for (const stage of await stagesOf(copiedId)) {
        const old = before.get(stage.kind)!;
        expect(wibDate(stage.startsAt).slice(5)).toBe(wibDate(old.startsAt).slice(5));
        expect(Number(wibDate(stage.startsAt).slice(0, 4))).toBe(Number(wibDate(old.startsAt).slice(0, 4)) + 1);
      }
      const activeLoci = await one(
        // A ministry cycle takes the national loci (issue 16), of the institutions that took part.
        `SELECT count(*)::int AS n FROM "Locus" l WHERE l."isActive" AND l."nationalLocus" AND l."institutionId" IN (SELECT l2."institutionId" FROM "Assessment" a JOIN "Locus" l2 ON l2.id = a."locusId" WHERE a."cycleId" = $1)`,
        [currentCycle.id],
      );
      const assessments = await one(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'DRAFT' AND round = 1)::int AS drafts FROM "Assessment" WHERE "cycleId" = $1`,
        [copiedId],
      );
      expect(created.loci).toBe(activeLoci.n);
      expect(assessments).toEqual({ n: activeLoci.n, drafts: activeLoci.n });
      expect(await one(`SELECT count(*)::int AS n FROM "Assessment" WHERE "cycleId" = $1 AND "locusId" = $2`, [copiedId, inactive.id])).toEqual({ n: 0 });
      const audit = await one(`SELECT "actorId", after FROM "AuditEvent" WHERE action = 'cycle.copy' AND "entityId" = $1`, [copiedId]);
      expect(audit).toMatchObject({ actorId: admin().id, after: { copiedFrom: currentCycle.id, loci: activeLoci.n, f02SharePercent: 70 } });
    });

    it("copies the verifier assignments of the institutions taking part, in the same transaction, each institution audited", async () => {
      const copied = { id: copiedId };
      const year = currentCycle.year + 2;
      // A verifier account that was switched off, and an institution with no active locus left, stay behind.
      const gone = await one(`SELECT u.id FROM "User" u WHERE u.email = 'verifikator01@pekppp.test'`);
      const closed = await one(
        `SELECT va."institutionId" AS id FROM "VerifierAssignment" va JOIN "Institution" i ON i.id = va."institutionId"
         WHERE va."cycleId" = $1 AND va."verifierId" <> $2 AND i.code NOT IN ('KOTA-16-PALEMBANG', 'KL-KEMENKES') ORDER BY i.code LIMIT 1`,
        [copied.id, gone.id],
      );
      expect(await one(`SELECT count(*)::int AS n FROM "VerifierAssignment" WHERE "cycleId" = $1 AND "verifierId" = $2`, [copied.id, gone.id])).not.toEqual({
        n: 0,
      });
      await client.query(`UPDATE "User" SET "isActive" = false WHERE id = $1`, [gone.id]);
      await client.query(`UPDATE "Locus" SET "isActive" = false WHERE "institutionId" = $1`, [closed.id]);
      try {
        const created = await setup.createCycle(admin(), { from: "copy", year, name: `PEKPPP ${year}`, sourceCycleId: copied.id });
        const pairs = async (cycleId: string) =>
          (
            await client.query(`SELECT "institutionId" || ':' || "verifierId" AS pair FROM "VerifierAssignment" WHERE "cycleId" = $1 ORDER BY 1`, [cycleId])
          ).rows.map((r) => r.pair as string);
        const expected = (
          await client.query(
            `SELECT va."institutionId" || ':' || va."verifierId" AS pair FROM "VerifierAssignment" va
           WHERE va."cycleId" = $1 AND va."verifierId" <> $2 AND va."institutionId" <> $3 ORDER BY 1`,
            [copied.id, gone.id, closed.id],
          )
        ).rows.map((r) => r.pair as string);
        expect(expected.length).toBeGreaterThan(0);
        expect(await pairs(created.id)).toEqual(expected);
        expect(created.assignments).toBe(expected.length);
        // The demo verifier keeps Kota Palembang in the new cycle.
        expect(
          await one(
            `SELECT count(*)::int AS n FROM "VerifierAssignment" va JOIN "Institution" i ON i.id = va."institutionId" JOIN "User" u ON u.id = va."verifierId"
           WHERE va."cycleId" = $1 AND i.code = 'KOTA-16-PALEMBANG' AND u.email = 'verifikator@pekppp.test' AND va."assignedById" = $2`,
            [created.id, admin().id],
          ),
        ).toEqual({ n: 1 });

        const cycleAudit = await one(`SELECT after FROM "AuditEvent" WHERE action = 'cycle.copy' AND "entityId" = $1`, [created.id]);
        expect(cycleAudit.after.assignments).toBe(expected.length);
        const audits = (
          await client.query(
            `SELECT "entityId", "actorId", before, after FROM "AuditEvent" WHERE action = 'assignment.copy' AND "entityId" LIKE $1 ORDER BY "entityId"`,
            [`${created.id}:%`],
          )
        ).rows;
        const institutions = [...new Set(expected.map((pair) => pair.split(":")[0]!))].sort();
        expect(audits.map((a) => a.entityId)).toEqual(institutions.map((id) => `${created.id}:${id}`));
        for (const audit of audits) {
          const institutionId = audit.entityId.split(":")[1];
          expect(audit).toMatchObject({
            actorId: admin().id,
            before: { verifierIds: [] },
            after: {
              copiedFrom: copied.id,
              verifierIds: expected
                .filter((p) => p.startsWith(`${institutionId}:`))
                .map((p) => p.split(":")[1])
                .sort(),
            },
          });
        }

        // A cycle made from an instrument version starts with no assignments.
        const fresh = await setup.createCycle(admin(), {
          from: "instrument",
          year: 2040,
          name: "Tanpa penugasan 2040",
          instrumentVersionId: (await one(`SELECT "instrumentVersionId" FROM "Cycle" WHERE id = $1`, [copied.id])).instrumentVersionId,
          settings: { f02SharePercent: 75, minSurveyRespondents: 10, evidenceRequiredAboveZero: true },
        });
        expect(await pairs(fresh.id)).toEqual([]);
        // Gone again, so the rest of this file sees the four cycles it expects.
        await client.query(`DELETE FROM "Assessment" WHERE "cycleId" = ANY($1::uuid[])`, [[created.id, fresh.id]]);
        await client.query(`DELETE FROM "Cycle" WHERE id = ANY($1::uuid[])`, [[created.id, fresh.id]]);
      } finally {
        await client.query(`UPDATE "User" SET "isActive" = true WHERE id = $1`, [gone.id]);
        await client.query(`UPDATE "Locus" SET "isActive" = true WHERE "institutionId" = $1`, [closed.id]);
      }
    });

    it("refuses a second cycle of the same year and name, a copy into a year not after its source, and non-admins", async () => {
      const year = currentCycle.year + 1;
      await expect(setup.createCycle(admin(), { from: "copy", year, name: `PEKPPP ${year}`, sourceCycleId: currentCycle.id })).rejects.toMatchObject({
        messageKey: "cycleAdmin.errors.nameTaken",
      });
      await expect(
        setup.createCycle(admin(), { from: "copy", year: currentCycle.year, name: "Salinan", sourceCycleId: currentCycle.id }),
      ).rejects.toMatchObject({ messageKey: "cycleAdmin.errors.copyYear" });
      await expect(setup.createCycle(evaluator(), { from: "copy", year: year + 1, name: "X", sourceCycleId: currentCycle.id })).rejects.toMatchObject({
        messageKey: "errors.notFound",
      });
      expect(await one(`SELECT count(*)::int AS n FROM "Cycle" WHERE "ownerInstitutionId" IS NULL AND "programmeCode" = 'PEKPPP'`)).toEqual({ n: 4 });
    });

    it("creates a cycle on the second instrument with its own settings, the usual calendar, and every active locus", async () => {
      const rkr = await one(`SELECT id FROM "InstrumentVersion" WHERE code = 'RKR'`);
      const settings = { f02SharePercent: 100, minSurveyRespondents: 0, evidenceRequiredAboveZero: false };
      const created = await setup.createCycle(admin(), {
        from: "instrument",
        year: 2030,
        name: "Ramah Kelompok Rentan 2030",
        instrumentVersionId: rkr.id,
        settings,
      });
      expect(
        await one(`SELECT "instrumentVersionId", "f02SharePercent", "minSurveyRespondents", "evidenceRequiredAboveZero" FROM "Cycle" WHERE id = $1`, [
          created.id,
        ]),
      ).toEqual({ instrumentVersionId: rkr.id, ...settings });
      expect(created.loci).toBe((await one(`SELECT count(*)::int AS n FROM "Locus" WHERE "isActive" AND "nationalLocus"`)).n);
      const selfAssessment = (await stagesOf(created.id)).find((s) => s.kind === "SELF_ASSESSMENT")!;
      expect([wibDate(selfAssessment.startsAt), wibDate(selfAssessment.endsAt)]).toEqual(["2030-05-01", "2030-07-31"]);
      // Loci registered later join with one action; the others are left alone.
      expect(await setup.addMissingLoci(admin(), created.id)).toEqual({ added: 0 });
    });
  });

  describe("stage dates", () => {
    it("reports every problem of a schedule at once and writes nothing", async () => {
      const stamp = await updatedAt(copiedId);
      const outcome = await setup.updateCycleStages(admin(), {
        cycleId: copiedId,
        expectedUpdatedAt: stamp,
        stages: await formStages(copiedId, { SELF_ASSESSMENT: [day(10), day(5)], FINALISATION: [day(1), day(400)] }),
      });
      expect(outcome.saved).toBe(false);
      expect(outcome.saved ? [] : outcome.problems.map((p) => `${p.code}:${p.kind}`)).toEqual([
        "END_NOT_AFTER_START:SELF_ASSESSMENT",
        // Before the end of appeals, of verification and of the survey.
        "OUT_OF_ORDER:FINALISATION",
        "OUT_OF_ORDER:FINALISATION",
        "OUT_OF_ORDER:FINALISATION",
      ]);
      expect(await updatedAt(copiedId)).toBe(stamp);
    });

    it("saves a valid schedule with its audit, and refuses a save based on a stale form", async () => {
      const stamp = await updatedAt(copiedId);
      const stages = await formStages(copiedId, { SELF_ASSESSMENT: [day(-1), day(20)] });
      const saved = await setup.updateCycleStages(admin(), { cycleId: copiedId, expectedUpdatedAt: stamp, stages });
      expect(saved.saved).toBe(true);
      const selfAssessment = (await stagesOf(copiedId)).find((s) => s.kind === "SELF_ASSESSMENT")!;
      expect(wibDate(selfAssessment.endsAt)).toBe(day(20));
      const audit = await one(`SELECT before, after FROM "AuditEvent" WHERE action = 'cycle.stages' AND "entityId" = $1 ORDER BY id DESC LIMIT 1`, [copiedId]);
      expect(audit.after.stages).toHaveLength(7);
      expect(audit.before.stages).toHaveLength(7);
      await expect(setup.updateCycleStages(admin(), { cycleId: copiedId, expectedUpdatedAt: stamp, stages })).rejects.toMatchObject({
        messageKey: "errors.conflict",
      });
    });

    it("lets an evaluator edit and submit only inside the self-assessment dates the admin sets", async () => {
      const self = await import("@/lib/server/assessment/self-assessment");
      const locus = await palembangLocus(copiedId, "ADMINISTRATIF");
      const saved = await self.saveSelfAnswer(evaluator(), locus, { indicatorCode: "1.a.Ak", level: 3, justification: "SP ditetapkan.", baseVersion: 0 });
      expect(saved).toMatchObject({ ok: true, answer: { level: 3, version: 1 } });

      expect((await setStages(copiedId, { SELF_ASSESSMENT: [day(-10), day(-1)] })).saved).toBe(true);
      await expect(self.saveSelfAnswer(evaluator(), locus, { indicatorCode: "1.a.Ak", level: 4, justification: "", baseVersion: 1 })).rejects.toMatchObject({
        messageKey: "selfAssessment.ended",
      });
      await expect(self.submitSelfAssessment(evaluator(), locus)).rejects.toMatchObject({ messageKey: "selfAssessment.ended" });

      expect((await setStages(copiedId, { SELF_ASSESSMENT: [day(-10), day(3)] })).saved).toBe(true);
      expect(await self.saveSelfAnswer(evaluator(), locus, { indicatorCode: "1.a.Ak", level: 4, justification: "Dibuka lagi.", baseVersion: 1 })).toMatchObject(
        { ok: true },
      );
    });

    it("closes the F-03 survey outside its stage: no new link, and a response through an open link is refused", async () => {
      const survey = await import("@/lib/server/survey/survey");
      const locus = await palembangLocus(currentCycle.id, "JASA");
      const link = await survey.createSurveyLink(verifier(), { assessmentId: locus });
      const original = await formStages(currentCycle.id, {});
      expect((await setStages(currentCycle.id, { SELF_ASSESSMENT: [day(-120), day(30)], SURVEY: [day(-120), day(-1)] })).saved).toBe(true);
      await expect(survey.createSurveyLink(verifier(), { assessmentId: locus })).rejects.toMatchObject({ messageKey: "stageGate.surveyClosed" });
      const responses = await one(`SELECT count(*)::int AS n FROM "SurveyResponse" WHERE "assessmentId" = $1`, [locus]);
      expect(await survey.submitSurveyResponse(link.token, { ratings: Array(14).fill(4) }, { respondentKeyHash: "a".repeat(64), address: null })).toEqual({
        outcome: "closed",
      });
      expect(await one(`SELECT count(*)::int AS n FROM "SurveyResponse" WHERE "assessmentId" = $1`, [locus])).toEqual(responses);
      expect((await survey.surveyStatusForAssessment(admin(), locus))?.collecting).toBe(false);

      expect(
        (await setup.updateCycleStages(admin(), { cycleId: currentCycle.id, expectedUpdatedAt: await updatedAt(currentCycle.id), stages: original })).saved,
      ).toBe(true);
      expect(await survey.submitSurveyResponse(link.token, { ratings: Array(14).fill(4) }, { respondentKeyHash: "a".repeat(64), address: null })).toEqual({
        outcome: "ok",
      });
    });

    it("refuses verifier decisions outside the verification dates the admin sets", async () => {
      const verification = await import("@/lib/server/verification/review");
      const locus = await palembangLocus(currentCycle.id, "JASA");
      await client.query(`UPDATE "Assessment" SET status = 'SUBMITTED' WHERE id = $1`, [locus]);
      const original = await formStages(currentCycle.id, {});
      const over = await setStages(currentCycle.id, {
        SELF_ASSESSMENT: [day(-120), day(-2)],
        SURVEY: [day(-120), day(-1)],
        VERIFICATION: [day(-60), day(-1)],
        APPEAL: [day(-60), day(-1)],
      });
      expect(over.saved).toBe(true);
      await expect(verification.startReview(verifier(), locus)).rejects.toMatchObject({ messageKey: "verification.ended" });
      expect(
        (await setup.updateCycleStages(admin(), { cycleId: currentCycle.id, expectedUpdatedAt: await updatedAt(currentCycle.id), stages: original })).saved,
      ).toBe(true);
      expect(await verification.startReview(verifier(), locus)).toEqual({ status: "IN_REVIEW" });
    });
  });

  describe("instrument versions", () => {
    let draftVersion: string;

    it("keeps a version used by a running cycle read-only on the server", async () => {
      const codeA = await one(`SELECT id, "updatedAt" FROM "InstrumentVersion" WHERE code = 'PEKPPP-A'`);
      const view = await versions.getInstrumentVersion(admin(), codeA.id);
      expect(view?.readOnly).toBe(true);
      await expect(
        versions.saveInstrumentVersion(admin(), { versionId: codeA.id, expectedUpdatedAt: codeA.updatedAt.toISOString(), definition: view!.definition }),
      ).rejects.toMatchObject({ messageKey: "instrumentAdmin.errors.readOnly" });
    });

    it("copies a version under a free label into an editable one, with its audit", async () => {
      const codeA = await one(`SELECT id FROM "InstrumentVersion" WHERE code = 'PEKPPP-A'`);
      await expect(versions.copyInstrumentVersion(admin(), { sourceId: codeA.id, version: "2025.1" })).rejects.toMatchObject({
        messageKey: "instrumentAdmin.errors.versionTaken",
      });
      const copy = await versions.copyInstrumentVersion(admin(), { sourceId: codeA.id, version: "2027.1", name: "Instrumen Kode A 2027" });
      draftVersion = copy.id;
      const view = await versions.getInstrumentVersion(admin(), copy.id);
      expect(view).toMatchObject({ readOnly: false, cycles: [], definition: { code: "PEKPPP-A", version: "2027.1", name: "Instrumen Kode A 2027" } });
      const source = await versions.getInstrumentVersion(admin(), codeA.id);
      expect(view!.definition.aspects).toEqual(source!.definition.aspects);
      expect(await one(`SELECT action, after FROM "AuditEvent" WHERE "entityId" = $1`, [copy.id])).toMatchObject({
        action: "instrumentVersion.copy",
        after: { from: codeA.id, version: "2027.1" },
      });
    });

    it("refuses an edited instrument with every problem at once, and writes nothing", async () => {
      const view = (await versions.getInstrumentVersion(admin(), draftVersion))!;
      const edited = structuredClone(view.definition);
      edited.aspects[0]!.weight = 30; // aspects now sum to 106
      edited.aspects[1]!.indicators[1]!.code = edited.aspects[1]!.indicators[0]!.code; // duplicate code
      edited.aspects[2]!.indicators[0]!.levels.pop(); // level 5 missing
      const outcome = await versions.saveInstrumentVersion(admin(), { versionId: draftVersion, expectedUpdatedAt: view.updatedAt, definition: edited });
      expect(outcome.saved).toBe(false);
      expect(outcome.saved ? [] : outcome.problems.map((p) => p.code).sort()).toEqual(["ASPECT_WEIGHTS_SUM", "DUPLICATE_CODE", "MISSING_LEVEL"]);
      expect((await versions.getInstrumentVersion(admin(), draftVersion))!.definition).toEqual(view.definition);
    });

    it("saves a valid edit whole (weights, rubric texts, evidence hints, indicators), audited, and refuses a stale editor", async () => {
      const view = (await versions.getInstrumentVersion(admin(), draftVersion))!;
      const edited = structuredClone(view.definition);
      edited.aspects[0]!.weight = 20;
      edited.aspects[5]!.weight = 16;
      edited.aspects[5]!.indicators[0]!.levels[5]!.description = "Inovasi meraih penghargaan tingkat nasional.";
      edited.aspects[5]!.indicators[1]!.evidenceHint = "SK tim inovasi dan dokumen anggaran.";
      const removed = edited.aspects[4]!.indicators.pop()!;
      edited.aspects[4]!.indicators[0]!.weight += removed.weight;
      const outcome = await versions.saveInstrumentVersion(admin(), {
        versionId: draftVersion,
        expectedUpdatedAt: view.updatedAt,
        definition: { ...edited, code: "DIABAIKAN" },
      });
      expect(outcome.saved).toBe(true);
      const stored = (await versions.getInstrumentVersion(admin(), draftVersion))!;
      expect(stored.definition).toEqual(edited);
      expect(await one(`SELECT count(*)::int AS n FROM "InstrumentIndicator" WHERE "instrumentVersionId" = $1`, [draftVersion])).toEqual({ n: 30 });
      const audit = await one(`SELECT before, after FROM "AuditEvent" WHERE action = 'instrumentVersion.save' AND "entityId" = $1`, [draftVersion]);
      expect(audit.before.aspects[0].weight).toBe(24);
      expect(audit.after.aspects[0].weight).toBe(20);
      await expect(
        versions.saveInstrumentVersion(admin(), { versionId: draftVersion, expectedUpdatedAt: view.updatedAt, definition: edited }),
      ).rejects.toMatchObject({ messageKey: "errors.conflict" });
    });

    it("becomes read-only once a cycle using it reaches its self-assessment", async () => {
      const settings = { f02SharePercent: 75, minSurveyRespondents: 10, evidenceRequiredAboveZero: true };
      const cycle = await setup.createCycle(admin(), {
        from: "instrument",
        year: 2031,
        name: "Uji instrumen 2031",
        instrumentVersionId: draftVersion,
        settings,
      });
      expect((await versions.getInstrumentVersion(admin(), draftVersion))?.readOnly).toBe(false);
      await setStages(cycle.id, {
        SELF_ASSESSMENT: [day(-1), day(10)],
        SURVEY: [day(-1), day(20)],
        VERIFICATION: [day(0), day(30)],
        APPEAL: [day(0), day(30)],
        FINALISATION: [day(31), day(40)],
        PUBLICATION: [day(41), day(50)],
        FOLLOW_UP: [day(51), day(90)],
      });
      const view = (await versions.getInstrumentVersion(admin(), draftVersion))!;
      expect(view.readOnly).toBe(true);
      expect(await one(`SELECT "lockedAt" IS NOT NULL AS locked FROM "InstrumentVersion" WHERE id = $1`, [draftVersion])).toEqual({ locked: true });
      await expect(
        versions.saveInstrumentVersion(admin(), { versionId: draftVersion, expectedUpdatedAt: view.updatedAt, definition: view.definition }),
      ).rejects.toMatchObject({ messageKey: "instrumentAdmin.errors.readOnly" });
      // Moving the dates back does not unlock it: answers may already exist.
      await setStages(cycle.id, {
        SELF_ASSESSMENT: [day(100), day(110)],
        SURVEY: [day(100), day(120)],
        VERIFICATION: [day(100), day(130)],
        APPEAL: [day(100), day(130)],
        FINALISATION: [day(131), day(140)],
        PUBLICATION: [day(141), day(150)],
        FOLLOW_UP: [day(151), day(190)],
      });
      expect((await versions.getInstrumentVersion(admin(), draftVersion))?.readOnly).toBe(true);
    });
  });

  describe("status and publication", () => {
    it("starts only one cycle at a time, and closes a running one only once verification is done", async () => {
      await expect(
        status.changeCycleStatus(admin(), { cycleId: copiedId, expectedUpdatedAt: await updatedAt(copiedId), action: "START" }),
      ).rejects.toMatchObject({ messageKey: "cycleAdmin.refusal.ANOTHER_ACTIVE" });
      await expect(
        status.changeCycleStatus(admin(), { cycleId: currentCycle.id, expectedUpdatedAt: await updatedAt(currentCycle.id), action: "CLOSE" }),
      ).rejects.toMatchObject({ messageKey: "cycleAdmin.refusal.FINALISATION_NOT_STARTED" });
      await expect(
        status.changeCycleStatus(verifier(), { cycleId: copiedId, expectedUpdatedAt: await updatedAt(copiedId), action: "START" }),
      ).rejects.toMatchObject({ messageKey: "errors.notFound" });
    });

    it("unpublishes and republishes a finalised cycle, each audited, admin only", async () => {
      const past = await one(`SELECT id, "publishedAt" FROM "Cycle" WHERE status = 'FINALISED' ORDER BY year DESC LIMIT 1`);
      expect(past.publishedAt).not.toBeNull();
      await expect(
        status.setCyclePublication(verifier(), { cycleId: past.id, expectedUpdatedAt: await updatedAt(past.id), publish: false }),
      ).rejects.toMatchObject({ messageKey: "errors.notFound" });
      expect(await status.setCyclePublication(admin(), { cycleId: past.id, expectedUpdatedAt: await updatedAt(past.id), publish: false })).toMatchObject({
        publishedAt: null,
      });
      expect(await one(`SELECT count(*)::int AS n FROM "Cycle" WHERE "publishedAt" IS NOT NULL AND status = 'FINALISED' AND id = $1`, [past.id])).toEqual({
        n: 0,
      });
      const republished = await status.setCyclePublication(admin(), { cycleId: past.id, expectedUpdatedAt: await updatedAt(past.id), publish: true });
      expect(republished.publishedAt).not.toBeNull();
      const audits = (
        await client.query(`SELECT action, "actorId", before, after FROM "AuditEvent" WHERE "entityId" = $1 AND action LIKE 'cycle.%publish' ORDER BY id`, [
          past.id,
        ])
      ).rows;
      expect(audits).toEqual([
        { action: "cycle.unpublish", actorId: admin().id, before: { publishedAt: past.publishedAt.toISOString() }, after: { publishedAt: null } },
        { action: "cycle.publish", actorId: admin().id, before: { publishedAt: null }, after: { publishedAt: republished.publishedAt } },
      ]);
      await expect(status.setCyclePublication(admin(), { cycleId: past.id, expectedUpdatedAt: await updatedAt(past.id), publish: true })).rejects.toMatchObject(
        { messageKey: "cycleAdmin.refusal.ALREADY_PUBLISHED" },
      );
      await expect(
        status.setCyclePublication(admin(), { cycleId: currentCycle.id, expectedUpdatedAt: await updatedAt(currentCycle.id), publish: true }),
      ).rejects.toMatchObject({ messageKey: "cycleAdmin.refusal.WRONG_STATUS" });
    });

    it("closes a cycle once finalisation has begun and nothing is left with the verifiers, then publishes it", async () => {
      await client.query(`UPDATE "Assessment" SET status = 'FINAL' WHERE "cycleId" = $1 AND status IN ('SUBMITTED', 'IN_REVIEW', 'VERIFIED')`, [
        currentCycle.id,
      ]);
      const stages = {
        SELF_ASSESSMENT: [day(-200), day(-100)],
        SURVEY: [day(-200), day(-90)],
        VERIFICATION: [day(-150), day(-80)],
        APPEAL: [day(-150), day(-80)],
        FINALISATION: [day(-79), day(-10)],
        PUBLICATION: [day(5), day(20)],
        FOLLOW_UP: [day(21), day(300)],
      } as Record<string, [string, string]>;
      expect((await setStages(currentCycle.id, stages)).saved).toBe(true);
      expect(
        await status.changeCycleStatus(admin(), { cycleId: currentCycle.id, expectedUpdatedAt: await updatedAt(currentCycle.id), action: "CLOSE" }),
      ).toMatchObject({ status: "FINALISED" });
      await expect(
        status.setCyclePublication(admin(), { cycleId: currentCycle.id, expectedUpdatedAt: await updatedAt(currentCycle.id), publish: true }),
      ).rejects.toMatchObject({ messageKey: "cycleAdmin.refusal.PUBLICATION_NOT_STARTED" });
      expect(await one(`SELECT action, before, after FROM "AuditEvent" WHERE "entityId" = $1 AND action = 'cycle.close'`, [currentCycle.id])).toEqual({
        action: "cycle.close",
        before: { status: "ACTIVE" },
        after: { status: "FINALISED" },
      });
      // Finalised: its dates are fixed now.
      await expect(setStages(currentCycle.id, {})).rejects.toMatchObject({ messageKey: "cycleAdmin.errors.stagesFixed" });
      // And now the copied cycle may start.
      const started = await status.changeCycleStatus(admin(), { cycleId: copiedId, expectedUpdatedAt: await updatedAt(copiedId), action: "START" });
      expect(started.status).toBe("ACTIVE");
    });
  });

  describe("the overview", () => {
    it("counts every locus once per status and institution type", async () => {
      const matrix = (await overview.cycleStatusMatrix(admin(), copiedId))!;
      expect(matrix.total).toBe((await one(`SELECT count(*)::int AS n FROM "Assessment" WHERE "cycleId" = $1`, [copiedId])).n);
      expect(matrix.rows.reduce((s, r) => s + r.total, 0)).toBe(matrix.total);
      expect(await overview.cycleStatusMatrix(evaluator(), copiedId)).toBeNull();
    });

    it("finds exactly the loci the pure rule calls overdue", async () => {
      expect((await setStages(copiedId, { SELF_ASSESSMENT: [day(-10), day(-1)] })).saved).toBe(true);
      const [reopened, returned, reopeningOver] = (
        await client.query(`SELECT id FROM "Assessment" WHERE "cycleId" = $1 ORDER BY id LIMIT 3`, [copiedId])
      ).rows.map((r) => r.id);
      await client.query(`UPDATE "Assessment" SET "reopenedUntil" = now() + interval '2 days' WHERE id = $1`, [reopened]);
      // A reopening that has run out leaves its locus overdue again (the count subtracts running reopenings only).
      await client.query(`UPDATE "Assessment" SET "reopenedUntil" = now() - interval '1 day' WHERE id = $1`, [reopeningOver]);
      await client.query(`UPDATE "Assessment" SET status = 'SUBMITTED' WHERE id = $1`, [returned]);
      const now = new Date();
      const stage = (await stagesOf(copiedId)).find((s) => s.kind === "SELF_ASSESSMENT")!;
      const all = (await client.query(`SELECT id, status, "reopenedUntil" FROM "Assessment" WHERE "cycleId" = $1`, [copiedId])).rows;
      const expected = all
        .filter((a) => isOverdue(a.status, stage, a.reopenedUntil, now))
        .map((a) => a.id)
        .sort();
      const listed = await overview.listCycleLoci(admin(), copiedId, { overdue: true, page: 1 }, now);
      expect(listed.total).toBe(expected.length);
      expect(listed.overdueTotal).toBe(expected.length);
      expect(expected).not.toContain(reopened);
      expect(expected).not.toContain(returned);
      expect(expected).toContain(reopeningOver);
      expect(expected.length).toBe(all.length - 2);
      // Per status too: the kept count of that status less its running reopenings.
      for (const status of ["DRAFT", "RETURNED", "SUBMITTED"] as const) {
        const ofStatus = all.filter((a) => a.status === status && expected.includes(a.id)).length;
        expect((await overview.listCycleLoci(admin(), copiedId, { overdue: true, status, page: 1 }, now)).overdueTotal, status).toBe(ofStatus);
      }
      const pages = [];
      for (let page = 1; page <= listed.pages; page += 1)
        pages.push(...(await overview.listCycleLoci(admin(), copiedId, { overdue: true, page }, now)).rows.map((r) => r.id));
      expect(pages.sort()).toEqual(expected);
      // Before the self-assessment stage has ended nothing is overdue (the list skips the per-locus
      // test then), and the whole list's total is the kept count of the cycle's loci.
      const before = new Date(stage.endsAt.getTime() - 60_000);
      expect(all.filter((a) => isOverdue(a.status, stage, a.reopenedUntil, before))).toEqual([]);
      expect(await overview.listCycleLoci(admin(), copiedId, { overdue: true, page: 1 }, before)).toMatchObject({ rows: [], total: 0, overdueTotal: 0 });
      const whole = await overview.listCycleLoci(admin(), copiedId, { page: 1 }, before);
      expect([whole.total, whole.overdueTotal]).toEqual([all.length, 0]);
      const submitted = await overview.listCycleLoci(admin(), copiedId, { status: "SUBMITTED", page: 1 }, before);
      expect(submitted.total).toBe(all.filter((a) => a.status === "SUBMITTED").length);
    });

    it("searches the cycle's loci by institution name", async () => {
      const listed = await overview.listCycleLoci(admin(), copiedId, { q: "palembang", page: 1 });
      expect(listed.rows.length).toBeGreaterThanOrEqual(3);
      expect(listed.rows.every((r) => /palembang/i.test(r.institutionName) || /palembang/i.test(r.locusName))).toBe(true);
    });

    it("adds up each verifier's assigned institutions and loci by status", async () => {
      const workload = await overview.cycleVerifierWorkload(admin(), currentCycle.id);
      const demo = workload.find((w) => w.email === "verifikator@pekppp.test")!;
      const expected = await one(
        `SELECT count(DISTINCT va."institutionId")::int AS institutions, count(a.id)::int AS loci FROM "VerifierAssignment" va
         JOIN "Locus" l ON l."institutionId" = va."institutionId" JOIN "Assessment" a ON a."locusId" = l.id AND a."cycleId" = va."cycleId"
         WHERE va."cycleId" = $1 AND va."verifierId" = $2`,
        [currentCycle.id, demo.verifierId],
      );
      expect({ institutions: demo.institutions, loci: demo.loci }).toEqual(expected);
      expect(workload.reduce((s, w) => s + w.loci, 0)).toBe(
        (
          await one(
            `SELECT count(*)::int AS n FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "VerifierAssignment" va ON va."institutionId" = l."institutionId" AND va."cycleId" = a."cycleId" WHERE a."cycleId" = $1`,
            [currentCycle.id],
          )
        ).n,
      );
    });
  });
});
