import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { DataTable } from "@/components/ui/table";
import { EmptyState } from "@/components/empty-state";
import type { OwnedCycleSummary } from "@/lib/server/cycle/summary";

/**
 * The institutions' own cycles (PEKPPP Mandiri …), read-only (issue 16): participation, mean
 * index and grade distribution of each, from the stored results.
 */
export async function OwnedCyclesSummary({ summaries }: { summaries: readonly OwnedCycleSummary[] }) {
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getLocale()]);
  return (
    <section aria-labelledby="owned-cycles-title" className="mt-10" data-testid="owned-cycles-summary">
      <h2 id="owned-cycles-title" className="text-xl font-semibold">
        {t("programmes.mandiriOverview.title")}
      </h2>
      <p className="mt-1 text-slate-600">{t("programmes.mandiriOverview.intro")}</p>
      {summaries.length === 0 ? (
        <div className="mt-4">
          <EmptyState>{t("programmes.mandiriOverview.empty")}</EmptyState>
        </div>
      ) : (
        <div className="mt-4">
          <DataTable
            caption={t("programmes.mandiriOverview.title")}
            headers={[
              t("programmes.owner"),
              t("common.cycle"),
              t("programmes.programme"),
              t("common.status"),
              t("programmes.mandiriOverview.participation"),
              t("programmes.mandiriOverview.meanIndex"),
              t("programmes.mandiriOverview.grades"),
            ]}
          >
            {summaries.map((s) => (
              <tr key={s.id} data-testid="owned-cycle-row">
                <td className="px-4 py-2">{s.ownerName}</td>
                <td className="px-4 py-2 font-medium">
                  <Link href={`/admin/cycles/${s.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                    {s.name} ({s.year})
                  </Link>
                </td>
                <td className="px-4 py-2">{locale === "en" ? s.programmeNameEn : s.programmeName}</td>
                <td className="px-4 py-2">{t(`cycleStatus.${s.status}`)}</td>
                <td className="px-4 py-2 tabular-nums">{t("programmes.mandiriOverview.participationValue", { done: s.verified, total: s.units })}</td>
                <td className="px-4 py-2 tabular-nums">
                  {s.meanIndex ? format.number(Number(s.meanIndex), { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : t("common.none")}
                </td>
                <td className="px-4 py-2">
                  {Object.entries(s.grades)
                    .sort(([a], [b]) => a.localeCompare(b))
                    .map(([grade, count]) => `${grade}: ${format.number(count)}`)
                    .join(" · ") || t("common.none")}
                </td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
    </section>
  );
}
