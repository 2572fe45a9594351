import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

type FollowUp = typeof import("@/lib/server/follow-up/follow-ups");
type FollowUpEvidence = typeof import("@/lib/server/follow-up/evidence");
type Views = typeof import("@/lib/server/follow-up/views");
type Previous = typeof import("@/lib/server/follow-up/previous");
type Monitoring = typeof import("@/lib/server/follow-up/monitoring");
type Domain = typeof import("@/lib/domain/follow-up");

const PNG = new Uint8Array(Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64"));

describe("follow-up of recommendations: scope, versions, review and audit", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let layer: FollowUp;
  let evidence: FollowUpEvidence;
  let views: Views;
  let previous: Previous;
  let monitoring: Monitoring;
  let domain: Domain;
  let actors: Record<string, CurrentUser>;
  let storageDir: string;
  let previousCycleId: string;
  let currentAssessmentId: string;
  let recommendationId: string;
  let followUpId: string;

  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const evaluator = () => actors["evaluator.palembang@pekppp.test"]!;
  const foreignEvaluator = () => actors["evaluator.kemenkes@pekppp.test"]!;
  const verifier = () => actors["verifikator@pekppp.test"]!;
  const head = () => actors["pimpinan.palembang@pekppp.test"]!;
  const admin = () => actors["admin@pekppp.test"]!;
  /** A verifier of the portal who is not assigned to Palembang in any cycle. */
  const otherVerifier = async (): Promise<CurrentUser> => {
    const row = await one(`SELECT id, name, email FROM "User" WHERE email = 'verifikator01@pekppp.test'`);
    return { ...row, role: "VERIFIER", institutionId: null, institutionName: null, mustChangePassword: false };
  };
  const auditsOf = async (entityId: string) =>
    (await client.query(`SELECT action, "assessmentId", before, after FROM "AuditEvent" WHERE "entityId" = $1 ORDER BY id`, [entityId])).rows;
  const stateOf = (id: string) => one(`SELECT status, review, version, "reviewNote" FROM "FollowUpAction" WHERE id = $1`, [id]);
  const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    storageDir = await mkdtemp(path.join(tmpdir(), "pekppp-follow-up-"));
    process.env.EVIDENCE_DIR = storageDir;
    layer = await import("@/lib/server/follow-up/follow-ups");
    evidence = await import("@/lib/server/follow-up/evidence");
    views = await import("@/lib/server/follow-up/views");
    previous = await import("@/lib/server/follow-up/previous");
    monitoring = await import("@/lib/server/follow-up/monitoring");
    domain = await import("@/lib/domain/follow-up");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    const current = await one(`SELECT id, year FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL`);
    previousCycleId = (await one(`SELECT id FROM "Cycle" WHERE year = $1`, [current.year - 1])).id;
    const locus = `SELECT a.id, a."locusId" FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
      WHERE a."cycleId" = $1 AND i.code = 'KOTA-16-PALEMBANG' AND l."serviceType" = 'ADMINISTRATIF'`;
    const previousAssessment = await one(locus, [previousCycleId]);
    currentAssessmentId = (await one(locus, [current.id])).id;
    // Start from a recommendation without follow-up, due yesterday: open and overdue.
    recommendationId = (
      await one(`SELECT id FROM "Recommendation" WHERE "assessmentId" = $1 AND "indicatorId" IS NOT NULL ORDER BY "createdAt", id LIMIT 1`, [
        previousAssessment.id,
      ])
    ).id;
    await client.query(`DELETE FROM "FollowUpAction" WHERE "recommendationId" = $1`, [recommendationId]);
    await client.query(`UPDATE "Recommendation" SET status = 'OPEN', "targetDate" = $2::date WHERE id = $1`, [recommendationId, yesterday()]);
  });
  afterAll(async () => {
    delete process.env.EVIDENCE_DIR;
    await client.end();
    await closeServerLayer(database);
    await rm(storageDir, { recursive: true, force: true });
  });

  it("has demo data at every follow-up stage in the previous cycle, some of it overdue", async () => {
    const combos = await client.query(
      `SELECT DISTINCT f.status::text || '/' || f.review::text AS combo FROM "FollowUpAction" f
         JOIN "Recommendation" r ON r.id = f."recommendationId" JOIN "Assessment" a ON a.id = r."assessmentId" WHERE a."cycleId" = $1`,
      [previousCycleId],
    );
    expect(combos.rows.map((r) => r.combo).sort()).toEqual(["DONE/ACCEPTED", "DONE/MORE_REQUESTED", "DONE/PENDING", "IN_PROGRESS/ACCEPTED", "PLANNED/PENDING"]);
    const summary = await monitoring.loadFollowUpMonitoring(admin(), previousCycleId);
    expect(summary!.overall.overdue).toBeGreaterThan(0);
    expect(summary!.overall.completed).toBeGreaterThan(0);
    expect(summary!.overall.completed).toBeLessThan(summary!.overall.total);
  });

  const create = (actor: CurrentUser, status: "PLANNED" | "IN_PROGRESS" | "DONE" = "PLANNED", actionDate = yesterday()) =>
    layer.createFollowUp(actor, { recommendationId, description: "Menyusun SK penetapan standar pelayanan.", actionDate, status });

  it("lets only the evaluator of the locus's institution record a follow-up; others get not found", async () => {
    for (const actor of [foreignEvaluator(), head(), verifier(), admin()]) {
      await expect(create(actor)).rejects.toMatchObject({ messageKey: "errors.notFound" });
    }
    const created = await create(evaluator());
    followUpId = created.id;
    expect(created.version).toBe(1);
    expect(await stateOf(followUpId)).toMatchObject({ status: "PLANNED", review: "PENDING", version: 1 });
    const [audit] = await auditsOf(followUpId);
    expect(audit).toMatchObject({ action: "followUp.create", after: { recommendationId, status: "PLANNED", review: "PENDING" } });
    expect(audit.assessmentId).not.toBeNull();
  });

  it("refuses a DONE action dated in the future", async () => {
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    await expect(create(evaluator(), "DONE", tomorrow)).rejects.toMatchObject({ messageKey: "followUp.doneInFuture" });
  });

  it("refuses a change based on a stale version, and leaves the action as it was", async () => {
    const input = { followUpId, description: "Rapat penyusunan SP bersama unit.", actionDate: yesterday(), status: "IN_PROGRESS" as const };
    expect(await layer.updateFollowUp(evaluator(), { ...input, baseVersion: 1 })).toEqual({ id: followUpId, version: 2, recommendationId });
    await expect(layer.updateFollowUp(evaluator(), { ...input, description: "Versi lama yang tertimpa.", baseVersion: 1 })).rejects.toMatchObject({
      messageKey: "followUp.conflict",
    });
    await expect(layer.updateFollowUp(foreignEvaluator(), { ...input, baseVersion: 2 })).rejects.toMatchObject({ messageKey: "errors.notFound" });
    expect(await stateOf(followUpId)).toMatchObject({ status: "IN_PROGRESS", version: 2 });
    expect((await auditsOf(followUpId)).map((a) => a.action)).toEqual(["followUp.create", "followUp.update"]);
  });

  it("takes evidence with the self-assessment's rules, moves the version on and audits it", async () => {
    const file = await evidence.addFollowUpFileEvidence(evaluator(), { followUpId, originalName: "foto-rapat.png", bytes: PNG });
    expect(file).toMatchObject({ kind: "FILE", mimeType: "image/png", safeName: "foto-rapat.png" });
    const link = await evidence.addFollowUpLinkEvidence(evaluator(), { followUpId, url: "https://palembang.go.id/sp", title: "SP terbit" });
    expect(link).toMatchObject({ kind: "LINK", url: "https://palembang.go.id/sp" });
    await expect(evidence.addFollowUpLinkEvidence(evaluator(), { followUpId, url: "javascript:alert(1)" })).rejects.toMatchObject({
      messageKey: "evidence.linkInvalid",
    });
    await expect(
      evidence.addFollowUpFileEvidence(evaluator(), { followUpId, originalName: "x.exe", bytes: Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0]) }),
    ).rejects.toMatchObject({ messageKey: expect.stringMatching(/^evidence\./) });
    await expect(evidence.addFollowUpLinkEvidence(foreignEvaluator(), { followUpId, url: "https://x.go.id" })).rejects.toMatchObject({
      messageKey: "errors.notFound",
    });
    const row = await one(`SELECT "followUpActionId", "assessmentId", "storageKey" FROM "EvidenceItem" WHERE id = $1`, [file.id]);
    expect(row).toMatchObject({ followUpActionId: followUpId, assessmentId: null });
    expect(row.storageKey).toMatch(new RegExp(`^evidence/follow-up/${followUpId}/[0-9a-f-]{36}\\.png$`));
    expect(await stateOf(followUpId)).toMatchObject({ review: "PENDING", version: 4 });
    expect((await auditsOf(file.id)).map((a) => a.action)).toEqual(["followUp.evidenceAddFile"]);

    const { openEvidence } = await import("@/lib/server/assessment/evidence");
    for (const actor of [evaluator(), head(), verifier(), admin()])
      await expect(openEvidence(actor, file.id)).resolves.toMatchObject({ mimeType: "image/png" });
    await expect(openEvidence(foreignEvaluator(), file.id)).rejects.toMatchObject({ messageKey: "errors.notFound" });
    await expect(openEvidence(await otherVerifier(), file.id)).rejects.toMatchObject({ messageKey: "errors.notFound" });

    const removed = await evidence.removeFollowUpEvidence(evaluator(), link.id);
    expect(removed).toMatchObject({ id: link.id, followUpId });
    expect((await auditsOf(link.id)).map((a) => a.action)).toEqual(["followUp.evidenceAddLink", "followUp.evidenceRemove"]);
    expect(await stateOf(followUpId)).toMatchObject({ version: 5 });
  });

  it("lets only the verifier assigned in the recommendation's cycle review; asking for more needs the current version", async () => {
    const input = { followUpId, decision: "REQUEST_MORE" as const, note: "Lampirkan SK yang sudah ditandatangani.", baseVersion: 5 };
    for (const actor of [await otherVerifier(), evaluator(), admin()]) {
      await expect(layer.reviewFollowUp(actor, input)).rejects.toMatchObject({ messageKey: "errors.notFound" });
    }
    await expect(layer.reviewFollowUp(verifier(), { ...input, baseVersion: 4 })).rejects.toMatchObject({ messageKey: "followUp.conflict" });
    expect(await layer.reviewFollowUp(verifier(), input)).toMatchObject({ review: "MORE_REQUESTED", version: 6, recommendationClosed: false });
    expect(await stateOf(followUpId)).toMatchObject({ review: "MORE_REQUESTED", reviewNote: input.note });
    await expect(layer.reviewFollowUp(verifier(), { ...input, decision: "ACCEPT", baseVersion: 6 })).rejects.toMatchObject({
      messageKey: "followUp.notPending",
    });
    expect((await auditsOf(followUpId)).at(-1)).toMatchObject({
      action: "followUp.requestMore",
      before: { review: "PENDING" },
      after: { review: "MORE_REQUESTED", note: input.note },
    });
  });

  it("closes the recommendation when the verifier accepts a DONE action, and settles it", async () => {
    await layer.updateFollowUp(evaluator(), {
      followUpId,
      description: "SK penetapan SP ditandatangani wali kota.",
      actionDate: yesterday(),
      status: "DONE",
      baseVersion: 6,
    });
    const accepted = await layer.reviewFollowUp(verifier(), { followUpId, decision: "ACCEPT", note: "", baseVersion: 7 });
    expect(accepted).toMatchObject({ review: "ACCEPTED", version: 8, recommendationClosed: true });
    expect((await one(`SELECT status FROM "Recommendation" WHERE id = $1`, [recommendationId])).status).toBe("CLOSED");
    expect((await auditsOf(recommendationId)).map((a) => a.action)).toEqual(["recommendation.close"]);
    await expect(
      layer.updateFollowUp(evaluator(), { followUpId, description: "Perubahan setelah diterima.", actionDate: yesterday(), status: "DONE", baseVersion: 8 }),
    ).rejects.toMatchObject({ messageKey: "followUp.recommendationClosed" });
    await expect(create(evaluator())).rejects.toMatchObject({ messageKey: "followUp.recommendationClosed" });
  });

  it("shows the recommendation and its follow-up beside the next cycle's self-assessment, to its evaluator, head and verifier", async () => {
    for (const actor of [evaluator(), head(), verifier(), admin()]) {
      const shown = await previous.loadPreviousRecommendations(actor, currentAssessmentId);
      const item = shown?.items.find((i) => i.id === recommendationId);
      expect(item).toMatchObject({ progress: "COMPLETED", overdue: false, target: { kind: "indicator" } });
      expect(item?.followUps.at(-1)).toMatchObject({ status: "DONE", review: "ACCEPTED", evidenceCount: 1 });
    }
    expect(await previous.loadPreviousRecommendations(foreignEvaluator(), currentAssessmentId)).toBeNull();
    expect(await previous.loadPreviousRecommendations(await otherVerifier(), currentAssessmentId)).toBeNull();
  });

  it("shows the detail to those who may see the locus's recommendations, with what each may do", async () => {
    const forEvaluator = await views.loadRecommendationDetail(evaluator(), recommendationId);
    expect(forEvaluator).toMatchObject({ progress: "COMPLETED", canReport: false, canReview: false, nextCycle: { assessmentId: currentAssessmentId } });
    expect(forEvaluator?.followUps[0]).toMatchObject({ status: "DONE", review: "ACCEPTED", editable: false, evidence: [{ kind: "FILE" }] });
    expect(await views.loadRecommendationDetail(verifier(), recommendationId)).toMatchObject({ canReview: true, canReport: false });
    expect(await views.loadRecommendationDetail(foreignEvaluator(), recommendationId)).toBeNull();
    expect(await views.loadRecommendationDetail(await otherVerifier(), recommendationId)).toBeNull();
    const history = (await views.listFollowUpHistory(evaluator(), recommendationId)).map((e) => e.action);
    expect(history).toEqual(
      expect.arrayContaining([
        "followUp.create",
        "followUp.update",
        "followUp.evidenceAddFile",
        "followUp.evidenceRemove",
        "followUp.requestMore",
        "followUp.accept",
        "recommendation.close",
      ]),
    );
    expect(await views.listFollowUpHistory(foreignEvaluator(), recommendationId)).toEqual([]);
    expect(await views.listFollowUpHistory(head(), recommendationId)).toEqual([]);
  });

  it("filters lists exactly as the pure rules decide, within the actor's scope", async () => {
    const today = domain.calendarDate(new Date());
    for (const show of ["open", "overdue"] as const) {
      const list = await views.listFollowUpRecommendations(evaluator(), "followUp.report", previousCycleId, { show, page: 1 });
      expect(list.total).toBeGreaterThan(0);
      for (const row of list.rows) {
        expect(row.institutionName).toBe("Kota Palembang");
        expect(row.progress).not.toBe("COMPLETED");
        if (show === "overdue") expect(row.overdue).toBe(true);
      }
    }
    const all = await views.listFollowUpRecommendations(evaluator(), "followUp.report", previousCycleId, { page: 1 });
    expect(all.rows.find((r) => r.id === recommendationId)).toMatchObject({ progress: "COMPLETED", overdue: false });
    const overdueIds = new Set(
      (await views.listFollowUpRecommendations(evaluator(), "followUp.report", previousCycleId, { show: "overdue", page: 1 })).rows.map((r) => r.id),
    );
    for (const row of all.rows) expect(overdueIds.has(row.id)).toBe(row.overdue);
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const foreign = await views.listFollowUpRecommendations(foreignEvaluator(), "followUp.report", previousCycleId, { page: 1 });
    expect(foreign.rows.every((r) => r.institutionName !== "Kota Palembang")).toBe(true);
    const unassigned = await views.listFollowUpRecommendations(await otherVerifier(), "followUp.review", previousCycleId, { page: 1, show: "all" });
    expect(unassigned.rows.every((r) => r.provinceName !== "Sumatera Selatan")).toBe(true);
  });

  it("monitors completion per institution, province and aspect: the head its own institution, the admin everything", async () => {
    const own = await monitoring.loadFollowUpMonitoring(head(), previousCycleId);
    expect(own?.institutions.map((i) => i.label)).toEqual(["Kota Palembang"]);
    expect(own?.overall.completed).toBeGreaterThanOrEqual(1);
    const all = await monitoring.loadFollowUpMonitoring(admin(), previousCycleId);
    const sum = (groups: { total: number; completed: number }[]) => groups.reduce((s, g) => [s[0]! + g.total, s[1]! + g.completed], [0, 0]);
    expect(sum(all!.institutions)).toEqual([all!.overall.total, all!.overall.completed]);
    expect(sum(all!.provinces)).toEqual([all!.overall.total, all!.overall.completed]);
    expect(sum(all!.aspects)).toEqual([all!.overall.total, all!.overall.completed]);
    expect(all!.aspects.map((a) => a.key)).toEqual(["I", "II", "III", "IV", "V", "VI"].filter((code) => all!.aspects.some((a) => a.key === code)));
    expect(all!.overall.percent).toBe(domain.completionPercent(all!.overall));
    expect(await monitoring.loadFollowUpMonitoring(evaluator(), previousCycleId)).toBeNull();
    expect(await monitoring.loadFollowUpMonitoring(verifier(), previousCycleId)).toBeNull();
  });
});
