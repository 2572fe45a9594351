import "server-only";
import type { InstrumentDefinition } from "@/lib/domain/instrument";
import { Rational } from "@/lib/domain/rational";
import type { Prisma } from "@/lib/generated/prisma/client";
import { VERIFIED_STATUSES } from "@/lib/domain/workflow/state-machine";
import { loadInstrument } from "../instrument/load";
import {
  bumpResultsGeneration,
  computeInstitution,
  computeLocus,
  cycleScoringSettings,
  insertInstitutionResults,
  insertLocusResults,
  type ComputedLocus,
  type Queryable,
} from "./cycle-results";
import { freezePublishedVersion } from "./versions";

/**
 * The incremental recompute (issue 17): after one locus's verified levels, F-03 responses or status
 * changed, stores again only that locus's result and its institution's, with the same scoring
 * module and the same conversion as the full recompute (./cycle-results: computeLocus,
 * computeInstitution), inside the caller's transaction. Ranks are not stored: the cached listing
 * of a cycle (./published) ranks its groups once per results generation, which this bumps.
 *
 * It relies on the stored results of the institution's other loci being current, which holds as
 * long as every change of a locus's inputs calls it (approval, validation, an accepted appeal, a
 * late F-03 response, a correction opened or published); the full recompute (./recompute) stays
 * for publication, finalisation and the admin, and a property test holds both equal.
 */
export async function recomputeLocusResults(
  tx: Queryable,
  assessmentId: string,
  loaded?: { instrument: InstrumentDefinition; settings: Awaited<ReturnType<typeof cycleScoringSettings>>["settings"] },
): Promise<{ cycleId: string; institutionId: string; locus: ComputedLocus | null; institutionStored: boolean }> {
  const verified = [...VERIFIED_STATUSES];
  const target = (
    await tx.query<{ cycleId: string; institutionId: string }>(
      `SELECT a."cycleId", l."institutionId" FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a.id = $1`,
      [assessmentId],
    )
  ).rows[0];
  if (!target) throw new Error(`assessment ${assessmentId} not found`);
  const { cycleId, institutionId } = target;
  const { instrument, settings } = loaded ?? (await loadScoring(tx, cycleId));
  // A published cycle is frozen as version 1 first (locks the cycle row: one writer at a time).
  await freezePublishedVersion(tx, cycleId);

  // Every locus of the institution in the cycle, whether verified, and its stored result.
  const siblings = (
    await tx.query<{ id: string; verified: boolean; n: string | null; d: string | null }>(
      `SELECT a.id, a.status = ANY($3::"AssessmentStatus"[]) AS verified, r."indexNumerator"::text AS n, r."indexDenominator"::text AS d
       FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId"
       LEFT JOIN "LocusResult" r ON r."assessmentId" = a.id AND r.kind = 'VERIFIED'
       WHERE a."cycleId" = $1 AND l."institutionId" = $2`,
      [cycleId, institutionId, verified],
    )
  ).rows;
  // The changed locus, and any verified sibling that has no stored result yet, are computed afresh.
  const toCompute = siblings.filter((s) => s.verified && (s.id === assessmentId || s.n === null)).map((s) => s.id);
  const computed = await computeLoci(tx, toCompute, instrument, settings);
  const fresh = new Map(computed.map((l) => [l.assessmentId, l]));

  // Replaced: the changed locus and those computed afresh; removed: a locus no longer verified.
  const replaced = siblings.filter((s) => s.id === assessmentId || fresh.has(s.id) || (!s.verified && s.n !== null)).map((s) => s.id);
  await tx.query(`DELETE FROM "LocusResult" WHERE "assessmentId" = ANY($1::uuid[]) AND kind = 'VERIFIED'`, [replaced]);
  await insertLocusResults(tx, cycleId, computed);

  const indices = siblings.filter((s) => s.verified).map((s) => fresh.get(s.id)?.index ?? Rational.of(BigInt(s.n!), BigInt(s.d!)));
  const institution = computeInstitution(institutionId, siblings.length, indices, settings);
  await tx.query(`DELETE FROM "InstitutionResult" WHERE "cycleId" = $1 AND "institutionId" = $2 AND kind = 'VERIFIED'`, [cycleId, institutionId]);
  if (institution) await insertInstitutionResults(tx, cycleId, [institution]);
  await bumpResultsGeneration(tx, cycleId);
  return { cycleId, institutionId, locus: fresh.get(assessmentId) ?? null, institutionStored: institution !== null };
}

/** The results module's SQL, run inside a Prisma interactive transaction (the callers' own). */
export function sqlOfTransaction(tx: Prisma.TransactionClient): Queryable {
  return {
    query: async <R extends object>(text: string, values: unknown[] = []) => ({ rows: await tx.$queryRawUnsafe<R[]>(text, ...values) }),
  };
}

/** The instrument and scoring settings of a cycle (the instrument from its cache). */
export async function loadScoring(reader: Queryable, cycleId: string) {
  const { instrumentVersionId, settings } = await cycleScoringSettings(reader, cycleId);
  return { instrument: await loadInstrument(instrumentVersionId), settings };
}

async function computeLoci(
  tx: Queryable,
  assessmentIds: readonly string[],
  instrument: InstrumentDefinition,
  settings: Awaited<ReturnType<typeof cycleScoringSettings>>["settings"],
): Promise<ComputedLocus[]> {
  if (assessmentIds.length === 0) return [];
  const ids = [...assessmentIds];
  const levels = await tx.query<{ assessmentId: string; code: string; level: number }>(
    `SELECT v."assessmentId", i.code, v.level FROM "VerifiedAnswer" v JOIN "InstrumentIndicator" i ON i.id = v."indicatorId"
     WHERE v."assessmentId" = ANY($1::uuid[]) AND v.level IS NOT NULL`,
    [ids],
  );
  const responses = await tx.query<{ assessmentId: string; ratings: number[] }>(
    `SELECT "assessmentId", ratings FROM "SurveyResponse" WHERE "assessmentId" = ANY($1::uuid[])`,
    [ids],
  );
  return ids.map((id) =>
    computeLocus(
      id,
      instrument,
      new Map(levels.rows.filter((r) => r.assessmentId === id).map((r) => [r.code, Number(r.level)])),
      responses.rows.filter((r) => r.assessmentId === id).map((r) => r.ratings.map(Number)),
      settings,
    ),
  );
}
