import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";
import { minimalPdf } from "./support/minimal-pdf";

type Correction = typeof import("@/lib/server/correction/correction");
type Published = typeof import("@/lib/server/results/published");

/** A minimal but well-formed PDF (the decree document). */

const decree = () => ({ originalName: "SK Koreksi 12-2026.pdf", bytes: minimalPdf() });
const reasons = { reason: "Kesalahan input level terverifikasi pada indikator", decreeReference: "SK MenPAN-RB 12/2026" };

describe("audited correction after FINAL and result versions (docs/domain.md §6.4)", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let correction: Correction;
  let published: Published;
  let recompute: typeof import("@/lib/server/results/recompute").recomputeCycleResults;
  let actors: Record<string, CurrentUser>;
  let storageDir: string;
  let cycleId: string;
  let finalId: string;
  let institutionId: string;
  const admin = () => actors["admin@pekppp.test"] as CurrentUser & { email: string };
  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const listing = async (version?: number) => {
    const r = (await published.loadPublishedResults(cycleId, version))!;
    return new Map(r.institutions.map((i) => [i.id, `${i.index.numerator}/${i.index.denominator} ${i.published} ${i.grade} #${i.national.rank}`]));
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
    storageDir = await mkdtemp(path.join(tmpdir(), "pekppp-correction-"));
    process.env.EVIDENCE_DIR = storageDir;
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    correction = await import("@/lib/server/correction/correction");
    published = await import("@/lib/server/results/published");
    ({ recomputeCycleResults: recompute } = await import("@/lib/server/results/recompute"));
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    cycleId = (await one(`SELECT id FROM "Cycle" WHERE status = 'FINALISED' AND "publishedAt" IS NOT NULL ORDER BY year DESC LIMIT 1`)).id;
    // A final locus of an institution that is listed (all its loci final).
    const row = await one(
      `SELECT a.id, l."institutionId" FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId"
       JOIN "InstitutionResult" r ON r."institutionId" = l."institutionId" AND r."cycleId" = a."cycleId" AND r.kind = 'VERIFIED'
       WHERE a."cycleId" = $1 AND a.status = 'FINAL' ORDER BY r."indexPublished" DESC, a.id LIMIT 1`,
      [cycleId],
    );
    finalId = row.id;
    institutionId = row.institutionId;
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
    await rm(storageDir, { recursive: true, force: true });
    delete process.env.EVIDENCE_DIR;
  });

  it("keeps a published cycle's numbers when its stored results are recomputed: they are frozen as version 1 first", async () => {
    expect(await one(`SELECT count(*)::int AS n FROM "ResultVersion" WHERE "cycleId" = $1`, [cycleId])).toEqual({ n: 0 });
    const before = await listing();
    // A verified level changes underneath (as a direct data fix would), then the cycle is recomputed.
    const answer = await one(
      `SELECT v.id, v.level FROM "VerifiedAnswer" v JOIN "InstrumentIndicator" i ON i.id = v."indicatorId" WHERE v."assessmentId" = $1 AND i.weight > 0 AND v.level > 0 ORDER BY i.code LIMIT 1`,
      [finalId],
    );
    await client.query(`UPDATE "VerifiedAnswer" SET level = 0 WHERE id = $1`, [answer.id]);
    try {
      await recompute(cycleId);
      const stored = await one(
        `SELECT "indexNumerator"::text || '/' || "indexDenominator"::text AS exact FROM "InstitutionResult" WHERE "cycleId" = $1 AND "institutionId" = $2`,
        [cycleId, institutionId],
      );
      expect(before.get(institutionId)).not.toContain(`${stored.exact} `);
      expect(await listing()).toEqual(before);
      expect(await listing(1)).toEqual(before);
      expect((await published.loadPublishedResults(cycleId))!.cycle.version).toMatchObject({ number: 1, current: true, correctedAt: null });
    } finally {
      await client.query(`UPDATE "VerifiedAnswer" SET level = $2 WHERE id = $1`, [answer.id, answer.level]);
      await recompute(cycleId);
    }
    // A second recompute adds no version.
    expect(await one(`SELECT count(*)::int AS n FROM "ResultVersion" WHERE "cycleId" = $1`, [cycleId])).toEqual({ n: 1 });
  });

  it("refuses a correction of a locus that is not final, and every step to anyone but an admin, storing nothing", async () => {
    const notFinal = (
      await one(
        `SELECT a.id FROM "Assessment" a JOIN "Cycle" c ON c.id = a."cycleId" WHERE a.status <> 'FINAL' AND c.status = 'ACTIVE' AND c."ownerInstitutionId" IS NULL LIMIT 1`,
      )
    ).id;
    expect(await refusal(correction.openCorrection(admin(), notFinal, reasons, decree()))).toBe("correction.wrongStatus");
    for (const email of ["verifikator@pekppp.test", "evaluator.palembang@pekppp.test", "pimpinan.palembang@pekppp.test"]) {
      const actor = actors[email] as CurrentUser & { email: string };
      expect(await refusal(correction.openCorrection(actor, finalId, reasons, decree()))).toBe("errors.notFound");
      expect(await refusal(correction.saveCorrectionLevel(actor, { assessmentId: finalId, indicatorCode: "1.a", level: 0, note: "" }))).toBe("errors.notFound");
      expect(await refusal(correction.publishCorrection(actor, finalId))).toBe("errors.notFound");
    }
    // Level changes and publication need an open correction.
    expect(await refusal(correction.saveCorrectionLevel(admin(), { assessmentId: finalId, indicatorCode: "1.a", level: 0, note: "" }))).toBe(
      "correction.wrongStatus",
    );
    expect(await refusal(correction.publishCorrection(admin(), finalId))).toBe("correction.notOpen");
    expect(await readdir(storageDir, { recursive: true }).catch(() => [])).toEqual([]);
    expect(await one(`SELECT count(*)::int AS n FROM "ResultCorrection"`)).toEqual({ n: 0 });
  });

  it("opens, changes one level and publishes: version 2 is current, version 1 keeps its numbers, the differences are recorded, every step audited", async () => {
    const v1 = await listing();
    const awardsV1 = await published.loadPublishedAwards(cycleId);
    const auditBefore = (await one(`SELECT coalesce(max(id), 0)::text AS id FROM "AuditEvent"`)).id;

    const opened = await correction.openCorrection(admin(), finalId, reasons, decree());
    expect(opened.status).toBe("IN_CORRECTION");
    expect(await one(`SELECT status FROM "Assessment" WHERE id = $1`, [finalId])).toEqual({ status: "IN_CORRECTION" });
    // The decree is stored by the evidence rules, under a generated key.
    const stored = await one(`SELECT "decreeStorageKey", "decreeMimeType", "decreeFileName" FROM "ResultCorrection" WHERE id = $1`, [opened.correctionId]);
    expect(stored.decreeMimeType).toBe("application/pdf");
    expect(stored.decreeStorageKey).toMatch(new RegExp(`^evidence/corrections/${cycleId}/[0-9a-f-]{36}\\.pdf$`));
    // While it is open, the published listing still shows version 1 (the institution does not vanish).
    expect(await listing()).toEqual(v1);
    // A second correction in the same cycle waits for this one.
    const otherFinal = (await one(`SELECT id FROM "Assessment" WHERE "cycleId" = $1 AND status = 'FINAL' AND id <> $2 LIMIT 1`, [cycleId, finalId])).id;
    expect(await refusal(correction.openCorrection(admin(), otherFinal, reasons, decree()))).toBe("correction.otherOpen");

    const indicator = await one(
      `SELECT i.code, v.level FROM "VerifiedAnswer" v JOIN "InstrumentIndicator" i ON i.id = v."indicatorId" WHERE v."assessmentId" = $1 AND i.weight > 0 AND v.level > 0 ORDER BY i.weight DESC, i.code LIMIT 1`,
      [finalId],
    );
    expect(await correction.saveCorrectionLevel(admin(), { assessmentId: finalId, indicatorCode: indicator.code, level: 0, note: "Bukti tidak sah" })).toEqual({
      changed: true,
    });
    const published2 = await correction.publishCorrection(admin(), finalId);
    expect(published2.versionNumber).toBe(2);
    expect(await one(`SELECT status FROM "Assessment" WHERE id = $1`, [finalId])).toEqual({ status: "FINAL" });

    // Version 2 is current and marked corrected; version 1 is still readable with its numbers.
    const current = (await published.loadPublishedResults(cycleId))!;
    expect(current.cycle.version).toMatchObject({ number: 2, current: true, reason: reasons.reason, decreeReference: reasons.decreeReference });
    expect(current.cycle.version!.correctedAt).toBeInstanceOf(Date);
    expect(current.cycle.version!.versions.map((v) => v.number)).toEqual([1, 2]);
    const v2 = await listing();
    expect(v2.get(institutionId)).not.toEqual(v1.get(institutionId));
    expect(await listing(1)).toEqual(v1);
    const old = (await published.loadPublishedResults(cycleId, 1))!;
    expect(old.cycle.version).toMatchObject({ number: 1, current: false, correctedAt: null });
    expect(await published.loadPublishedResults(cycleId, 3)).toBeNull();

    // The recorded differences are those between the two listings and their award eligibility.
    const changes = published2.changes!;
    const rankOf = (s: string | undefined) => s?.split("#")[1];
    const rankMoved = [...new Set([...v1.keys(), ...v2.keys()])].some((id) => rankOf(v1.get(id)) !== rankOf(v2.get(id)));
    expect(changes.rankChanged).toBe(rankMoved);
    expect(changes.standings.map((s) => s.institutionId)).toContain(institutionId);
    const awardKeys = (a: Awaited<ReturnType<Published["loadPublishedAwards"]>>) =>
      new Set([...a!.eligibility.values()].flat().map((e) => `${e.ruleId}|${e.institutionId}|${e.locus?.id ?? ""}`));
    const before = awardKeys(awardsV1);
    const after = awardKeys(await published.loadPublishedAwards(cycleId));
    expect(changes.awards.map((a) => `${a.change} ${a.ruleId}|${a.institutionId}|${a.locusId ?? ""}`).sort()).toEqual(
      [...[...after].filter((k) => !before.has(k)).map((k) => `GAINED ${k}`), ...[...before].filter((k) => !after.has(k)).map((k) => `LOST ${k}`)].sort(),
    );
    expect(awardKeys(await published.loadPublishedAwards(cycleId, 1))).toEqual(before);
    const version2 = await one(`SELECT changes, "correctionId" FROM "ResultVersion" WHERE "cycleId" = $1 AND number = 2`, [cycleId]);
    expect(version2).toEqual({ changes: JSON.parse(JSON.stringify(changes)), correctionId: opened.correctionId });

    // Every step is audited, by the admin, on the locus.
    const audits = await client.query(`SELECT action, "actorId", "assessmentId" FROM "AuditEvent" WHERE id > $1::bigint ORDER BY id`, [auditBefore]);
    const mine = audits.rows.filter((r) => r.action.startsWith("correction."));
    expect(mine.map((r) => r.action)).toEqual(["correction.open", "correction.level", "correction.publish"]);
    for (const row of mine) expect(row).toMatchObject({ actorId: admin().id, assessmentId: finalId });
  });

  it("marks the corrected institution's report card with its correction, and no other institution's", async () => {
    const { loadReportCard } = await import("@/lib/server/results/report-card");
    const card = await loadReportCard(admin(), institutionId, cycleId);
    expect(card?.correction).toMatchObject({ decreeReference: reasons.decreeReference, version: 2 });
    expect(card?.correction?.publishedAt).toBeInstanceOf(Date);
    const other = (
      await one(
        `SELECT l."institutionId" FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a."cycleId" = $1 AND a.status = 'FINAL' AND l."institutionId" <> $2 LIMIT 1`,
        [cycleId, institutionId],
      )
    ).institutionId;
    expect((await loadReportCard(admin(), other, cycleId))?.correction).toBeNull();
  });

  it("keeps versions append-only for the portal's database role", async () => {
    for (const sql of [
      `UPDATE "ResultVersion" SET reason = 'x' WHERE "cycleId" = $1`,
      `DELETE FROM "ResultVersionInstitution" WHERE "versionId" IN (SELECT id FROM "ResultVersion" WHERE "cycleId" = $1)`,
      `UPDATE "ResultVersionLocus" SET grade = 'A' WHERE "versionId" IN (SELECT id FROM "ResultVersion" WHERE "cycleId" = $1)`,
    ]) {
      await expect(client.query(sql, [cycleId])).rejects.toThrow(/permission denied/);
    }
  });
});
