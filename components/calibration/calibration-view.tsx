import { getTranslations } from "next-intl/server";
import { GapChart } from "@/components/calibration/gap-chart";
import { DownloadButton } from "@/components/download-button";
import { EmptyState } from "@/components/empty-state";
import { DataTable } from "@/components/ui/table";
import { chartValue, gapText, meanGap } from "@/lib/domain/calibration";
import { INSTITUTION_TYPES } from "@/lib/domain/registry/fields";
import type { CalibrationView, GapDimension, GapGroup } from "@/lib/server/calibration/calibration";

const cell = "px-4 py-2 tabular-nums";

/** The query string of the current filters (for the export link). */
function queryOf(view: CalibrationView) {
  const params = new URLSearchParams();
  if (view.cycle) params.set("cycle", view.cycle.id);
  for (const key of ["type", "province", "aspect"] as const) {
    const value = view.filters[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}

/** The calibration page (issue 18): filters, the gap by each dimension, the verifiers against each other, the trend. Charts with their tables. */
export async function CalibrationPage({ view, path }: { view: CalibrationView; path: string }) {
  const t = await getTranslations();
  const c = (key: string, values?: Record<string, string | number>) => t(`calibration.${key}`, values);
  const nameOf = (group: GapGroup) => (group.dimension === "type" ? t(`institutionType.${group.key}`) : group.name || group.key);
  const labelOf = (group: GapGroup) => (group.dimension === "indicator" || group.dimension === "aspect" ? group.key : nameOf(group));
  const dimensions: { dimension: GapDimension; title: string; chart: boolean }[] = [
    { dimension: "aspect", title: c("byAspect"), chart: true },
    { dimension: "indicator", title: c("byIndicator"), chart: true },
    { dimension: "type", title: c("byType"), chart: false },
    { dimension: "province", title: c("byProvince"), chart: false },
    ...(view.own ? [] : [{ dimension: "verifier" as const, title: c("byVerifier"), chart: false }]),
  ];
  const headers = [c("group"), c("answers"), c("meanGap"), c("overRated"), c("underRated")];
  const select = "mt-1 block w-full max-w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
  return (
    <div className="space-y-8">
      <p className="text-sm text-slate-600">{view.own ? c("ownIntro") : c("intro")}</p>
      <form method="get" action={path} className="grid gap-3 rounded-xl border border-slate-200 bg-white p-4 sm:grid-cols-5" aria-label={c("filters")}>
        <label className="text-sm">
          {c("cycle")}
          <select name="cycle" defaultValue={view.cycle?.id} className={select}>
            {view.cycles.map((cycle) => (
              <option key={cycle.id} value={cycle.id}>
                {cycle.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          {c("type")}
          <select name="type" defaultValue={view.filters.type ?? ""} className={select}>
            <option value="">{c("all")}</option>
            {INSTITUTION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`institutionType.${type}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          {c("province")}
          <select name="province" defaultValue={view.filters.province ?? ""} className={select}>
            <option value="">{c("all")}</option>
            {view.provinces.map((province) => (
              <option key={province.id} value={province.id}>
                {province.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          {c("aspect")}
          <select name="aspect" defaultValue={view.filters.aspect ?? ""} className={select}>
            <option value="">{c("all")}</option>
            {view.aspects.map((aspect) => (
              <option key={aspect.code} value={aspect.code}>
                {aspect.code}. {aspect.name}
              </option>
            ))}
          </select>
        </label>
        <div className="flex items-end gap-3">
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white">
            {c("apply")}
          </button>
        </div>
      </form>
      {view.own ? null : <DownloadButton href={`/api/calibration/export?${queryOf(view)}`} label={c("export")} testId="calibration-export" />}

      <p className="text-lg" data-testid="calibration-overall">
        {c("meanGap")}: <span className="font-semibold tabular-nums">{gapText(meanGap(view.overall))}</span> · {c("answers")}:{" "}
        <span className="tabular-nums">{t("calibration.count", { n: view.overall.answers })}</span>
      </p>
      {view.overall.answers === 0 ? <EmptyState>{c("empty")}</EmptyState> : null}

      {view.overall.answers > 0
        ? dimensions.map(({ dimension, title, chart }) => {
            const rows = view.groups.filter((g) => g.dimension === dimension);
            return (
              <section key={dimension} aria-labelledby={`gap-${dimension}`} className="space-y-3" data-testid={`calibration-${dimension}`}>
                <h2 id={`gap-${dimension}`} className="font-semibold">
                  {title}
                </h2>
                {chart ? (
                  <>
                    <p className="sr-only">{c("chartLabel", { title })}</p>
                    <GapChart data={rows.map((g) => ({ label: labelOf(g), value: chartValue(meanGap(g)) }))} seriesLabel={c("meanGap")} />
                  </>
                ) : null}
                <DataTable caption={title} headers={headers}>
                  {rows.map((g) => (
                    <tr key={g.key} data-testid="calibration-row">
                      <th scope="row" className="px-4 py-2 text-left font-normal">
                        {g.dimension === "indicator" || g.dimension === "aspect" ? `${g.key}. ${g.name}` : nameOf(g)}
                      </th>
                      <td className={cell}>{g.answers}</td>
                      <td className={`${cell} font-semibold`}>{gapText(meanGap(g))}</td>
                      <td className={cell}>{g.over}</td>
                      <td className={cell}>{g.under}</td>
                    </tr>
                  ))}
                </DataTable>
              </section>
            );
          })
        : null}

      {view.verifiers.length > 0 ? (
        <section aria-labelledby="verifiers-title" className="space-y-3" data-testid="calibration-verifiers">
          <h2 id="verifiers-title" className="font-semibold">
            {c("verifiersTitle")}
          </h2>
          <p className="text-sm text-slate-600">{c("verifiersIntro")}</p>
          <GapChart
            data={view.verifiers.map((v, i) => ({
              label: v.self ? c("you") : (v.name ?? String(i + 1)),
              value: chartValue(v.meanAdjustment),
              marked: v.outlier,
            }))}
            seriesLabel={c("meanAdjustment")}
          />
          <DataTable
            caption={c("verifiersTitle")}
            headers={[c("verifier"), c("answers"), c("meanAdjustment"), c("lowered"), c("raised"), c("quartiles"), c("zScore")]}
          >
            {view.verifiers.map((v, i) => (
              <tr key={v.verifierId} data-testid="calibration-verifier" className={v.self ? "bg-brand-50" : undefined}>
                <th scope="row" className="px-4 py-2 text-left font-normal">
                  {v.self ? c("you") : (v.name ?? c("otherVerifier", { n: i + 1 }))}
                </th>
                <td className={cell}>{v.answers}</td>
                <td className={`${cell} font-semibold`}>{gapText(v.meanAdjustment)}</td>
                <td className={cell}>{v.lowered}</td>
                <td className={cell}>{v.raised}</td>
                <td className={cell}>
                  {v.q1} / {v.median} / {v.q3}
                </td>
                <td className={cell}>
                  {v.z === null ? "—" : v.z.toFixed(2)}
                  {v.outlier ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">{c("outlier")}</span> : null}
                </td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}

      {view.trend.length > 0 ? (
        <section aria-labelledby="trend-title" className="space-y-3" data-testid="calibration-trend">
          <h2 id="trend-title" className="font-semibold">
            {c("trendTitle")}
          </h2>
          <GapChart data={view.trend.map((p) => ({ label: String(p.year), value: chartValue(meanGap(p)) }))} seriesLabel={c("meanGap")} />
          <DataTable caption={c("trendTitle")} headers={[c("cycle"), c("answers"), c("meanGap"), c("overRated"), c("underRated")]}>
            {view.trend.map((p) => (
              <tr key={p.cycleId}>
                <th scope="row" className="px-4 py-2 text-left font-normal">
                  {p.cycleName}
                </th>
                <td className={cell}>{p.answers}</td>
                <td className={`${cell} font-semibold`}>{gapText(meanGap(p))}</td>
                <td className={cell}>{p.over}</td>
                <td className={cell}>{p.under}</td>
              </tr>
            ))}
          </DataTable>
        </section>
      ) : null}
    </div>
  );
}
