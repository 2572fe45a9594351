// No "server-only" guard: replaceCycleResults (used by the demo seed too) freezes a published
// cycle's results through this file before it replaces them. Nothing here reads a session.
import type { Grade } from "@/lib/domain/grades";
import { Rational } from "@/lib/domain/rational";
import type { AwardInstitution } from "@/lib/domain/results/awards";
import type { VersionDiff } from "@/lib/domain/results/versions";
import type { InstitutionType } from "@/lib/domain/registry/fields";

/**
 * Result versions (docs/domain.md §6.4). The stored working results (LocusResult,
 * InstitutionResult) are recomputed as today; a published cycle's results are frozen into
 * append-only versions (ResultVersion and its rows, no UPDATE or DELETE for the portal's role):
 * version 1 as first published, one more per published correction. The public pages read versions.
 */

/** The one method both pg.Pool/pg.Client and the Prisma adapter below share. */
interface Queryable {
  query<R extends object = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

export interface StoredVersion {
  id: string;
  number: number;
  publishedAt: Date;
  reason: string | null;
  decreeReference: string | null;
  changes: VersionDiff | null;
}

export async function listVersions(reader: Queryable, cycleId: string): Promise<StoredVersion[]> {
  const rows = await reader.query<StoredVersion>(
    `SELECT id, number, "publishedAt", reason, "decreeReference", changes FROM "ResultVersion" WHERE "cycleId" = $1 ORDER BY number`,
    [cycleId],
  );
  return rows.rows;
}

/** Statuses whose stored results a version takes: final, or final and now under correction. */
const FROZEN = `ARRAY['FINAL','IN_CORRECTION']::"AssessmentStatus"[]`;

/**
 * Adds version `number` of a cycle from its stored working results: every institution whose loci
 * are all final, and those loci. Append-only; the caller holds the transaction (and the cycle's lock).
 */
export async function insertVersion(
  tx: Queryable,
  cycleId: string,
  meta: {
    number: number;
    publishedAt: Date;
    reason?: string | null;
    decreeReference?: string | null;
    correctionId?: string | null;
    createdById?: string | null;
    changes?: VersionDiff | null;
  },
): Promise<string> {
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO "ResultVersion" ("cycleId", number, "publishedAt", reason, "decreeReference", "correctionId", "createdById", changes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb) RETURNING id`,
    [
      cycleId,
      meta.number,
      meta.publishedAt,
      meta.reason ?? null,
      meta.decreeReference ?? null,
      meta.correctionId ?? null,
      meta.createdById ?? null,
      meta.changes ? JSON.stringify(meta.changes) : null,
    ],
  );
  const versionId = inserted.rows[0]!.id;
  await tx.query(
    `INSERT INTO "ResultVersionInstitution" ("versionId", "institutionId", "lociCount", "indexNumerator", "indexDenominator", "indexPublished", grade)
     SELECT $2, r."institutionId", r."lociCount", r."indexNumerator", r."indexDenominator", r."indexPublished", r.grade
     FROM "InstitutionResult" r
     WHERE r."cycleId" = $1 AND r.kind = 'VERIFIED'
       AND NOT EXISTS (SELECT 1 FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId"
                       WHERE a."cycleId" = $1 AND l."institutionId" = r."institutionId" AND NOT (a.status = ANY(${FROZEN})))`,
    [cycleId, versionId],
  );
  await tx.query(
    `INSERT INTO "ResultVersionLocus" ("versionId", "assessmentId", "institutionId", "indexNumerator", "indexDenominator", "indexPublished", grade)
     SELECT $2, r."assessmentId", l."institutionId", r."indexNumerator", r."indexDenominator", r."indexPublished", r.grade
     FROM "LocusResult" r JOIN "Assessment" a ON a.id = r."assessmentId" JOIN "Locus" l ON l.id = a."locusId"
     WHERE r."cycleId" = $1 AND r.kind = 'VERIFIED' AND a.status = ANY(${FROZEN})
       AND EXISTS (SELECT 1 FROM "ResultVersionInstitution" v WHERE v."versionId" = $2 AND v."institutionId" = l."institutionId")`,
    [cycleId, versionId],
  );
  return versionId;
}

/**
 * Before a published cycle's stored results change (a recompute, or a correction being opened),
 * freezes them as version 1 if the cycle has no version yet: what was published stays readable,
 * exactly. Locks the cycle row, so two writers never both add version 1. A cycle not published
 * yet is left alone (its results may still change freely).
 */
export async function freezePublishedVersion(tx: Queryable, cycleId: string): Promise<void> {
  const cycle = (
    await tx.query<{ publishedAt: Date | null; versions: number; stored: boolean }>(
      `SELECT "publishedAt", (SELECT count(*)::int FROM "ResultVersion" WHERE "cycleId" = $1) AS versions,
              EXISTS (SELECT 1 FROM "InstitutionResult" WHERE "cycleId" = $1 AND kind = 'VERIFIED') AS stored
       FROM "Cycle" WHERE id = $1 FOR UPDATE`,
      [cycleId],
    )
  ).rows[0];
  // Nothing stored yet (the demo seed stores a published past cycle's results for the first time).
  if (!cycle?.publishedAt || !cycle.stored || Number(cycle.versions) > 0) return;
  await insertVersion(tx, cycleId, { number: 1, publishedAt: cycle.publishedAt });
}

interface DiffRow {
  id: string;
  name: string;
  type: InstitutionType;
  provinceId: string | null;
  provinceName: string | null;
  n: string;
  d: string;
  published: string;
  grade: Grade;
}

function toAwardInstitutions(
  institutions: DiffRow[],
  loci: { id: string; institutionId: string; name: string; published: string; grade: Grade }[],
): AwardInstitution[] {
  const lociOf = new Map<string, AwardInstitution["loci"][number][]>();
  for (const l of loci) {
    const list = lociOf.get(l.institutionId) ?? [];
    list.push({ id: l.id, name: l.name, published: l.published, grade: l.grade });
    lociOf.set(l.institutionId, list);
  }
  return institutions.map((row) => ({
    id: row.id,
    name: row.name,
    type: row.type,
    provinceId: row.provinceId,
    provinceName: row.provinceName,
    index: Rational.of(BigInt(row.n), BigInt(row.d)),
    published: row.published,
    grade: row.grade,
    loci: lociOf.get(row.id) ?? [],
  }));
}

const INSTITUTION_COLUMNS = `i.id, i.name, i.type::text AS type, i."provinceId", p.name AS "provinceName",
  r."indexNumerator"::text AS n, r."indexDenominator"::text AS d, r."indexPublished"::text AS published, r.grade`;

/** One version's institutions and loci, as the award rules and the ranking read them. */
export async function versionForDiff(reader: Queryable, versionId: string): Promise<AwardInstitution[]> {
  const institutions = await reader.query<DiffRow>(
    `SELECT ${INSTITUTION_COLUMNS} FROM "ResultVersionInstitution" r JOIN "Institution" i ON i.id = r."institutionId"
     LEFT JOIN "Province" p ON p.id = i."provinceId" WHERE r."versionId" = $1`,
    [versionId],
  );
  const loci = await reader.query<{ id: string; institutionId: string; name: string; published: string; grade: Grade }>(
    `SELECT r."assessmentId" AS id, r."institutionId", l.name, r."indexPublished"::text AS published, r.grade
     FROM "ResultVersionLocus" r JOIN "Assessment" a ON a.id = r."assessmentId" JOIN "Locus" l ON l.id = a."locusId"
     WHERE r."versionId" = $1 ORDER BY l."serviceType"`,
    [versionId],
  );
  return toAwardInstitutions(institutions.rows, loci.rows);
}

/** The stored working results of a cycle that the next version would take (same rule as insertVersion). */
export async function workingForDiff(reader: Queryable, cycleId: string): Promise<AwardInstitution[]> {
  const institutions = await reader.query<DiffRow>(
    `SELECT ${INSTITUTION_COLUMNS} FROM "InstitutionResult" r JOIN "Institution" i ON i.id = r."institutionId"
     LEFT JOIN "Province" p ON p.id = i."provinceId"
     WHERE r."cycleId" = $1 AND r.kind = 'VERIFIED'
       AND NOT EXISTS (SELECT 1 FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId"
                       WHERE a."cycleId" = $1 AND l."institutionId" = r."institutionId" AND NOT (a.status = ANY(${FROZEN})))`,
    [cycleId],
  );
  const loci = await reader.query<{ id: string; institutionId: string; name: string; published: string; grade: Grade }>(
    `SELECT a.id, l."institutionId", l.name, r."indexPublished"::text AS published, r.grade
     FROM "LocusResult" r JOIN "Assessment" a ON a.id = r."assessmentId" JOIN "Locus" l ON l.id = a."locusId"
     WHERE r."cycleId" = $1 AND r.kind = 'VERIFIED' AND a.status = ANY(${FROZEN}) ORDER BY l."serviceType"`,
    [cycleId],
  );
  const included = new Set(institutions.rows.map((r) => r.id));
  return toAwardInstitutions(
    institutions.rows,
    loci.rows.filter((l) => included.has(l.institutionId)),
  );
}
