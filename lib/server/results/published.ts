import "server-only";
import { LRUCache } from "lru-cache";
import { cache } from "react";
import type { Actor } from "@/lib/auth/policies";
import { GRADE_BANDS, type Classification, type Grade } from "@/lib/domain/grades";
import { Rational } from "@/lib/domain/rational";
import { evaluateAwards, type AwardEligibility, type AwardInstitution, type AwardRule } from "@/lib/domain/results/awards";
import { nationalIndex } from "@/lib/domain/results/national-figures";
import type { InstitutionType } from "@/lib/domain/registry/fields";
import { rankInstitutions, type RankedInstitution } from "@/lib/domain/results/ranking-groups";
import { ZAwardRules } from "@/lib/schemas/awards";
import { correctedAt, pickVersion } from "@/lib/domain/results/versions";
import { rawAwardRules } from "./award-rules";
import { listVersions, type StoredVersion } from "./versions";
import { pgPool } from "../db/pg-pool";
import { cycleInScope } from "../cycle/scope";

/**
 * Results everyone may see: only of cycles that are FINALISED (or since ARCHIVED) and published by the admin, and only
 * of institutions whose loci are all FINAL (docs/domain.md §6: "only final, published results make
 * anything eligible"). Nothing here looks at a session: the public results page and every signed-in
 * role read the same thing. Numbers come from the stored results (LocusResult, InstitutionResult),
 * which a test holds equal to a fresh computation by the scoring module.
 */

export interface PublishedCycle {
  id: string;
  name: string;
  year: number;
  /** Its programme and owner (issue 16): the public pages group cycles by them and never mix their numbers. */
  programmeCode: string;
  programmeName: string;
  programmeNameEn: string;
  /** Null: the ministry's cycle; else the institution that ran it over its own units (PEKPPP Mandiri). */
  ownerInstitutionId: string | null;
  ownerName: string | null;
  /** Null only in an admin's preview of a finalised cycle before publication. */
  publishedAt: Date | null;
  /**
   * The cycle's results generation (Cycle.resultsGeneration): it changes with every change of its
   * stored results, its publication or withdrawal and every result version (issue 17).
   */
  generation?: number;
  /**
   * The result version shown (docs/domain.md §6.4), with every published version of the cycle and
   * the date of the latest correction; absent for a cycle whose results were never frozen into a
   * version (never recomputed or corrected since publication: its stored results are the published ones).
   */
  version?: ShownVersion;
}

export interface ShownVersion {
  number: number;
  publishedAt: Date;
  current: boolean;
  /** When the current version is a correction: its date ("dikoreksi pada …"). */
  correctedAt: Date | null;
  reason: string | null;
  decreeReference: string | null;
  versions: { number: number; publishedAt: Date }[];
  stored: StoredVersion;
}

export interface PublishedInstitution extends RankedInstitution {
  code: string;
  provinceName: string | null;
  lociCount: number;
  label: string;
}

export interface PublishedCycleResults {
  cycle: PublishedCycle;
  institutions: PublishedInstitution[];
  /**
   * An institution's own cycle (PEKPPP Mandiri, issue 16) ranks its units among themselves: its
   * final units in ranking order, as rows of the owner's type; null for a ministry cycle.
   */
  units: PublishedInstitution[] | null;
  national: Classification | null;
  provinces: { id: string; name: string }[];
}

// An archived cycle keeps its published results public (docs/domain.md §3.6).
const PUBLISHED_WHERE = `c.status IN ('FINALISED', 'ARCHIVED') AND c."publishedAt" IS NOT NULL`;

const CYCLE_COLUMNS = `c.id, c.name, c.year, c."publishedAt", c."programmeCode", p.name AS "programmeName", p."nameEn" AS "programmeNameEn",
  c."ownerInstitutionId", o.name AS "ownerName"`;
const CYCLE_JOINS = `"Cycle" c JOIN "Programme" p ON p.code = c."programmeCode" LEFT JOIN "Institution" o ON o.id = c."ownerInstitutionId"`;

/**
 * The published cycles with their results generation: the one query a results request makes when
 * its listing is cached (once per request: React's cache). Grouped by programme and owner (issue
 * 16): the national PEKPPP first, then each institution's own Mandiri cycles by owner, then the
 * other programmes; newest first within a group. Only what each owner published is here.
 */
