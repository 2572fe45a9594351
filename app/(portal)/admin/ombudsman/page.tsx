import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { OmbudsmanImport } from "@/components/ombudsman/ombudsman-import";
import { OmbudsmanScatter } from "@/components/ombudsman/ombudsman-scatter";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/input";
import { DataTable } from "@/components/ui/table";
import { OMBUDSMAN_COLUMNS } from "@/lib/domain/ombudsman";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { comparableCycles, ombudsmanComparison } from "@/lib/server/ombudsman/comparison";

export async function generateMetadata() {
  return { title: (await getTranslations("ombudsman"))("title") };
}

/** The Ombudsman compliance results: import (dry run, apply) and the side-by-side comparison with the index of a cycle. */
export default async function OmbudsmanPage({ searchParams }: { searchParams: Promise<{ cycle?: string | string[] }> }) {
  const user = await requirePolicy("ombudsman.manage");
  const [t, cycles, params] = await Promise.all([getTranslations("ombudsman"), comparableCycles(user), searchParams]);
  const chosen = cycles.find((c) => c.id === params.cycle) ?? cycles[0] ?? null;
  const comparison = chosen ? await ombudsmanComparison(user, chosen.id) : null;
  return (
    <section aria-labelledby="page-title" className="space-y-8">
      <div className="space-y-1">
        <h1 id="page-title" className="text-2xl font-semibold">
          {t("title")}
        </h1>
        <p className="text-slate-600">{t("intro")}</p>
      </div>

      <section aria-labelledby="import-title" className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
        <h2 id="import-title" className="text-lg font-semibold">
          {t("importTitle")}
        </h2>
        <p className="text-sm text-slate-600">{t("layout", { columns: OMBUDSMAN_COLUMNS.map((c) => c.header).join(", ") })}</p>
        <OmbudsmanImport />
      </section>

      <section aria-labelledby="comparison-title" className="space-y-4">
        <h2 id="comparison-title" className="text-lg font-semibold">
          {t("comparisonTitle")}
        </h2>
        {cycles.length === 0 || !chosen ? (
          <EmptyState>{t("noCycles")}</EmptyState>
        ) : (
          <>
            <form method="get" className="flex flex-wrap items-end gap-3">
              <div>
                <label htmlFor="ombudsman-cycle" className="block text-sm font-medium">
                  {t("cycle")}
                </label>
                <Select id="ombudsman-cycle" name="cycle" defaultValue={chosen.id} inline>
                  {cycles.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name} ({c.year})
                    </option>
                  ))}
                </Select>
              </div>
              <Button type="submit" variant="secondary" size="md">
                {t("show")}
              </Button>
            </form>
            <p className="text-sm text-slate-600">{t("yearRule", { year: chosen.year })}</p>
            {comparison && comparison.points.length > 0 ? (
              <>
                <p className="font-medium" data-testid="ombudsman-correlation">
                  {comparison.correlation === null
                    ? t("correlationNone", { count: comparison.points.length })
                    : t("correlation", { r: comparison.correlation, count: comparison.points.length })}
                </p>
                <OmbudsmanScatter points={comparison.points} xLabel={t("indexAxis")} yLabel={t("scoreAxis")} />
                <DataTable caption={t("tableCaption", { year: chosen.year })} headers={[t("institution"), t("index"), t("score"), t("zone"), t("rank")]}>
                  {comparison.points.map((p) => (
                    <tr key={p.institutionId} data-testid="ombudsman-row">
                      <td className="px-4 py-2">
                        {p.name} <span className="text-xs text-slate-500">({p.code})</span>
                      </td>
                      <td className="px-4 py-2 tabular-nums">{p.indexText}</td>
                      <td className="px-4 py-2 tabular-nums">{p.scoreText}</td>
                      <td className="px-4 py-2">{t(`zones.${p.zone}`)}</td>
                      <td className="px-4 py-2 tabular-nums">{p.rank ?? "—"}</td>
                    </tr>
                  ))}
                </DataTable>
                {comparison.withoutIndex > 0 ? <p className="text-sm text-slate-600">{t("withoutIndex", { count: comparison.withoutIndex })}</p> : null}
              </>
            ) : (
              <EmptyState>{t("noPairs", { year: chosen.year })}</EmptyState>
            )}
          </>
        )}
      </section>
    </section>
  );
}
