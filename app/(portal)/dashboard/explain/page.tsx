import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { EmptyState } from "@/components/empty-state";
import { ExplainTree } from "@/components/explain/explain-view";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { loadInstitutionExplanation } from "@/lib/server/explain/explain";
import { pickCycleForActor } from "@/lib/server/cycle/cycles";
import { CycleSwitcher } from "@/components/cycle-switcher";

export async function generateMetadata() {
  return { title: (await getTranslations("explain"))("title") };
}

const ZQuery = z.object({ cycle: z.uuid().optional().catch(undefined), locus: z.uuid().optional().catch(undefined) });

/**
 * Explain my score for the head's institution (issue 18): institution → loci → F-02 and F-03 →
 * aspects → indicators, one locus at a time (`?locus=`, by default the first; issue 17).
 */
export default async function InstitutionExplainPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePolicy("explain.view");
  // One of the cycles the institution takes part in (issue 16), by default the one the dashboard shows.
  const query = ZQuery.parse(await searchParams);
  const { cycles, cycle } = await pickCycleForActor(user, query.cycle);
  const [t, view] = await Promise.all([getTranslations("explain"), cycle ? loadInstitutionExplanation(user, cycle.id, query.locus) : null]);
  return (
    <section aria-labelledby="page-title" className="space-y-5">
      <header>
        <h1 id="page-title" className="text-2xl font-semibold">
          {view ? t("institutionTitle", { institution: view.institution.name }) : t("title")}
        </h1>
        {cycle && view ? <CycleSwitcher cycles={cycles} current={cycle} /> : null}
        <Link href={cycle ? `/dashboard?cycle=${cycle.id}` : "/dashboard"} className="text-sm text-brand-700 underline">
          {t("back")}
        </Link>
      </header>
      {view ? (
        <ExplainTree view={view} hrefOf={(locusId) => `/dashboard/explain?cycle=${view.cycle.id}&locus=${locusId}`} />
      ) : (
        <EmptyState>{t("noCycle")}</EmptyState>
      )}
    </section>
  );
}
