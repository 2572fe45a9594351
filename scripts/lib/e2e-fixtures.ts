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

/** Adds every browser-test fixture to a freshly seeded database (as its owner), in one transaction. */
export async function addE2eFixtures(ownerUrl: string) {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    await addSecondTierFixture(client);
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
  const { rows } = await client.query<{ cycleId: string; instrumentVersionId: string; provinceId: string; verifierId: string }>(
    `SELECT c.id AS "cycleId", c."instrumentVersionId", (SELECT id FROM "Province" WHERE code = '16') AS "provinceId",
            (SELECT id FROM "User" WHERE email = $1) AS "verifierId"
     FROM "Cycle" c WHERE c.status = 'ACTIVE' AND c."ownerInstitutionId" IS NULL ORDER BY c.year DESC LIMIT 1`,
    [f.verifierEmail],
  );
  const context = rows[0];
  if (!context?.provinceId || !context.verifierId) throw new Error("e2e fixtures: the demo seed has no running cycle, province 16 or demo verifier");
  const institutionId = (
    await client.query<{ id: string }>(
      `INSERT INTO "Institution" (code, name, "shortName", type, "provinceId", "isSynthetic", "updatedAt")
       VALUES ($1, $2, 'Kab. Uji', 'KABUPATEN', $3, true, now()) RETURNING id`,
      [f.institutionCode, f.institutionName, context.provinceId],
    )
  ).rows[0]!.id;
  const locusId = (
    await client.query<{ id: string }>(
      `INSERT INTO "Locus" ("institutionId", name, "serviceType", "updatedAt") VALUES ($1, $2, 'ADMINISTRATIF', now()) RETURNING id`,
      [institutionId, f.locusName],
    )
  ).rows[0]!.id;
  await client.query(`INSERT INTO "VerifierAssignment" ("cycleId", "verifierId", "institutionId") VALUES ($1, $2, $3)`, [
    context.cycleId,
    context.verifierId,
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
    [assessmentId, context.instrumentVersionId, context.verifierId],
  );
}
