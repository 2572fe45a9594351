import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RESULT_GROUPS, type ResultGroup } from "@/lib/schemas/results";

/** One link per ranking group, the current one marked for screen readers. */
export async function GroupTabs({ current, href }: { current: ResultGroup; href: (group: ResultGroup) => string }) {
  const t = await getTranslations();
  return (
    <nav aria-label={t("publicResults.groups")} className="flex flex-wrap gap-2" data-testid="group-tabs">
      {RESULT_GROUPS.map((group) => (
        <Link
          key={group}
          href={href(group)}
          aria-current={group === current ? "page" : undefined}
          className={`rounded-full border px-3 py-1 text-sm ${group === current ? "border-brand-700 bg-brand-700 text-white" : "border-slate-300 bg-white text-slate-700 hover:border-brand-700"}`}
        >
          {group === "PROVINCE" ? t("publicResults.groupPerProvince") : t(`institutionType.${group}`)}
        </Link>
      ))}
    </nav>
  );
}
