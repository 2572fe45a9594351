import type { Grade } from "../grades";
import { GRADE_BANDS, formatHundredths } from "../grades";
import type { InstitutionType } from "../registry/fields";
import { isRegional, rankInstitutions, type RankableInstitution } from "./ranking-groups";

/**
 * Award rules as data (docs/domain.md §6, all "configurable"). The kinds are the published award kinds;
 * which grade, which groups and how many winners are the rule's data.
 */
export type AwardRule =
  /** Every institution (or locus) whose published grade is `grade` (Pelayanan Prima: grade A). */
  | { id: string; kind: "GRADE"; subject: "INSTITUTION" | "LOCUS"; grade: Grade; name: LocalisedName }
  /** The top `n` of a national ranking group; ties at the boundary are all included. */
  | { id: string; kind: "TOP_N"; group: InstitutionType; n: number; name: LocalisedName }
  /** Rank 1 (ties included) among the regencies and cities of each province. */
  | { id: string; kind: "PROVINCE_BEST"; name: LocalisedName }
  /** An institution whose loci all have grade `grade` (Pembina Pelayanan Publik Kategori Prima). */
  | { id: string; kind: "ALL_LOCI_GRADE"; grade: Grade; name: LocalisedName };

export interface LocalisedName {
  id: string;
  en: string;
}

export interface AwardLocus {
  id: string;
  name: string;
  published: string;
  grade: Grade;
}

export interface AwardInstitution extends RankableInstitution {
  provinceName: string | null;
  loci: readonly AwardLocus[];
}

/**
 * Why a subject is eligible: a catalogue key (awards.reason.<kind>) and the numbers behind it, so
 * every eligibility shown says which rule made it so, from which numbers (§6).
 */
export interface AwardEligibility {
  ruleId: string;
  institutionId: string;
  institutionName: string;
  /** Set when the subject is a locus rather than the institution. */
  locus: { id: string; name: string } | null;
  reason: { kind: AwardRule["kind"]; values: Record<string, string | number> };
}

/** Lowest published value of a grade band ("4.51" for A), for the explanation. */
function gradeMinimum(grade: Grade): string {
  const band = GRADE_BANDS.find((b) => b.grade === grade)!;
  return formatHundredths(band.minHundredths);
}

/**
 * Who each rule makes eligible. The caller passes FINAL results of a published cycle only: the
 * rules themselves cannot tell a provisional number from a final one.
 */
export function evaluateAwards(rules: readonly AwardRule[], institutions: readonly AwardInstitution[]): Map<string, AwardEligibility[]> {
  const ranked = rankInstitutions(institutions);
  const byId = new Map(institutions.map((i) => [i.id, i]));
  const result = new Map<string, AwardEligibility[]>();
  for (const rule of rules) {
    const eligible: AwardEligibility[] = [];
    const institutionEntry = (institution: AwardInstitution, values: Record<string, string | number>): AwardEligibility => ({
      ruleId: rule.id,
      institutionId: institution.id,
      institutionName: institution.name,
      locus: null,
      reason: { kind: rule.kind, values },
    });
    switch (rule.kind) {
      case "GRADE":
        for (const r of ranked) {
          const institution = byId.get(r.id)!;
          if (rule.subject === "INSTITUTION") {
            if (institution.grade === rule.grade)
              eligible.push(institutionEntry(institution, { published: institution.published, grade: rule.grade, minimum: gradeMinimum(rule.grade) }));
          } else {
            for (const locus of institution.loci) {
              if (locus.grade !== rule.grade) continue;
              eligible.push({
                ...institutionEntry(institution, { published: locus.published, grade: rule.grade, minimum: gradeMinimum(rule.grade) }),
                locus: { id: locus.id, name: locus.name },
              });
            }
          }
        }
        break;
      case "TOP_N":
        for (const r of ranked) {
          if (r.type !== rule.group || r.national.rank > rule.n) continue;
          eligible.push(
            institutionEntry(byId.get(r.id)!, {
              rank: r.national.rank,
              n: rule.n,
              size: r.national.size,
              published: r.published,
              tied: r.national.tied ? 1 : 0,
            }),
          );
        }
        break;
      case "PROVINCE_BEST":
        for (const r of ranked) {
          if (!isRegional(r.type) || !r.province || r.province.rank !== 1) continue;
          const institution = byId.get(r.id)!;
          eligible.push(
            institutionEntry(institution, {
              province: institution.provinceName ?? "",
              size: r.province.size,
              published: r.published,
              tied: r.province.tied ? 1 : 0,
            }),
          );
        }
        break;
      case "ALL_LOCI_GRADE":
        for (const r of ranked) {
          const institution = byId.get(r.id)!;
          if (institution.loci.length === 0 || !institution.loci.every((l) => l.grade === rule.grade)) continue;
          const lowest = institution.loci.map((l) => l.published).sort()[0]!;
          eligible.push(institutionEntry(institution, { loci: institution.loci.length, grade: rule.grade, lowest }));
        }
        break;
    }
    result.set(rule.id, eligible);
  }
  return result;
}

/** The awards an institution (or one of its loci) is eligible for. */
export function awardsOf(eligibility: Map<string, AwardEligibility[]>, institutionId: string): AwardEligibility[] {
  return [...eligibility.values()].flat().filter((e) => e.institutionId === institutionId);
}
