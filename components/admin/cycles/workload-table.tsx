import { getFormatter, getTranslations } from "next-intl/server";
import { DataTable } from "@/components/ui/table";
import { EmptyState } from "@/components/empty-state";
import type { WorkloadView } from "@/lib/server/cycle/overview";

/** Each verifier's load in the cycle: institutions, loci waiting for it, and loci by status. */
export async function WorkloadTable({ rows }: { rows: WorkloadView[] }) {
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  if (rows.length === 0) return <EmptyState>{t("cycleAdmin.overview.noVerifiers")}</EmptyState>;
  const statuses = ["DRAFT", "RETURNED", "VERIFIED", "FINAL"] as const;
  return (
    <DataTable
      caption={t("cycleAdmin.overview.workloadTitle")}
      headers={[
        t("cycleAdmin.overview.verifier"),
        t("cycleAdmin.overview.institutions"),
        t("cycleAdmin.overview.loci"),
        t("cycleAdmin.overview.open"),
        ...statuses.map((s) => t(`status.${s}`)),
      ]}
    >
      {rows.map((row) => (
        <tr key={row.verifierId} data-testid="workload-row">
          <td className="px-4 py-2">
            <span className="font-medium">{row.name}</span>
            <span className="block text-xs text-slate-600">{row.email}</span>
          </td>
          <td className="px-4 py-2 tabular-nums">{format.number(row.institutions)}</td>
          <td className="px-4 py-2 tabular-nums">{format.number(row.loci)}</td>
          <td className="px-4 py-2 font-medium tabular-nums">{format.number(row.open)}</td>
          {statuses.map((s) => (
            <td key={s} className="px-4 py-2 tabular-nums">
              {format.number(row.counts[s])}
            </td>
          ))}
        </tr>
      ))}
    </DataTable>
  );
}
