import type { AwardEligibility } from "@/lib/domain/results/awards";
import type { loadInstitutionStanding } from "@/lib/server/results/head-dashboard";

type Translate = (key: string, values?: Record<string, string | number>) => string;
type Standing = Awaited<ReturnType<typeof loadInstitutionStanding>>;

/**
 * The rank lines of an institution's standing, in the reader's language: the head dashboard shows
 * them and the PDF report card prints them, from this one function, so the two always read alike.
 */
export function standingLines(
  t: Translate,
  { standing, publishedCycle }: Pick<Standing, "standing" | "publishedCycle">,
): { national: string; province: string | null } | null {
  if (!standing || !publishedCycle) return null;
  return {
    national: t(standing.national.tied ? "dashboard.nationalRankTied" : "dashboard.nationalRank", {
      rank: standing.national.rank,
      size: standing.national.size,
      group: t(`institutionType.${standing.type}`),
      cycle: publishedCycle.name,
    }),
    province: standing.province
      ? t(standing.province.tied ? "dashboard.provinceRankTied" : "dashboard.provinceRank", {
          rank: standing.province.rank,
          size: standing.province.size,
          province: standing.provinceName ?? "",
        })
      : null,
  };
}

/** An award eligibility in words: the rule's name in the reader's language (with the locus for a locus award), and why. */
export function awardLines(t: Translate, locale: string, award: Standing["awards"][number]): { title: string; reason: string } {
  return {
    title: `${award.rule.name[locale === "en" ? "en" : "id"]}${award.locus ? ` · ${award.locus.name}` : ""}`,
    reason: awardReasonText(t, award.reason),
  };
}

/** The rule and the numbers that make a subject eligible (awards.reason.<kind>[_TIED]). */
export function awardReasonText(t: Translate, reason: AwardEligibility["reason"]): string {
  const tied = (reason.kind === "TOP_N" || reason.kind === "PROVINCE_BEST") && reason.values.tied === 1;
  return t(`awards.reason.${reason.kind}${tied ? "_TIED" : ""}`, reason.values);
}