export const listPublishedCycles = cache(async (): Promise<PublishedCycle[]> => {
  const rows = await pgPool.query<PublishedCycle>(
    `SELECT ${CYCLE_COLUMNS}, c."resultsGeneration" AS generation FROM ${CYCLE_JOINS}
     WHERE ${PUBLISHED_WHERE}
     ORDER BY CASE WHEN c."ownerInstitutionId" IS NULL AND c."programmeCode" = 'PEKPPP' THEN 0
                   WHEN c."ownerInstitutionId" IS NOT NULL AND c."programmeCode" = 'MANDIRI' THEN 1 ELSE 2 END,
              p."sortOrder", o.name NULLS FIRST, c."ownerInstitutionId", c.year DESC, c.name`,
  );
  return rows.rows;
});

/** Whether two cycles belong to the same programme and owner: a trend never mixes them (issue 16). */
export function sameSeries(a: PublishedCycle, b: PublishedCycle): boolean {
  return a.programmeCode === b.programmeCode && a.ownerInstitutionId === b.ownerInstitutionId;
}

export async function findPublishedCycle(cycleId: string): Promise<PublishedCycle | null> {
  return (await listPublishedCycles()).find((c) => c.id === cycleId) ?? null;
}

interface InstitutionRow {
  id: string;
  code: string;
  name: string;
  type: InstitutionType;
  provinceId: string | null;
  provinceName: string | null;
  lociCount: number;
  n: string;
  d: string;
  published: string;
  grade: Grade;
}

const LABEL_OF = new Map<string, string>(GRADE_BANDS.map((band) => [band.grade, band.label]));

async function readFinalInstitutions(cycleId: string, versionId: string | null): Promise<PublishedInstitution[]> {
  const rows = versionId
    ? await pgPool.query<InstitutionRow>(
        `SELECT r."institutionId" AS id, i.code, i.name, i.type::text AS type, i."provinceId", p.name AS "provinceName", r."lociCount",
                r."indexNumerator"::text AS n, r."indexDenominator"::text AS d, r."indexPublished"::text AS published, r.grade
         FROM "ResultVersionInstitution" r
         JOIN "Institution" i ON i.id = r."institutionId"
         LEFT JOIN "Province" p ON p.id = i."provinceId"
         WHERE r."versionId" = $1`,
        [versionId],
      )
    : await pgPool.query<InstitutionRow>(
        `SELECT r."institutionId" AS id, i.code, i.name, i.type::text AS type, i."provinceId", p.name AS "provinceName", r."lociCount",
            r."indexNumerator"::text AS n, r."indexDenominator"::text AS d, r."indexPublished"::text AS published, r.grade
     FROM "InstitutionResult" r
     JOIN "Institution" i ON i.id = r."institutionId"
     LEFT JOIN "Province" p ON p.id = i."provinceId"
     WHERE r."cycleId" = $1 AND r.kind = 'VERIFIED'
       AND NOT EXISTS (SELECT 1 FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId"
                       WHERE a."cycleId" = $1 AND l."institutionId" = r."institutionId" AND a.status <> 'FINAL')`,
        [cycleId],
      );
  return rankRows(rows.rows);
}

function rankRows(rows: InstitutionRow[]): PublishedInstitution[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const ranked = rankInstitutions(
    rows.map((row) => ({
      id: row.id,
      name: row.name,
      type: row.type,
      provinceId: row.provinceId,
      index: Rational.of(BigInt(row.n), BigInt(row.d)),
      published: row.published,
      grade: row.grade,
    })),
  );
  return ranked.map((r) => {
    const row = byId.get(r.id)!;
    return { ...r, code: row.code, provinceName: row.provinceName, lociCount: row.lociCount, label: LABEL_OF.get(r.grade) ?? r.grade };
  });
}

/** The final units of an institution's own cycle, ranked among themselves by their exact index. */
async function readFinalUnits(cycleId: string, versionId: string | null): Promise<PublishedInstitution[]> {
  const rows = await pgPool.query<InstitutionRow>(
    `SELECT l.id, '' AS code, l.name, i.type::text AS type, NULL AS "provinceId", NULL AS "provinceName", 1 AS "lociCount",
            r."indexNumerator"::text AS n, r."indexDenominator"::text AS d, r."indexPublished"::text AS published, r.grade
     FROM ${versionId ? `"ResultVersionLocus" r` : `"LocusResult" r`}
     JOIN "Assessment" a ON a.id = r."assessmentId" JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
     WHERE ${versionId ? `r."versionId" = $1` : `r."cycleId" = $1 AND r.kind = 'VERIFIED' AND a.status = 'FINAL'`}`,
    [versionId ?? cycleId],
  );
  return rankRows(rows.rows);
}

