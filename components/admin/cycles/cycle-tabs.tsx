import Link from "next/link";
import { getTranslations } from "next-intl/server";

const TABS = [
  { key: "overview", path: "" },
  { key: "setup", path: "/setup" },
  { key: "loci", path: "/loci" },
  { key: "results", path: "/results" },
] as const;

/** The pages of one cycle, the current one marked for screen readers. */
export async function CycleTabs({ cycleId, current }: { cycleId: string; current: (typeof TABS)[number]["key"] }) {
  const t = await getTranslations("cycleAdmin.tabs");
  return (
    <nav aria-label={t("label")} className="mt-4 flex flex-wrap gap-1 border-b border-slate-200">
      {TABS.map((tab) => (
        <Link
          key={tab.key}
          href={`/admin/cycles/${cycleId}${tab.path}`}
          aria-current={tab.key === current ? "page" : undefined}
          className={`-mb-px rounded-t-md border px-4 py-2 text-sm font-medium ${tab.key === current ? "border-slate-200 border-b-white bg-white text-brand-900" : "border-transparent text-brand-700 hover:underline"}`}
        >
          {t(tab.key)}
        </Link>
      ))}
    </nav>
  );
}
