import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

type Queries = typeof import("@/lib/server/assessment/queries");
type Evidence = typeof import("@/lib/server/assessment/evidence");
type Review = typeof import("@/lib/server/verification/review");

/** A minimal PDF: the evidence file the validator needs to judge. */
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

/**
 * The second tier's validator reads the locus it validates (docs/domain.md §3.10): the locus page
 * (`assessment.view`) and its evidence (`evidence.download`), read-only, only while the locus
 * awaits validation and only for institutions assigned to it (ValidatorAssignment) in that cycle.
 * A validator of another province's institution finds nothing, exactly as for an unknown id.
 */
describe("a ministry validator opens the locus it validates, read-only", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let queries: Queries;
  let evidence: Evidence;
  let review: Review;
  let actors: Record<string, CurrentUser>;
  let storageDir: string;
  let locusId: string;
  let evidenceId: string;
  let validator: CurrentUser;
  let otherValidator: CurrentUser;

  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const pool = async (n: string) => {
    const row = await one(`SELECT id, name, email FROM "User" WHERE email = $1`, [`verifikator${n}@pekppp.test`]);
    return { ...row, role: "VERIFIER" as const, institutionId: null, institutionName: null, mustChangePassword: false } as CurrentUser;
  };
  const refusal = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      return (error as { messageKey?: string }).messageKey ?? String(error);
    }
    return "accepted";
  };

  beforeAll(async () => {
    storageDir = await mkdtemp(path.join(tmpdir(), "pekppp-validator-"));
    process.env.EVIDENCE_DIR = storageDir;
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    queries = await import("@/lib/server/assessment/queries");
    evidence = await import("@/lib/server/assessment/evidence");
    review = await import("@/lib/server/verification/review");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    const cycleId = (await one(`SELECT id FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL`)).id;
    const palembang = await one(`SELECT id, "provinceId" FROM "Institution" WHERE code = 'KOTA-16-PALEMBANG'`);
    locusId = (
      await one(
        `SELECT a.id FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a."cycleId" = $1 AND l."institutionId" = $2 AND l."serviceType" = 'ADMINISTRATIF'`,
        [cycleId, palembang.id],
      )
    ).id;
    // The unit's evaluator uploads a file while the locus is a draft; then the first tier has approved it.
    await client.query(`UPDATE "Assessment" SET status = 'DRAFT' WHERE id = $1`, [locusId]);
    evidenceId = (
      await evidence.addFileEvidence(actors["evaluator.palembang@pekppp.test"]!, {
        assessmentId: locusId,
        indicatorCode: "1.a.Ak",
        originalName: "sk.pdf",
        bytes: PDF,
      })
    ).id;
    await client.query(`UPDATE "Assessment" SET status = 'AWAITING_VALIDATION' WHERE id = $1`, [locusId]);
    // Two ministry validators (no first-tier assignment on these institutions): one of Palembang,
    // one of a city of another province.
    validator = await pool("02");
    otherValidator = await pool("03");
    const other = await one(`SELECT id FROM "Institution" WHERE type = 'KOTA' AND "provinceId" <> $1 ORDER BY code LIMIT 1`, [palembang.provinceId]);
    for (const [who, institutionId] of [
      [validator, palembang.id],
      [otherValidator, other.id],
    ] as const) {
      await client.query(`DELETE FROM "VerifierAssignment" WHERE "cycleId" = $1 AND "verifierId" = $2 AND "institutionId" = $3`, [
        cycleId,
        who.id,
        institutionId,
      ]);
      await client.query(`INSERT INTO "ValidatorAssignment" ("cycleId", "validatorId", "institutionId") VALUES ($1, $2, $3)`, [cycleId, who.id, institutionId]);
    }
    expect(
      await one(`SELECT count(*)::int AS n FROM "VerifierAssignment" WHERE "cycleId" = $1 AND "institutionId" = $2 AND "verifierId" = $3`, [
        cycleId,
        palembang.id,
        validator.id,
      ]),
    ).toEqual({ n: 0 });
  });
  afterAll(async () => {
    await client?.end();
    if (database) await closeServerLayer(database);
    await rm(storageDir, { recursive: true, force: true });
    delete process.env.EVIDENCE_DIR;
  });

  it("opens the locus awaiting its validation, lists and downloads its evidence", async () => {
    const found = await queries.findAssessment(validator, locusId);
    expect(found?.id).toBe(locusId);
    expect(found?.canSeeHistory).toBe(false);
    // The page itself: its workspace and its (empty) appeals load for the validator.
    const { loadWorkspace } = await import("@/lib/server/assessment/workspace");
    const page = await loadWorkspace(validator, locusId);
    expect(page?.assessment.id).toBe(locusId);
    expect(page?.canEdit).toBe(false);
    const { appealsOfAssessment } = await import("@/lib/server/appeals/appeals");
    expect(await appealsOfAssessment(validator, locusId)).toEqual([]);
    expect((await evidence.listEvidence(validator, locusId)).map((e) => e.id)).toContain(evidenceId);
    const opened = await evidence.openEvidence(validator, evidenceId);
    expect(opened.mimeType).toBe("application/pdf");
    await opened.body.cancel();
  });

  it("gives a validator of another province's institution not found, for the locus and its evidence", async () => {
    expect(await queries.findAssessment(otherValidator, locusId)).toBeNull();
    expect(await evidence.listEvidence(otherValidator, locusId)).toEqual([]);
    expect(await refusal(evidence.openEvidence(otherValidator, evidenceId))).toBe("errors.notFound");
  });

  it("is read-only: the validator cannot act as the first tier on it", async () => {
    expect(await refusal(review.approveAssessment(validator as CurrentUser & { email: string }, locusId))).toBe("errors.notFound");
    expect(await refusal(review.startReview(validator as CurrentUser & { email: string }, locusId))).toBe("errors.notFound");
  });

  it("reaches the locus only while it awaits validation", async () => {
    await client.query(`UPDATE "Assessment" SET status = 'VERIFIED' WHERE id = $1`, [locusId]);
    expect(await queries.findAssessment(validator, locusId)).toBeNull();
    expect(await refusal(evidence.openEvidence(validator, evidenceId))).toBe("errors.notFound");
    await client.query(`UPDATE "Assessment" SET status = 'AWAITING_VALIDATION' WHERE id = $1`, [locusId]);
    expect((await queries.findAssessment(validator, locusId))?.id).toBe(locusId);
  });
});