/**
 * Published listings, cached per cycle and requested version under the cycle's results generation
 * (issue 17): a publication, a withdrawal or a correction's new version changes the generation in
 * the same transaction, so every instance rebuilds at its next request, and not before. The
 * promise is cached, so concurrent requests after a change build the listing once.
 */
const publishedCache = new LRUCache<string, { generation: number; value: Promise<PublishedCycleResults | null> }>({ max: 64 });

function cachedPublished(cycle: PublishedCycle, version?: number): Promise<PublishedCycleResults | null> {
  const key = `${cycle.id}/${version ?? "current"}`;
  const generation = cycle.generation ?? -1;
  const hit = publishedCache.get(key);
  if (hit && hit.generation === generation) return hit.value;
  const value = withVersion(cycle, version).then((shown) => (shown ? buildResults(shown) : null));
  const entry = { generation, value };
  publishedCache.set(key, entry);
  // A failed read is not kept.
  value.catch(() => publishedCache.get(key) === entry && publishedCache.delete(key));
  return value;
}

/** A cycle's ranked institutions and national figures (ranks once per build: ranking-groups). */
async function buildResults(cycle: PublishedCycle): Promise<PublishedCycleResults> {
  // A version's rows never change (append-only); without a version the stored results are read.
  const versionId = cycle.version?.stored.id ?? null;
  const institutions = await readFinalInstitutions(cycle.id, versionId);
  const provinces = new Map<string, string>();
  for (const institution of institutions)
    if (institution.provinceId && institution.provinceName) provinces.set(institution.provinceId, institution.provinceName);
  return {
    cycle,
    institutions,
    units: cycle.ownerInstitutionId ? await readFinalUnits(cycle.id, versionId) : null,
    national: nationalIndex(institutions.map((i) => i.index)),
    provinces: [...provinces].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, "id")),
  };
}

/**
 * The cycle with the result version to show: the requested one (`?version=N`) or the current one.
 * Null when a version is requested that the cycle does not have.
 */
async function withVersion(cycle: PublishedCycle, requested?: number): Promise<PublishedCycle | null> {
  const stored = await listVersions(pgPool, cycle.id);
  if (stored.length === 0) return requested === undefined || requested === 1 ? cycle : null;
  const picked = pickVersion(stored, requested);
  if (!picked) return null;
  const current = pickVersion(stored, undefined)!;
  return {
    ...cycle,
    version: {
      number: picked.number,
      publishedAt: picked.publishedAt,
      current: picked.number === current.number,
      correctedAt: correctedAt(stored.filter((v) => v.number <= picked.number)),
      reason: picked.reason,
      decreeReference: picked.decreeReference,
      versions: stored.map((v) => ({ number: v.number, publishedAt: v.publishedAt })),
      stored: picked,
    },
  };
}

/**
 * A published cycle's ranked institutions and national figures, of its current result version or
 * of an earlier one (`version`); null for a cycle that is not published or a version it lacks.
 */
export async function loadPublishedResults(cycleId: string, version?: number): Promise<PublishedCycleResults | null> {
  const found = await findPublishedCycle(cycleId);
  return found ? cachedPublished(found, version) : null;
}

/**
 * What publishing a finalised cycle would show, for the admin who decides on publication (policy
 * cycle.publish). Never reachable through the public pages or routes, which read
 * loadPublishedResults only.
 */
export async function loadResultsPreview(actor: Actor, cycleId: string): Promise<PublishedCycleResults | null> {
  // Scope in the query: the national admin previews the ministry's cycles, an institution admin its own (docs/domain.md §3.12).
  if (!(await cycleInScope(actor, "cycle.publish", cycleId))) return null;
  const rows = await pgPool.query<PublishedCycle>(`SELECT ${CYCLE_COLUMNS} FROM ${CYCLE_JOINS} WHERE c.id = $1 AND c.status = 'FINALISED'`, [cycleId]);
  // Not cached: a preview also follows loci entering or leaving a correction before publication.
  return rows.rows[0] ? buildResults(rows.rows[0]) : null;
}

