import pg from "pg";

/**
 * Data the browser tests add to the demo seed for one journey each, so that a journey never
 * depends on what an earlier spec did to the shared demo loci (the whole suite runs on one
 * database, in file order).
 *
 * SECOND_TIER_FIXTURE (tests/e2e/second-tier.spec.ts): a regency of Sumatera Selatan (the demo
 * verifier's province) with one locus of the running cycle IN_REVIEW, every indicator answered
 * and given a verified level, so the province's verifier can approve it at once. Submitted a day
 * before every other locus, so it heads the verifier's queue (ordered by submission) and is never
 * the "last row in review" other journeys pick. No other spec names it; it is not final, so no
 * published listing or award changes.
 */
export const SECOND_TIER_FIXTURE = {
  institutionCode: "KAB-16-UJI-DUA-TINGKAT",
  institutionName: "Kabupaten Uji Dua Tingkat",
  locusName: "Mal Pelayanan Publik Kabupaten Uji Dua Tingkat",
  verifierEmail: "verifikator@pekppp.test",
} as const;

/**
 * TWO_INSTANCE_FIXTURE (tests/e2e/two-instances.spec.ts): a city with one DRAFT locus of the
 * running national cycle and its own evaluator (the demo password), whose answers only that spec
 * writes, through both portal instances.
 */
export const TWO_INSTANCE_FIXTURE = {
  institutionCode: "KOTA-16-UJI-DUA-INSTANS",
  institutionName: "Kota Uji Dua Instans",
  locusName: "Dinas Kependudukan Kota Uji Dua Instans",
  evaluatorEmail: "evaluator.dua.instans@pekppp.test",
  evaluatorName: "Evaluator Dua Instans",
  /** Copied from this demo account, so the fixture's evaluator signs in with the demo password. */
  passwordFrom: "evaluator.palembang@pekppp.test",
} as const;

/**
 * PRE_CHECK_FIXTURE (tests/e2e/pre-check.spec.ts, issue 18): a regency of Sumatera Selatan with
 * one locus of the running cycle SUBMITTED, as a locus submitted before the pre-check existed
 * (no run stored), so the verifier's first opening checks it: every indicator answered at level 4
 * with its own justification and a link, except that the first scored indicator has no evidence
 * at all, and the first scored indicator of the second aspect holds a file (by its SHA-256) that
 * a locus of a second, unassigned regency also holds. Submitted two days before every other
 * locus, so it heads the verifier's queue and is never the last row other journeys pick; nothing
 * in it is verified, so no result or listing changes.
 */
export const PRE_CHECK_FIXTURE = {
  institutionCode: "KAB-16-UJI-PRA-PERIKSA",
  institutionName: "Kabupaten Uji Pra-periksa",
  locusName: "Mal Pelayanan Publik Kabupaten Uji Pra-periksa",
  twinInstitutionCode: "KAB-16-UJI-PEMBANDING",
  twinInstitutionName: "Kabupaten Uji Pembanding",
  sharedFileName: "sk-bersama.odt",
  verifierEmail: "verifikator@pekppp.test",
} as const;

/** Adds every browser-test fixture to a freshly seeded database (as its owner), in one transaction. */
/**
 * MANDIRI_FIXTURE (tests/e2e/mandiri.spec.ts): the demo's running Mandiri cycle of Kemenkes is
 * finalised, so the journey's own Mandiri cycle of Kemenkes can start (one cycle of each programme
 * and owner runs at a time, docs/domain.md §3.12). Its loci stay as they were; the national cycle
 * and the other owners' cycles are untouched.
 */
export const MANDIRI_FIXTURE = { institutionCode: "KL-KEMENKES" } as const;

export async function addE2eFixtures(ownerUrl: string) {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    await addSecondTierFixture(client);
    await addTwoInstanceFixture(client);
    await addPreCheckFixture(client);
    await client.query(
      `UPDATE "Cycle" SET status = 'FINALISED', "updatedAt" = now()
       WHERE status = 'ACTIVE' AND "programmeCode" = 'MANDIRI' AND "ownerInstitutionId" = (SELECT id FROM "Institution" WHERE code = $1)`,
      [MANDIRI_FIXTURE.institutionCode],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    await client.end();
  }
}

