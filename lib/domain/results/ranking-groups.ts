import type { Grade } from "../grades";
import { compare, type Rational } from "../rational";
import { rank, type RankedItem } from "../ranking";
import { INSTITUTION_TYPES, type InstitutionType } from "../registry/fields";

/**
 * The ranking groups of docs/domain.md §6: each institution type nationally, and the regencies and
 * cities of one province together.
 */
export type RankingGroup = { kind: "NATIONAL"; type: InstitutionType } | { kind: "PROVINCE"; provinceId: string };

export interface RankableInstitution {
  id: string;
  name: string;
  type: InstitutionType;
  provinceId: string | null;
  index: Rational;
  published: string;
  grade: Grade;
}

export interface GroupStanding {
  rank: number;
  tied: boolean;
  size: number;
}

export interface RankedInstitution extends RankableInstitution {
  national: GroupStanding;
  /** Among the regencies and cities of its province; null for other types. */
  province: GroupStanding | null;
}

export function isRegional(type: InstitutionType): boolean {
  return type === "KABUPATEN" || type === "KOTA";
}

const byName = (a: RankableInstitution, b: RankableInstitution) => a.name.localeCompare(b.name, "id") || a.id.localeCompare(b.id);
/** The order of `rank`: highest exact index first, then by name. Ranks follow it within a group. */
const byExactIndex = (a: RankableInstitution, b: RankableInstitution) => compare(b.index, a.index) || byName(a, b);

function standings(members: readonly RankableInstitution[]): Map<string, GroupStanding> {
  const ranked: RankedItem<RankableInstitution>[] = rank(
    members.map((m) => ({ key: m, index: m.index })),
    byName,
  );
  return new Map(ranked.map((r) => [r.key.id, { rank: r.rank, tied: r.tied, size: ranked.length }]));
}

/**
 * Every institution with its standing in its national group and, for regencies and cities, in its
 * province; ordered as the national listings are (type, then rank, exact order inside a tie).
 */
export function rankInstitutions(institutions: readonly RankableInstitution[]): RankedInstitution[] {
  const national = new Map<InstitutionType, RankableInstitution[]>();
  const provincial = new Map<string, RankableInstitution[]>();
  for (const institution of institutions) {
    const sameType = national.get(institution.type);
    if (sameType) sameType.push(institution);
    else national.set(institution.type, [institution]);
    if (isRegional(institution.type) && institution.provinceId) {
      const list = provincial.get(institution.provinceId);
      if (list) list.push(institution);
      else provincial.set(institution.provinceId, [institution]);
    }
  }
  const nationalStanding = new Map<string, GroupStanding>();
  for (const members of national.values()) for (const [id, s] of standings(members)) nationalStanding.set(id, s);
  const provinceStanding = new Map<string, GroupStanding>();
  for (const members of provincial.values()) for (const [id, s] of standings(members)) provinceStanding.set(id, s);
  return institutions
    .map((institution) => ({ ...institution, national: nationalStanding.get(institution.id)!, province: provinceStanding.get(institution.id) ?? null }))
    .sort((a, b) => INSTITUTION_TYPES.indexOf(a.type) - INSTITUTION_TYPES.indexOf(b.type) || byExactIndex(a, b));
}

/** The members of one group, in ranking order, each with its standing in that group. */
export function groupListing<T extends RankedInstitution>(ranked: readonly T[], group: RankingGroup): (T & { standing: GroupStanding })[] {
  if (group.kind === "NATIONAL") {
    return ranked.filter((r) => r.type === group.type).map((r) => ({ ...r, standing: r.national }));
  }
  return ranked
    .filter((r) => r.province !== null && r.provinceId === group.provinceId)
    .map((r) => ({ ...r, standing: r.province! }))
    .sort(byExactIndex);
}