/** The national index of every published cycle, oldest first (for the trend), from the cached listings. */
export async function loadNationalTrend(cycles: readonly PublishedCycle[]) {
  const results = await Promise.all(cycles.map(async (c) => (await cachedPublished(c)) ?? (await buildResults(c))));
  return results.map((r) => ({ cycle: r.cycle, national: r.national })).reverse();
}

/**
 * A file built from a cached listing (an XLSX or CSV export, with its name), kept with that
 * listing: built once per listing, query and language, dropped with it when its results
 * generation changes.
 */
const filesCache = new WeakMap<PublishedCycleResults, LRUCache<string, Promise<unknown>>>();

export function cachedResultsFile<T extends {}>(results: PublishedCycleResults, key: string, build: () => Promise<T>): Promise<T> {
  let files = filesCache.get(results);
  if (!files) filesCache.set(results, (files = new LRUCache<string, Promise<unknown>>({ max: 64 })));
  const hit = files.get(key);
  if (hit) return hit as Promise<T>;
  const value = build();
  files.set(key, value);
  value.catch(() => files.get(key) === value && files.delete(key));
  return value;
}

// ───────────── Awards ─────────────

export interface PublishedAwards {
  cycle: PublishedCycle;
  rules: AwardRule[];
  eligibility: Map<string, AwardEligibility[]>;
}

/** Evaluations per cached listing (so per results generation) and per rule set. */
const awardsCache = new WeakMap<PublishedCycleResults, { rulesKey: string; value: PublishedAwards }>();

/** Who each award rule makes eligible in a published cycle, from final results only. */
export async function loadPublishedAwards(cycleId: string, version?: number): Promise<PublishedAwards | null> {
  const results = await loadPublishedResults(cycleId, version);
  return results ? loadAwardsFor(results) : null;
}

/**
 * The award eligibility of results already loaded (published, or an admin's preview): callers
 * that show both the ranking and the awards load the results once.
 */
export async function loadAwardsFor(results: PublishedCycleResults): Promise<PublishedAwards> {
  const cycleId = results.cycle.id;
  // The rules of the cycle's owner (issue 16): its own when it set any, else the national rules.
  const raw = await rawAwardRules(results.cycle.ownerInstitutionId);
  const rulesKey = JSON.stringify(raw);
  const cached = awardsCache.get(results);
  if (cached && cached.rulesKey === rulesKey) return cached.value;
  const rules = ZAwardRules.parse(raw);
  const versionId = results.cycle.version?.stored.id;
  const loci = versionId
    ? await pgPool.query<{ id: string; institutionId: string; name: string; published: string; grade: Grade }>(
        `SELECT r."assessmentId" AS id, r."institutionId", l.name, r."indexPublished"::text AS published, r.grade
         FROM "ResultVersionLocus" r JOIN "Assessment" a ON a.id = r."assessmentId" JOIN "Locus" l ON l.id = a."locusId"
         WHERE r."versionId" = $1 ORDER BY l."serviceType"`,
        [versionId],
      )
    : await pgPool.query<{ id: string; institutionId: string; name: string; published: string; grade: Grade }>(
        `SELECT a.id, l."institutionId", l.name, r."indexPublished"::text AS published, r.grade
     FROM "LocusResult" r JOIN "Assessment" a ON a.id = r."assessmentId" JOIN "Locus" l ON l.id = a."locusId"
     WHERE r."cycleId" = $1 AND r.kind = 'VERIFIED' AND a.status = 'FINAL' ORDER BY l."serviceType"`,
        [cycleId],
      );
  const lociOf = new Map<string, AwardInstitution["loci"][number][]>();
  for (const locus of loci.rows) {
    const list = lociOf.get(locus.institutionId) ?? [];
    list.push({ id: locus.id, name: locus.name, published: locus.published, grade: locus.grade });
    lociOf.set(locus.institutionId, list);
  }
  const institutions: AwardInstitution[] = results.institutions.map((i) => ({ ...i, loci: lociOf.get(i.id) ?? [] }));
  const value = { cycle: results.cycle, rules, eligibility: evaluateAwards(rules, institutions) };
  awardsCache.set(results, { rulesKey, value });
  return value;
}