async function addSecondTierFixture(client: pg.Client) {
  const f = SECOND_TIER_FIXTURE;
  const context = await runningCycleContext(client, f.verifierEmail);
  const verifierId = context.userId;
  const { institutionId, locusId } = await addInstitutionWithLocus(client, { ...f, shortName: "Kab. Uji", type: "KABUPATEN", provinceId: context.provinceId });
  await client.query(`INSERT INTO "VerifierAssignment" ("cycleId", "verifierId", "institutionId") VALUES ($1, $2, $3)`, [
    context.cycleId,
    verifierId,
    institutionId,
  ]);
  const assessmentId = (
    await client.query<{ id: string }>(
      `INSERT INTO "Assessment" ("cycleId", "locusId", status, round, "submittedAt", "updatedAt")
       VALUES ($1, $2, 'IN_REVIEW', 1, (SELECT min("submittedAt") - interval '1 day' FROM "Assessment" WHERE "cycleId" = $1), now()) RETURNING id`,
      [context.cycleId, locusId],
    )
  ).rows[0]!.id;
  // Every indicator at level 4, as the unit answered it and as the verifier has already judged it.
  await client.query(
    `INSERT INTO "SelfAnswer" ("assessmentId", "indicatorId", level, justification, "updatedAt")
     SELECT $1, id, 4, 'Dokumen penetapan dan bukti pelaksanaan tersedia.', now() FROM "InstrumentIndicator" WHERE "instrumentVersionId" = $2`,
    [assessmentId, context.instrumentVersionId],
  );
  await client.query(
    `INSERT INTO "VerifiedAnswer" ("assessmentId", "indicatorId", level, note, "updatedById", "updatedAt")
     SELECT $1, id, 4, 'Sesuai bukti dukung.', $3, now() FROM "InstrumentIndicator" WHERE "instrumentVersionId" = $2`,
    [assessmentId, context.instrumentVersionId, verifierId],
  );
}

async function addTwoInstanceFixture(client: pg.Client) {
  const f = TWO_INSTANCE_FIXTURE;
  const context = await runningCycleContext(client, f.passwordFrom);
  const { institutionId, locusId } = await addInstitutionWithLocus(client, { ...f, shortName: "Kota Uji", type: "KOTA", provinceId: context.provinceId });
  await client.query(`INSERT INTO "Assessment" ("cycleId", "locusId", status, "updatedAt") VALUES ($1, $2, 'DRAFT', now())`, [context.cycleId, locusId]);
  await client.query(`INSERT INTO "User" (email, name, "passwordHash", role, "institutionId", "updatedAt") VALUES ($1, $2, $3, 'EVALUATOR', $4, now())`, [
    f.evaluatorEmail,
    f.evaluatorName,
    context.passwordHash,
    institutionId,
  ]);
}

/** The ministry's running PEKPPP cycle, the demo province (16) and a demo account the fixture builds on. */
async function runningCycleContext(client: pg.Client, email: string) {
  const { rows } = await client.query<{ cycleId: string; instrumentVersionId: string; provinceId: string | null; userId: string | null; passwordHash: string }>(
    `SELECT c.id AS "cycleId", c."instrumentVersionId", (SELECT id FROM "Province" WHERE code = '16') AS "provinceId", u.id AS "userId", u."passwordHash"
     FROM "Cycle" c LEFT JOIN "User" u ON u.email = $1
     WHERE c.status = 'ACTIVE' AND c."programmeCode" = 'PEKPPP' AND c."ownerInstitutionId" IS NULL ORDER BY c.year DESC LIMIT 1`,
    [email],
  );
  const context = rows[0];
  if (!context?.provinceId || !context.userId) throw new Error(`e2e fixtures: the demo seed has no running cycle, province 16 or account ${email}`);
  return { ...context, provinceId: context.provinceId, userId: context.userId };
}

/** A synthetic institution of the demo province with one administrative locus. */
async function addInstitutionWithLocus(
  client: pg.Client,
  f: { institutionCode: string; institutionName: string; shortName: string | null; type: "KABUPATEN" | "KOTA"; provinceId: string; locusName: string },
) {
  const institutionId = (
    await client.query<{ id: string }>(
      `INSERT INTO "Institution" (code, name, "shortName", type, "provinceId", "isSynthetic", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, true, now()) RETURNING id`,
      [f.institutionCode, f.institutionName, f.shortName, f.type, f.provinceId],
    )
  ).rows[0]!.id;
  const locusId = (
    await client.query<{ id: string }>(
      `INSERT INTO "Locus" ("institutionId", name, "serviceType", "updatedAt") VALUES ($1, $2, 'ADMINISTRATIF', now()) RETURNING id`,
      [institutionId, f.locusName],
    )
  ).rows[0]!.id;
  return { institutionId, locusId };
}

