import { getFormatter, getTranslations } from "next-intl/server";
import type { StatusMatrix } from "@/lib/domain/cycle";
import { TableScroll } from "@/components/ui/table";
import { ASSESSMENT_STATUSES } from "@/lib/domain/workflow";

/** Loci per status (columns) per institution type (rows), with totals; each count links to the filtered list. */
export async function StatusMatrixTable({ matrix, lociHref }: { matrix: StatusMatrix; lociHref: string }) {
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  return (
    <TableScroll label={t("cycleAdmin.overview.matrixTitle")}>
      <table className="min-w-full text-sm" data-testid="status-matrix">
        <caption className="sr-only">{t("cycleAdmin.overview.matrixTitle")}</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              {t("cycleAdmin.overview.institutionType")}
            </th>
            {ASSESSMENT_STATUSES.map((s) => (
              <th key={s} scope="col" className="px-4 py-2 text-right font-medium">
                {t(`status.${s}`)}
              </th>
            ))}
            <th scope="col" className="px-4 py-2 text-right font-medium">
              {t("cycleAdmin.overview.total")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {matrix.rows.map((row) => (
            <tr key={row.type}>
              <th scope="row" className="px-4 py-2 text-left font-medium">
                {t(`institutionType.${row.type}`)}
              </th>
              {ASSESSMENT_STATUSES.map((s) => (
                <td key={s} className="px-4 py-2 text-right tabular-nums">
                  {format.number(row.counts[s])}
                </td>
              ))}
              <td className="px-4 py-2 text-right font-medium tabular-nums">{format.number(row.total)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t border-slate-200 bg-slate-50">
          <tr>
            <th scope="row" className="px-4 py-2 text-left font-medium">
              {t("cycleAdmin.overview.total")}
            </th>
            {ASSESSMENT_STATUSES.map((s) => (
              <td key={s} className="px-4 py-2 text-right tabular-nums">
                <a
                  href={`${lociHref}?status=${s}`}
                  className="text-brand-700 underline-offset-2 hover:underline"
                  aria-label={t("cycleAdmin.overview.showStatus", { status: t(`status.${s}`), count: matrix.totals[s] })}
                >
                  {format.number(matrix.totals[s])}
                </a>
              </td>
            ))}
            <td className="px-4 py-2 text-right font-semibold tabular-nums">{format.number(matrix.total)}</td>
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}
