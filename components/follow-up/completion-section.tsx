import { getTranslations } from "next-intl/server";
import { DataTable } from "@/components/ui/table";
import type { CompletionGroup } from "@/lib/server/follow-up/monitoring";
import { CompletionChart } from "./completion-chart";

/**
 * Completion of follow-up per group (province, aspect, institution): a chart for the eye and, with
 * the same numbers, a table for everyone (screen readers read the table; the chart is hidden).
 */
export async function CompletionSection({
  id,
  title,
  groups,
  chart = true,
  testId,
}: {
  id: string;
  title: string;
  groups: CompletionGroup[];
  /** Without a chart (too many groups to draw), the long table scrolls in its own keyboard-reachable region. */
  chart?: boolean;
  testId: string;
}) {
  const t = await getTranslations("followUp");
  const scroll = !chart;
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3" data-testid={testId}>
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      {chart && groups.length > 1 ? (
        <CompletionChart data={groups.map((g) => ({ label: g.label, percent: Number(g.percent ?? 0) }))} seriesLabel={t("monitoring.rate")} />
      ) : null}
      <div {...(scroll ? { role: "region", "aria-label": title, tabIndex: 0, className: "max-h-[32rem] overflow-y-auto" } : {})}>
        <DataTable
          caption={title}
          headers={[t("monitoring.group"), t("monitoring.total"), t("monitoring.completed"), t("monitoring.rate"), t("monitoring.overdue")]}
        >
          {groups.map((g) => (
            <tr key={g.key} data-testid="completion-row">
              <th scope="row" className="px-4 py-2 text-left font-normal">
                {g.label}
              </th>
              <td className="px-4 py-2 tabular-nums">{g.total}</td>
              <td className="px-4 py-2 tabular-nums">{g.completed}</td>
              <td className="px-4 py-2 tabular-nums">{g.percent === null ? "—" : `${g.percent}%`}</td>
              <td className="px-4 py-2 tabular-nums">{g.overdue}</td>
            </tr>
          ))}
        </DataTable>
      </div>
    </section>
  );
}
