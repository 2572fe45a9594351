import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { DataTable } from "@/components/ui/table";
import { EmptyState } from "@/components/empty-state";
import { AwardReason } from "@/components/results/award-reason";
import { CyclePicker, NothingPublished } from "@/components/results/cycle-picker";
import { ZRankingQuery, firstValues } from "@/lib/schemas/results";
import { listPublishedCycles, loadPublishedAwards } from "@/lib/server/results/published";

export async function generateMetadata() {
  return { title: (await getTranslations("awards"))("title") };
}

/**
 * Award eligibility of a published cycle, rule by rule, each subject with the rule and the numbers
 * behind it (in PUBLIC_PAGES). Only final results of published cycles count (docs/domain.md §6).
 */
export default async function AwardsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = ZRankingQuery.parse(firstValues(await searchParams));
  const [t, locale, cycles] = await Promise.all([getTranslations(), getLocale(), listPublishedCycles()]);
  if (cycles.length === 0) return <NothingPublished title={t("awards.title")} />;
  const awards = await loadPublishedAwards(query.cycle ?? cycles[0]!.id);
  if (!awards) notFound();
  return (
    <section aria-labelledby="page-title" className="space-y-8">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 id="page-title" className="text-2xl font-semibold">
            {t("awards.title")}
          </h1>
          <p className="mt-1 text-slate-600">{t("awards.subtitle", { cycle: awards.cycle.name })}</p>
        </div>
        <CyclePicker cycles={cycles} current={awards.cycle.id} />
      </header>
      <nav aria-label={t("awards.rulesNav")}>
        <ul className="flex flex-wrap gap-2 text-sm">
          {awards.rules.map((rule) => (
            <li key={rule.id}>
              <a href={`#rule-${rule.id}`} className="text-brand-700 underline">
                {rule.name[locale === "en" ? "en" : "id"]} ({awards.eligibility.get(rule.id)?.length ?? 0})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {awards.rules.map((rule) => {
        const eligible = awards.eligibility.get(rule.id) ?? [];
        return (
          <section key={rule.id} id={`rule-${rule.id}`} aria-labelledby={`rule-${rule.id}-title`} className="space-y-3" data-testid={`award-${rule.id}`}>
            <h2 id={`rule-${rule.id}-title`} className="text-lg font-semibold">
              {rule.name[locale === "en" ? "en" : "id"]}
            </h2>
            <p className="text-sm text-slate-600">
              {t(
                `awards.rule.${rule.kind}`,
                rule.kind === "TOP_N" ? { n: rule.n, group: t(`institutionType.${rule.group}`) } : "grade" in rule ? { grade: rule.grade } : {},
              )}
            </p>
            {eligible.length === 0 ? (
              <EmptyState>{t("awards.noneEligible")}</EmptyState>
            ) : (
              <DataTable headers={[t("awards.colInstitution"), t("awards.colLocus"), t("awards.colReason")]} caption={rule.name[locale === "en" ? "en" : "id"]}>
                {eligible.map((e) => (
                  <tr key={`${e.institutionId}-${e.locus?.id ?? ""}`} data-testid="award-row">
                    <td className="px-4 py-2">{e.institutionName}</td>
                    <td className="px-4 py-2">{e.locus?.name ?? "—"}</td>
                    <td className="px-4 py-2 text-slate-700">
                      <AwardReason reason={e.reason} />
                    </td>
                  </tr>
                ))}
              </DataTable>
            )}
          </section>
        );
      })}
    </section>
  );
}
