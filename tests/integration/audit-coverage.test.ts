import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { scanWrites } from "./support/audit-scan";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

/**
 * Writes that are not a user-visible change, so they carry no audit record. Each entry's writes
 * are excused for its callers too (a server action that reaches only these writes needs no audit).
 * Keep this list short, and say why.
 */
const NOT_AUDITED = new Map<string, string>([
  // When an archived cycle's evidence finished moving to cold storage (the operator's script): where
  // files lie, no score or status. The archive itself, and the request to move, are audited (cycle.archive).
  ["lib/server/cycle/cold-storage.ts#moveArchivedEvidenceToColdStorage", "evidence moved to cold storage"],
  // Failed sign-in counters (table SignInThrottle): bookkeeping of the throttle. The sign-in, the
  // failed sign-in and the throttled attempt themselves are audited by lib/server/auth/config.ts.
  ["lib/server/auth/sign-in-throttle-store.ts#recordSignInFailure", "sign-in throttle counters"],
  ["lib/server/auth/sign-in-throttle-store.ts#clearSignInFailures", "sign-in throttle counters"],
  // The session row opened at sign-in (and the user's ended rows cleared with it): bookkeeping of
  // the session itself. The sign-in is audited by lib/server/auth/config.ts, the sign-out by
  // endUserSession, a password change or "end all sessions" by their own records.
  ["lib/server/auth/sessions.ts#startUserSession", "session rows opened at sign-in"],
  // A public, account-less F-03 response: the stored response is itself the record (who is never
  // known, by design: only a hash of link and browser), and its address counter is bookkeeping.
  ["lib/server/survey/survey.ts#submitSurveyResponse", "anonymous survey response and its address counter"],
  // Stored results are derived data, recomputed from the audited changes (approval, finalisation)
  // and always equal to a fresh computation; no one decides them.
  ["lib/server/results/recompute.ts#recomputeCycleResults", "derived results, recomputed"],
  ["lib/server/results/cycle-results.ts#replaceCycleResults", "derived results, recomputed"],
  // The incremental recompute of one locus and its institution (issue 17), inside the audited change's transaction.
  ["lib/server/results/recompute-locus.ts#recomputeLocusResults", "derived results, recomputed"],
  ["lib/server/results/cycle-results.ts#insertLocusResults", "derived results, recomputed"],
  ["lib/server/results/cycle-results.ts#insertInstitutionResults", "derived results, recomputed"],
  ["lib/server/results/cycle-results.ts#bumpResultsGeneration", "the cache generation of derived results"],
  // The calibration's counted answers (issue 18): derived from the verified answers, rebuilt when the
  // cycle's results generation moves (an audited approval, appeal or correction); no one decides them.
  ["lib/server/calibration/facts.ts#ensureCalibrationFacts", "derived calibration counts, recounted"],
  // The evidence pre-check's flags (issue 18): derived from the audited submission's data by fixed
  // rules, replaced at each submission; no one decides them.
  ["lib/server/pre-check/store.ts#storePreCheck", "derived pre-check flags, recomputed"],
  ["lib/server/pre-check/store.ts#storePreCheckAfterSubmit", "derived pre-check flags, recomputed"],
  // A reader's own inbox: marking notifications read changes nothing anyone else sees.
  ["lib/server/notifications/notifications.ts#markNotificationsRead", "a reader's own read marks"],
  ["lib/server/notifications/notifications.ts#markAllNotificationsRead", "a reader's own read marks"],
  ["lib/server/notifications/notifications.ts#openNotification", "a reader's own read marks"],
  // The notification worker: what it writes follows from audited changes and the stage dates (the
  // reminders, the digests), or is the delivery's own bookkeeping (status, attempts, last error),
  // shown in the outbox; an admin's resend is audited.
  ["lib/server/notifications/delivery.ts#deliverOutboxBatch", "delivery status of outbox messages"],
  ["lib/server/notifications/reminders.ts#writeDueReminders", "deadline reminders from the stage dates"],
  ["lib/server/notifications/digest.ts#writeDigests", "daily digests of written notifications"],
  // The read API's rate-limit counters (table ApiRateWindow): bookkeeping of the limit; the token's
  // use is recorded by authenticateApiToken (lastUsedAt and an hourly apiToken.used row).
  ["lib/server/api/rate-limit.ts#consumeRate", "read API rate-limit counters"],
]);

/** The only places that write "AuditEvent" directly; everything else goes through `audit`. */
const DIRECT_AUDIT_WRITERS = [
  "lib/server/audit/record.ts#audit",
  // The autosave: answer and audit row in one statement, for speed (see the comment there).
  "lib/server/assessment/self-assessment.ts#trySaveInOneStatement",
  "lib/server/assessment/self-assessment.ts#saveWithDiagnosis",
];

