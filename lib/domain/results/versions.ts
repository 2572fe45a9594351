import { evaluateAwards, type AwardEligibility, type AwardInstitution, type AwardRule } from "./awards";
import { rankInstitutions, type GroupStanding } from "./ranking-groups";

/**
 * Result versions (docs/domain.md §6.4): a published cycle's results are never overwritten; a
 * correction adds a version, and the current one is the highest number. What a correction changed
 * is found by ranking both versions and evaluating the award rules on both with the same pure
 * functions the listing uses, then comparing.
 */

export interface VersionSummary {
  number: number;
  publishedAt: Date;
}

/** The version a reader asked for (`?version=N`), or the current one; null when N does not exist. */
export function pickVersion<T extends VersionSummary>(versions: readonly T[], requested: number | undefined): T | null {
  if (versions.length === 0) return null;
  const current = versions.reduce((a, b) => (b.number > a.number ? b : a));
  if (requested === undefined) return current;
  return versions.find((v) => v.number === requested) ?? null;
}

/** When the current version differs from the first published one: the date of its correction. */
export function correctedAt(versions: readonly VersionSummary[]): Date | null {
  if (versions.length < 2) return null;
  return versions.reduce((a, b) => (b.number > a.number ? b : a)).publishedAt;
}

export interface StandingChange {
  institutionId: string;
  name: string;
  /** Published index and grade before and after (null: not in that version). */
  before: { published: string; grade: string; national: number; province: number | null } | null;
  after: { published: string; grade: string; national: number; province: number | null } | null;
}

export interface AwardChange {
  ruleId: string;
  institutionId: string;
  institutionName: string;
  locusId: string | null;
  change: "GAINED" | "LOST";
}

export interface VersionDiff {
  /** Institutions whose index, grade or rank (national or in the province) changed. */
  standings: StandingChange[];
  /** Whether any rank changed (not only an index). */
  rankChanged: boolean;
  /** Award eligibility gained or lost. */
  awards: AwardChange[];
}

const position = (s: GroupStanding | null) => s?.rank ?? null;

function eligibilityKeys(eligibility: Map<string, AwardEligibility[]>) {
  const keys = new Map<string, AwardEligibility>();
  for (const list of eligibility.values()) for (const e of list) keys.set(`${e.ruleId}|${e.institutionId}|${e.locus?.id ?? ""}`, e);
  return keys;
}

/** The differences between two versions of a cycle's results, under the same award rules. */
export function diffVersions(before: readonly AwardInstitution[], after: readonly AwardInstitution[], rules: readonly AwardRule[]): VersionDiff {
  const rankedBefore = new Map(rankInstitutions(before).map((r) => [r.id, r]));
  const rankedAfter = new Map(rankInstitutions(after).map((r) => [r.id, r]));
  const standings: StandingChange[] = [];
  let rankChanged = false;
  for (const id of new Set([...rankedBefore.keys(), ...rankedAfter.keys()])) {
    const b = rankedBefore.get(id);
    const a = rankedAfter.get(id);
    const view = (r: typeof b) => (r ? { published: r.published, grade: r.grade, national: r.national.rank, province: position(r.province) } : null);
    const vb = view(b);
    const va = view(a);
    if (JSON.stringify(vb) === JSON.stringify(va)) continue;
    if (!vb || !va || vb.national !== va.national || vb.province !== va.province) rankChanged = true;
    standings.push({ institutionId: id, name: (a ?? b)!.name, before: vb, after: va });
  }
  standings.sort((x, y) => x.name.localeCompare(y.name, "id"));
  const eb = eligibilityKeys(evaluateAwards(rules, before));
  const ea = eligibilityKeys(evaluateAwards(rules, after));
  const awards: AwardChange[] = [];
  const toChange = (e: AwardEligibility, change: AwardChange["change"]): AwardChange => ({
    ruleId: e.ruleId,
    institutionId: e.institutionId,
    institutionName: e.institutionName,
    locusId: e.locus?.id ?? null,
    change,
  });
  for (const [key, e] of ea) if (!eb.has(key)) awards.push(toChange(e, "GAINED"));
  for (const [key, e] of eb) if (!ea.has(key)) awards.push(toChange(e, "LOST"));
  return { standings, rankChanged, awards };
}
