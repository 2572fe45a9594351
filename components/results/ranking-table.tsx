import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DataTable } from "@/components/ui/table";
import { GradeBadge } from "@/components/grade-badge";
import type { GroupStanding } from "@/lib/domain/results/ranking-groups";
import type { PublishedInstitution } from "@/lib/server/results/published";

/**
 * Ranked rows; a shared rank is marked "=" and read out as a tie. With `institutionHref` each
 * institution's name links to its page (the public listing links to its published results).
 */
export async function RankingTable({
  rows,
  caption,
  institutionHref,
}: {
  rows: (PublishedInstitution & { standing: GroupStanding })[];
  caption: string;
  institutionHref?: (id: string) => string;
}) {
  const t = await getTranslations("publicResults");
  return (
    <DataTable caption={caption} headers={[t("colRank"), t("colInstitution"), t("colProvince"), t("colIndex"), t("colGrade")]}>
      {rows.map((row) => (
        <tr key={row.id} data-testid="ranking-row">
          <td className="px-4 py-2 tabular-nums" data-testid="rank">
            {row.standing.tied ? <span aria-hidden="true">=</span> : null}
            {row.standing.rank}
            {row.standing.tied ? <span className="sr-only"> ({t("tie")})</span> : null}
          </td>
          <td className="px-4 py-2" data-testid="institution">
            {institutionHref ? (
              <Link href={institutionHref(row.id)} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                {row.name}
              </Link>
            ) : (
              row.name
            )}
          </td>
          <td className="px-4 py-2 text-slate-600">{row.provinceName ?? "—"}</td>
          <td className="px-4 py-2 font-semibold tabular-nums" data-testid="index">
            {row.published}
          </td>
          <td className="px-4 py-2">
            <GradeBadge grade={row.grade} label={row.label} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