const isServerAction = (key: string) => /^lib\/server\/[^/]+\/(?:[\w-]+-)?actions\.ts#/.test(key);

describe("every change leaves an audit record", () => {
  describe("static check of lib/ and app/", () => {
    const scan = scanWrites(ROOT, new Set(NOT_AUDITED.keys()));
    /**
     * The entry points: exported functions, server actions and route handlers. A function whose
     * first parameter is a transaction is a step of its caller's change and the caller is checked
     * (its writes count as the caller's).
     */
    const entryPoints = [...scan.units.values()].filter((u) => u.exported && !u.firstParamIsTx && !NOT_AUDITED.has(u.key));

    it("sees the writes (the scan is not blind)", () => {
      const writing = entryPoints.filter((u) => scan.writesOf(u.key).length > 0);
      expect(writing.length).toBeGreaterThan(60);
      // Every server action that changes something, through the data function it calls.
      const actions = writing.filter((u) => isServerAction(u.key)).map((u) => u.name);
      expect(actions).toEqual(
        expect.arrayContaining([
          "createUserAction",
          "updateUserAction",
          "issueTemporaryPasswordAction",
          "setVerifierAssignmentsAction",
          "assignInstitutionsAction",
          "bulkAssignAction",
          "unassignAction",
          "changePasswordAction",
          "endAllSessionsAction",
          "submitSelfAssessmentAction",
          "reopenAssessmentAction",
          "removeEvidenceAction",
          "createCycleAction",
          "updateCycleStagesAction",
          "updateCycleSettingsAction",
          "addMissingLociAction",
          "changeCycleStatusAction",
          "setCyclePublicationAction",
          "createFollowUpAction",
          "updateFollowUpAction",
          "reviewFollowUpAction",
          "removeFollowUpEvidenceAction",
          "copyInstrumentVersionAction",
          "saveInstrumentVersionAction",
          "createInstitutionAction",
          "updateInstitutionAction",
          "createLocusAction",
          "updateLocusAction",
          "saveAwardRulesAction",
          "resetAwardRulesAction",
          "createSurveyLinkAction",
          "closeSurveyLinkAction",
          "startReviewAction",
          "returnForRevisionAction",
          "approveAction",
          "createRecommendationAction",
          "finaliseCycleAction",
        ]),
      );
    });

    it("finds no exported function, server action or route handler that writes without reaching `audit`", () => {
      const unaudited = entryPoints
        .filter((u) => scan.writesOf(u.key).length > 0 && !scan.auditsOf(u.key))
        .map((u) => `${u.key}: ${scan.writesOf(u.key).join(", ")}`);
      expect(unaudited, "audit the change with audit(tx, actor, …) in its transaction, or add it to NOT_AUDITED with the reason").toEqual([]);
    });

    it("writes audit rows only through lib/server/audit/record.ts (and the autosave's single statement)", () => {
      const direct = [...scan.units.values()].filter((u) => u.auditWrites.length > 0).map((u) => u.key);
      expect(direct.sort()).toEqual([...DIRECT_AUDIT_WRITERS].sort());
    });

    it("keeps the allow-list honest: every entry exists and writes", () => {
      const bare = scanWrites(ROOT);
      for (const key of NOT_AUDITED.keys()) expect(bare.writesOf(key), key).not.toEqual([]);
    });

    it("flags a made-up data function that writes without an audit, and passes it once audited", () => {
      const file = "lib/server/made-up/things.ts";
      const source = (auditLine: string) => `
        import { audit } from "../audit/record";
        import { db } from "../db/client";
        async function step(tx: Tx, id: string) { await tx.thing.update({ where: { id }, data: { done: true } }); }
        export async function finishThing(actor: Actor, id: string) {
          return db.$transaction(async (tx) => { await step(tx, id); ${auditLine} });
        }
        export async function renameThing(id: string) { await db.$executeRaw\`UPDATE "Thing" SET name = 'x' WHERE id = \${id}\`; }
        export async function readThing(id: string) { return db.thing.findUnique({ where: { id } }); }`;
      const flagged = (auditLine: string) => {
        const made = scanWrites(ROOT, new Set(), [{ file, source: source(auditLine) }]);
        return ["finishThing", "renameThing", "readThing"].filter((name) => made.writesOf(`${file}#${name}`).length > 0 && !made.auditsOf(`${file}#${name}`));
      };
      expect(flagged("")).toEqual(["finishThing", "renameThing"]);
      expect(flagged(`await audit(tx, actor, { action: "thing.finish", entityType: "Thing", entityId: id });`)).toEqual(["renameThing"]);
    });
  });

  describe("at run time", () => {
    let database: Awaited<ReturnType<typeof useSeededDatabase>>;
    let client: pg.Client;
    let actors: Record<string, CurrentUser>;
    let record: typeof import("@/lib/server/audit/record");
    let db: typeof import("@/lib/server/db/client").db;
    let cycleId: string;

    const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
    const admin = () => actors["admin@pekppp.test"]!;
    const lastId = async () => BigInt((await one(`SELECT coalesce(max(id), 0)::text AS id FROM "AuditEvent"`)).id);
    const rowsAfter = async (id: bigint) =>
      (
        await client.query(
          `SELECT "actorId", "actorLabel", action, "entityType", "entityId", "assessmentId", before, after, "ipAddress", "userAgent"
         FROM "AuditEvent" WHERE id > $1 ORDER BY id`,
          [id.toString()],
        )
      ).rows;

    /** Runs one mutation and returns the audit rows it wrote; it must write at least one `action`. */
    async function audited(action: string, change: () => Promise<unknown>) {
      const before = await lastId();
      await change();
      const rows = await rowsAfter(before);
      expect(
        rows.map((r) => r.action),
        `${action} wrote no audit record`,
      ).toContain(action);
      return rows;
    }

    beforeAll(async () => {
      database = await useSeededDatabase();
      configureServerEnvironment(database.url);
      record = await import("@/lib/server/audit/record");
      ({ db } = await import("@/lib/server/db/client"));
      client = new pg.Client({ connectionString: database.url });
      await client.connect();
      actors = await loadDemoActors(client);
      cycleId = (await one(`SELECT id FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL`)).id;
    });
    afterAll(async () => {
      await client?.end();
      if (database) await closeServerLayer(database);
    });

    it("audit() writes one entry, or a list in order, in one call; an empty list writes nothing", async () => {
      const actor = { id: admin().id, email: admin().email };
      const assessmentId = (await one(`SELECT id FROM "Assessment" WHERE "cycleId" = $1 LIMIT 1`, [cycleId])).id;
      let start = await lastId();
      await record.audit(db, actor, { action: "test.one", entityType: "Test", entityId: "a", assessmentId, before: { n: 1 }, after: { n: 2, list: ["x"] } });
      expect(await rowsAfter(start)).toEqual([
        {
          actorId: actor.id,
          actorLabel: actor.email,
          action: "test.one",
          entityType: "Test",
          entityId: "a",
          assessmentId,
          before: { n: 1 },
          after: { n: 2, list: ["x"] },
          ipAddress: null,
          userAgent: null,
        },
      ]);

      start = await lastId();
      await record.audit(db, actor, [
        { action: "test.b", entityType: "Test" },
        { action: "test.a", entityType: "Test", after: "text" },
        { action: "test.c", entityType: "Test", after: 3 },
      ]);
      expect((await rowsAfter(start)).map((r) => [r.action, r.entityId, r.assessmentId, r.before, r.after])).toEqual([
        ["test.b", null, null, null, null],
        ["test.a", null, null, null, "text"],
        ["test.c", null, null, null, 3],
      ]);

      start = await lastId();
      await record.audit(db, actor, []);
      expect(await rowsAfter(start)).toEqual([]);
    });

    it("audit() records the system (null) and an anonymous label without an actor id", async () => {
      const start = await lastId();
      await record.audit(db, null, { action: "test.system", entityType: "Test" });
      await record.audit(db, { id: null, email: "typed@example.test" }, { action: "test.anonymous", entityType: "Test" });
      expect((await rowsAfter(start)).map((r) => [r.action, r.actorId, r.actorLabel])).toEqual([
        ["test.system", null, ""],
        ["test.anonymous", null, "typed@example.test"],
      ]);
    });

    it("audit() commits or rolls back with the caller's transaction", async () => {
      const start = await lastId();
      await expect(
        db.$transaction(async (tx) => {
          await record.audit(tx, null, { action: "test.rolledBack", entityType: "Test" });
          throw new Error("the change fails");
        }),
      ).rejects.toThrow("the change fails");
      expect(await rowsAfter(start)).toEqual([]);
    });

    it("a user change: createUser and endOwnSessions", async () => {
      const users = await import("@/lib/server/users/users");
      const [created] = await audited("user.create", () =>
        users.createUser(admin(), { email: "audit.coverage@pekppp.test", name: "Audit Coverage", role: "VERIFIER", institutionId: undefined }),
      );
      expect(created).toMatchObject({ actorId: admin().id, actorLabel: admin().email, entityType: "User" });
      await audited("user.sessions-end", () => users.endOwnSessions(admin()));
    });

    it("a registry change: createInstitution", async () => {
      const registry = await import("@/lib/server/registry/institutions");
      await audited("institution.create", () => registry.createInstitution(admin(), { code: "AUDIT-KL-UJI", name: "Kementerian Uji Audit", type: "KL" }));
    });

    it("award rules: save, then reset", async () => {
      const rules = await import("@/lib/server/results/award-rules");
      let updatedAt = "";
      await audited("awards.rules.update", async () => {
        ({ updatedAt } = await rules.saveAwardRules(admin(), {
          rules: [{ id: "top-kota", kind: "TOP_N", group: "KOTA", n: 1, name: { id: "Kota terbaik", en: "Best city" } }],
          expectedUpdatedAt: null,
        }));
      });
      await audited("awards.rules.reset", () => rules.resetAwardRules(admin(), { expectedUpdatedAt: updatedAt }));
    });

    it("a bulk assignment: one record per institution changed, in institution order", async () => {
      const assignments = await import("@/lib/server/users/assignments");
      const verifier = await one(`SELECT id FROM "User" WHERE email = 'verifikator01@pekppp.test'`);
      const free = (
        await client.query(
          `SELECT i.id FROM "Institution" i WHERE NOT EXISTS (SELECT 1 FROM "VerifierAssignment" a WHERE a."institutionId" = i.id AND a."cycleId" = $1 AND a."verifierId" = $2)
         ORDER BY i.id LIMIT 2`,
          [cycleId, verifier.id],
        )
      ).rows.map((r) => r.id as string);
      const rows = await audited("assignment.add", async () => {
        expect(await assignments.assignInstitutions(admin(), { cycleId, verifierId: verifier.id, institutionIds: free, mode: "add" })).toMatchObject({
          changed: 2,
        });
      });
      const changed = rows.filter((r) => r.entityType === "VerifierAssignment");
      expect(changed.map((r) => r.entityId)).toEqual(free.map((id) => `${cycleId}:${id}`));
      for (const r of changed)
        expect(r).toMatchObject({ actorId: admin().id, actorLabel: admin().email, action: expect.stringMatching(/^assignment\.(add|move)$/) });
    });

    it("the autosave (its own single statement) writes the same columns, and a refused save through audit()", async () => {
      const self = await import("@/lib/server/assessment/self-assessment");
      const evaluator = actors["evaluator.palembang@pekppp.test"]!;
      const draftId = (
        await one(
          `SELECT a.id FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
         WHERE a."cycleId" = $1 AND i.code = 'KOTA-16-PALEMBANG' AND a.status = 'DRAFT' LIMIT 1`,
          [cycleId],
        )
      ).id;
      const base = (
        await one(
          `SELECT coalesce(max(s.version), 0) AS v FROM "SelfAnswer" s JOIN "InstrumentIndicator" i ON i.id = s."indicatorId" WHERE s."assessmentId" = $1 AND i.code = '1.a.Ak'`,
          [draftId],
        )
      ).v;
      const [saved] = await audited("selfAnswer.save", () =>
        self.saveSelfAnswer(evaluator, draftId, { indicatorCode: "1.a.Ak", level: 3, justification: "Audit coverage.", baseVersion: base }),
      );
      expect(saved).toMatchObject({
        actorId: evaluator.id,
        actorLabel: evaluator.email,
        entityType: "SelfAnswer",
        entityId: `${draftId}:1.a.Ak`,
        assessmentId: draftId,
        after: { level: 3, justification: "Audit coverage.", version: base + 1 },
        ipAddress: null,
        userAgent: null,
      });
      const [refused] = await audited("selfAnswer.conflict", () =>
        self.saveSelfAnswer(evaluator, draftId, { indicatorCode: "1.a.Ak", level: 1, justification: "Stale.", baseVersion: base }),
      );
      expect(refused).toMatchObject({
        actorId: evaluator.id,
        actorLabel: evaluator.email,
        entityType: "SelfAnswer",
        entityId: `${draftId}:1.a.Ak`,
        assessmentId: draftId,
        before: { level: 3, version: base + 1 },
        after: { level: 1, baseVersion: base, refused: true },
      });
    });

    it("a verifier's decision: startReview", async () => {
      const review = await import("@/lib/server/verification/review");
      const submittedId = (
        await one(
          `SELECT a.id FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
         WHERE a."cycleId" = $1 AND i.code = 'KOTA-16-PALEMBANG' AND a.status <> 'DRAFT' ORDER BY l."serviceType" LIMIT 1`,
          [cycleId],
        )
      ).id;
      await client.query(`UPDATE "Assessment" SET status = 'SUBMITTED' WHERE id = $1`, [submittedId]);
      const [started] = await audited("assessment.startReview", () => review.startReview(actors["verifikator@pekppp.test"]!, submittedId));
      expect(started).toMatchObject({ assessmentId: submittedId, before: { status: "SUBMITTED" }, after: { status: "IN_REVIEW" } });
    });
  });
});
