import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DataTable } from "@/components/ui/table";
import { EmptyState } from "@/components/empty-state";
import { ASSESSMENT_STATUSES } from "@/lib/domain/workflow";
import type { VerifierLoad } from "@/lib/server/users/assignments";

const STATUSES = [...ASSESSMENT_STATUSES, "NONE"] as const;

/** Institutions and loci per verifier in a cycle, the loci split by assessment status. */
export async function VerifierLoadTable({ verifiers }: { verifiers: VerifierLoad[] }) {
  const t = await getTranslations();
  if (verifiers.length === 0) return <EmptyState>{t("assignmentAdmin.noVerifiers")}</EmptyState>;
  const statusLabel = (s: (typeof STATUSES)[number]) => (s === "NONE" ? t("assignmentAdmin.statusNone") : t(`status.${s}`));
  return (
    <DataTable
      caption={t("assignmentAdmin.loadHeading")}
      headers={[t("assignmentAdmin.verifier"), t("assignmentAdmin.institutions"), t("assignmentAdmin.loci"), ...STATUSES.map(statusLabel)]}
    >
      {verifiers.map((v) => (
        <tr key={v.verifierId} data-testid="verifier-load">
          <th scope="row" className="px-4 py-2 text-left font-medium">
            <Link
              href={`/admin/users/${v.verifierId}`}
              className="text-brand-700 underline-offset-2 hover:underline"
              title={t("assignmentAdmin.editPerVerifier")}
            >
              {v.name}
            </Link>
            {v.isActive ? null : <span className="ml-1 text-xs text-slate-500">({t("assignmentAdmin.inactive")})</span>}
            <span className="block text-xs font-normal text-slate-500">{v.email}</span>
          </th>
          <td className="px-4 py-2 tabular-nums" data-testid="load-institutions">
            {v.institutions}
          </td>
          <td className="px-4 py-2 tabular-nums" data-testid="load-loci">
            {v.loci}
          </td>
          {STATUSES.map((s) => (
            <td key={s} className="px-4 py-2 tabular-nums text-slate-700">
              {v.byStatus[s] ?? 0}
            </td>
          ))}
        </tr>
      ))}
    </DataTable>
  );
}
