import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { DataTable } from "@/components/ui/table";
import { EmptyState } from "@/components/empty-state";
import { dateOf } from "@/lib/domain/cycle/dates";
import type { FollowUpListRow } from "@/lib/server/follow-up/views";
import { ProgressBadge } from "./progress-badge";
import { DAY } from "@/lib/i18n/formats";

/** Recommendations with their target date, overdue flag and follow-up progress; each opens its page. */
export async function RecommendationTable({ rows, caption, emptyText }: { rows: FollowUpListRow[]; caption: string; emptyText: string }) {
  const [t, tAll, format] = await Promise.all([getTranslations("followUp"), getTranslations(), getFormatter()]);
  if (rows.length === 0) return <EmptyState>{emptyText}</EmptyState>;
  return (
    <DataTable caption={caption} headers={[t("locusColumn"), t("recommendation"), t("targetDate"), t("progressColumn"), t("actionsColumn")]}>
      {rows.map((row) => (
        <tr key={row.id} data-testid="follow-up-row" data-id={row.id}>
          <td className="px-4 py-2 align-top">
            {row.locusName}
            <span className="block text-xs text-slate-500">
              {row.institutionName}
              {row.provinceName ? ` · ${row.provinceName}` : ""} · {tAll(`serviceType.${row.serviceType}`)}
            </span>
          </td>
          <td className="max-w-md px-4 py-2 align-top">
            <Link href={`/follow-up/recommendations/${row.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
              <span className="mr-1 font-mono text-xs">{row.target.code}</span>
              {row.target.name}
            </Link>
            <span className="mt-0.5 line-clamp-2 block text-xs text-slate-600">{row.text}</span>
          </td>
          <td className="px-4 py-2 align-top whitespace-nowrap">
            {row.targetDate ? format.dateTime(dateOf(row.targetDate), { ...DAY, timeZone: "UTC" }) : tAll("common.none")}
          </td>
          <td className="px-4 py-2 align-top">
            <ProgressBadge progress={row.progress} overdue={row.overdue} />
          </td>
          <td className="px-4 py-2 align-top">
            {t("actionsCount", { count: row.followUpCount })}
            {row.pendingCount > 0 ? <span className="block text-xs text-blue-900">{t("pendingCount", { count: row.pendingCount })}</span> : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
