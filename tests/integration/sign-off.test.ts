import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

type SignOff = typeof import("@/lib/server/sign-off/sign-off");
type Pdf = typeof import("@/lib/server/sign-off/pdf");

describe("sign-off: the Berita Acara is signed by the verifier, then the head, and a copy can be checked", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let layer: SignOff;
  let pdf: Pdf;
  let actors: Record<string, CurrentUser>;
  let assessmentId: string;
  const verifier = () => actors["verifikator@pekppp.test"]!;
  const head = () => actors["pimpinan.palembang@pekppp.test"]!;

  let storageDir: string;

  beforeAll(async () => {
    // The correction's decree document goes to a throw-away folder.
    storageDir = await mkdtemp(path.join(tmpdir(), "pekppp-sign-off-"));
    process.env.EVIDENCE_DIR = storageDir;
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    layer = await import("@/lib/server/sign-off/sign-off");
    pdf = await import("@/lib/server/sign-off/pdf");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    // The demo's VERIFIED Palembang locus (service type BARANG) of the running cycle.
    assessmentId = (
      await client.query(
        `SELECT a.id FROM "Assessment" a JOIN "Cycle" c ON c.id = a."cycleId" JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
         WHERE c.status = 'ACTIVE' AND i.code = 'KOTA-16-PALEMBANG' AND l."serviceType" = 'BARANG' AND a.status = 'VERIFIED'`,
      )
    ).rows[0].id;
  });
  afterAll(async () => {
    await client?.end();
    if (database) await closeServerLayer(database);
    await rm(storageDir, { recursive: true, force: true });
    delete process.env.EVIDENCE_DIR;
  });

  it("refuses the head before the verifier, and a head of another institution finds nothing", async () => {
    await expect(layer.signBeritaAcara(head(), assessmentId, "pekppp-demo")).rejects.toMatchObject({ messageKey: "signOff.notYourTurn" });
    const foreignHead = { ...head(), id: actors["evaluator.kemenkes@pekppp.test"]!.id, institutionId: actors["evaluator.kemenkes@pekppp.test"]!.institutionId };
    await expect(layer.signBeritaAcara(foreignHead, assessmentId, "pekppp-demo")).rejects.toMatchObject({ messageKey: "errors.notFound" });
    expect(await layer.loadSignOff(foreignHead, assessmentId)).toBeNull();
  });

  it("refuses a wrong password and audits the refusal", async () => {
    await expect(layer.signBeritaAcara(verifier(), assessmentId, "wrong-password-1")).rejects.toMatchObject({ messageKey: "signOff.wrongPassword" });
    const audited = await client.query(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'signOff.passwordRefused' AND "assessmentId" = $1`, [
      assessmentId,
    ]);
    expect(audited.rows[0].n).toBe(1);
    expect((await client.query(`SELECT count(*)::int AS n FROM "BeritaAcara" WHERE "assessmentId" = $1`, [assessmentId])).rows[0].n).toBe(0);
  });

  it("signs in order, audits each signature, and the code verifies as current; a tampered copy does not match", async () => {
    const first = await layer.signBeritaAcara(verifier(), assessmentId, "pekppp-demo");
    expect(first.code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    await expect(layer.signBeritaAcara(verifier(), assessmentId, "pekppp-demo")).rejects.toMatchObject({ messageKey: "signOff.alreadySigned" });
    expect((await layer.findSignedDocument(first.code))?.state).toBe("awaitingHead");
    const second = await layer.signBeritaAcara(head(), assessmentId, "pekppp-demo");
    expect(second.code).toBe(first.code);
    const audited = await client.query(`SELECT after FROM "AuditEvent" WHERE action = 'signOff.sign' AND "assessmentId" = $1 ORDER BY "occurredAt"`, [
      assessmentId,
    ]);
    expect(audited.rows.map((r) => r.after.role)).toEqual(["VERIFIER", "HEAD"]);

    const found = (await layer.findSignedDocument(first.code.toLowerCase()))!;
    expect(found.state).toBe("current");
    expect(found.content.signatories.map((s) => s.role)).toEqual(["VERIFIER", "HEAD"]);
    expect(await layer.checkIntegrity(first.code, { hash: second.contentHash })).toBe("match");
    expect(await layer.checkIntegrity(first.code, { hash: "0".repeat(64) })).toBe("mismatch");

    const view = (await layer.loadSignOff(head(), assessmentId))!;
    expect(view.latest?.current).toBe(true);
    const last = view.latest!.lastSigned!;
    const file = await pdf.renderBeritaAcara(
      {
        body: view.body,
        details: view.details,
        signed: {
          code: first.code,
          url: `http://localhost/verify/${first.code}`,
          content: last.content,
          contentHash: last.contentHash,
          signatories: found.content.signatories,
          current: true,
        },
      },
      (key) => key,
      (iso) => iso,
    );
    expect(await layer.checkIntegrity(first.code, { pdf: file })).toBe("match");
    // One byte of one level changed in the copy: not the signed content any more.
    const text = file.toString("latin1");
    const at = text.search(/"verifiedLevel":[0-9]/) + '"verifiedLevel":'.length;
    const tampered = Buffer.from(file);
    tampered[at] = tampered[at] === 0x33 ? 0x34 : 0x33;
    expect(await layer.checkIntegrity(first.code, { pdf: tampered })).toBe("mismatch");
    expect(await layer.checkIntegrity(first.code, { pdf: Buffer.from("%PDF-1.7 nothing") })).toBe("unreadable");
  });

  it("is superseded when a verified level changes after signing, and the next document gets a new code", async () => {
    const before = (await layer.loadSignOff(verifier(), assessmentId))!.latest!.code;
    await client.query(
      `UPDATE "VerifiedAnswer" SET level = CASE WHEN level = 0 THEN 1 ELSE level - 1 END WHERE "assessmentId" = $1 AND "indicatorId" = (SELECT "indicatorId" FROM "VerifiedAnswer" WHERE "assessmentId" = $1 AND level IS NOT NULL LIMIT 1)`,
      [assessmentId],
    );
    expect((await layer.findSignedDocument(before))?.state).toBe("superseded");
    const again = await layer.signBeritaAcara(verifier(), assessmentId, "pekppp-demo");
    expect(again.code).not.toBe(before);
    expect((await layer.findSignedDocument(before))?.supersededBy).toBe(again.code);
  });

  it("follows a published correction: the signed code of a final locus is superseded, and the corrected data gets a new Berita Acara to sign", async () => {
    const correction = await import("@/lib/server/correction/correction");
    const admin = actors["admin@pekppp.test"] as CurrentUser & { email: string };
    // Kota Palembang's BARANG locus in the latest published cycle: FINAL, its results published.
    const finalId = (
      await client.query(
        `SELECT a.id FROM "Assessment" a JOIN "Cycle" c ON c.id = a."cycleId" JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
         WHERE c."publishedAt" IS NOT NULL AND i.code = 'KOTA-16-PALEMBANG' AND l."serviceType" = 'BARANG' AND a.status = 'FINAL' ORDER BY c.year DESC LIMIT 1`,
      )
    ).rows[0].id as string;
    await layer.signBeritaAcara(verifier(), finalId, "pekppp-demo");
    const old = await layer.signBeritaAcara(head(), finalId, "pekppp-demo");
    expect((await layer.findSignedDocument(old.code))?.state).toBe("current");
    const signedBefore = (await layer.loadSignOff(head(), finalId))!.body;
    expect(signedBefore.correction).toBeUndefined();

    await correction.openCorrection(
      admin,
      finalId,
      { reason: "Level salah dimasukkan", decreeReference: "SK 7/2026" },
      {
        originalName: "sk.pdf",
        bytes: new TextEncoder().encode("%PDF-1.4\n%%EOF\n"),
      },
    );
    // Under correction it cannot be signed.
    await expect(layer.signBeritaAcara(verifier(), finalId, "pekppp-demo")).rejects.toMatchObject({ messageKey: "signOff.notApproved" });
    const indicator = (
      await client.query(
        `SELECT i.code, v.level FROM "VerifiedAnswer" v JOIN "InstrumentIndicator" i ON i.id = v."indicatorId" WHERE v."assessmentId" = $1 AND i.weight > 0 ORDER BY i.weight DESC, i.code LIMIT 1`,
        [finalId],
      )
    ).rows[0];
    const level = indicator.level >= 3 ? 0 : 5;
    await correction.saveCorrectionLevel(admin, { assessmentId: finalId, indicatorCode: indicator.code, level, note: "Menurut SK" });
    const { versionNumber } = await correction.publishCorrection(admin, finalId);

    // The body now reads the corrected data and the current result version, and names the correction.
    const view = (await layer.loadSignOff(verifier(), finalId))!;
    const inVersion = (
      await client.query(
        `SELECT r."indexPublished"::text AS index, r.grade FROM "ResultVersionLocus" r JOIN "ResultVersion" v ON v.id = r."versionId" WHERE r."assessmentId" = $1 AND v.number = $2`,
        [finalId, versionNumber],
      )
    ).rows[0];
    expect({ index: view.body.index, grade: view.body.grade }).toEqual(inVersion);
    expect(view.body.indicators.find((i) => i.code === indicator.code)?.verifiedLevel).toBe(level);
    expect(view.body.correction).toMatchObject({ decreeReference: "SK 7/2026", version: versionNumber });
    expect(view.latest).toMatchObject({ code: old.code, current: false });
    expect(view.nextSigner).toBe("VERIFIER");
    expect(view.canSign).toBe(true);

    // Signed again, in order: a new code and a new hash; the old code points to it.
    const again = await layer.signBeritaAcara(verifier(), finalId, "pekppp-demo");
    const complete = await layer.signBeritaAcara(head(), finalId, "pekppp-demo");
    expect(again.code).not.toBe(old.code);
    expect(complete.contentHash).not.toBe(old.contentHash);
    expect(await layer.findSignedDocument(old.code)).toMatchObject({ state: "superseded", supersededBy: again.code });
    const fresh = (await layer.findSignedDocument(again.code))!;
    expect(fresh.state).toBe("current");
    expect(fresh.content.body.correction?.decreeReference).toBe("SK 7/2026");
  });

  it("is append-only for the portal's role", async () => {
    await expect(client.query(`UPDATE "BeritaAcaraSignature" SET "signerName" = 'x'`)).rejects.toThrow(/permission denied/);
    await expect(client.query(`DELETE FROM "BeritaAcara"`)).rejects.toThrow(/permission denied/);
  });
});