async function addPreCheckFixture(client: pg.Client) {
  const f = PRE_CHECK_FIXTURE;
  const context = await runningCycleContext(client, f.verifierEmail);
  const verifierId = context.userId;
  const assessmentOf = async (code: string, name: string, status: string, submittedAt: string | null) => {
    const { institutionId, locusId } = await addInstitutionWithLocus(client, {
      institutionCode: code,
      institutionName: name,
      shortName: null,
      type: "KABUPATEN",
      provinceId: context.provinceId,
      locusName: `Mal Pelayanan Publik ${name}`,
    });
    const assessmentId = (
      await client.query<{ id: string }>(
        `INSERT INTO "Assessment" ("cycleId", "locusId", status, round, "submittedAt", "updatedAt")
         VALUES ($1, $2, $3, 1, ${submittedAt ?? "NULL"}, now()) RETURNING id`,
        [context.cycleId, locusId, status],
      )
    ).rows[0]!.id;
    return { institutionId, assessmentId };
  };
  const locus = await assessmentOf(
    f.institutionCode,
    f.institutionName,
    "SUBMITTED",
    `(SELECT min("submittedAt") - interval '1 day' FROM "Assessment" WHERE "cycleId" = $1)`,
  );
  const twin = await assessmentOf(f.twinInstitutionCode, f.twinInstitutionName, "DRAFT", null);
  await client.query(`INSERT INTO "VerifierAssignment" ("cycleId", "verifierId", "institutionId") VALUES ($1, $2, $3)`, [
    context.cycleId,
    verifierId,
    locus.institutionId,
  ]);
  // The first scored indicator (no evidence) and the first scored one of the second aspect (the shared file).
  const picked = await client.query<{ id: string; code: string }>(
    `SELECT DISTINCT ON (a.position) i.id, i.code FROM "InstrumentIndicator" i JOIN "InstrumentAspect" a ON a.id = i."aspectId"
     WHERE i."instrumentVersionId" = $1 AND i.weight > 0 ORDER BY a.position, i.position LIMIT 2`,
    [context.instrumentVersionId],
  );
  const [bare, shared] = picked.rows;
  if (!bare || !shared) throw new Error("e2e fixtures: the running cycle's instrument has fewer than two aspects");
  await client.query(
    `INSERT INTO "SelfAnswer" ("assessmentId", "indicatorId", level, justification, "updatedAt")
     SELECT $1, id, 4, 'Penjelasan unit untuk indikator ' || code || ', dengan dokumen pendukungnya.', now() FROM "InstrumentIndicator" WHERE "instrumentVersionId" = $2`,
    [locus.assessmentId, context.instrumentVersionId],
  );
  await client.query(
    `INSERT INTO "EvidenceItem" (kind, "assessmentId", "indicatorId", url, title)
     SELECT 'LINK', $1, id, 'https://bukti.contoh.go.id/' || code, '' FROM "InstrumentIndicator"
     WHERE "instrumentVersionId" = $2 AND id NOT IN ($3, $4)`,
    [locus.assessmentId, context.instrumentVersionId, bare.id, shared.id],
  );
  // The same document in both regencies (an ODT: its bytes are not read back, only its hash compared).
  const sha256 = "5d41402abc4b2a76b9719d911017c592a6d7e08b5e2f7a3c1c6f0e9d8b7a6c5d";
  for (const assessmentId of [locus.assessmentId, twin.assessmentId]) {
    await client.query(
      `INSERT INTO "EvidenceItem" (kind, "assessmentId", "indicatorId", "storageKey", "originalName", "safeName", "mimeType", "sizeBytes", sha256, title)
       VALUES ('FILE', $1, $2, $3, $4, $4, 'application/vnd.oasis.opendocument.text', 2048, $5, '')`,
      [assessmentId, shared.id, `evidence/${assessmentId}/fixture-shared.odt`, f.sharedFileName, sha256],
    );
  }
}
