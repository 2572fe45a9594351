import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { EmptyState } from "@/components/empty-state";
import { CycleSwitcher } from "@/components/cycle-switcher";
import { InstitutionPlanner } from "@/components/what-if/institution-planner";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { pickCycleForActor } from "@/lib/server/cycle/cycles";
import { loadInstitutionWhatIf } from "@/lib/server/what-if/planner";

export async function generateMetadata() {
  return { title: (await getTranslations("whatIf"))("title") };
}

const ZQuery = z.object({ cycle: z.uuid().optional().catch(undefined) });

/**
 * The head's what-if planner (issue 18) over every locus of its institution, in one of the cycles
 * it takes part in (`?cycle=`, by default the one the dashboard shows). A page of its own, reached
 * from the dashboard, like the locus's planner: the dashboard no longer reads and sends every
 * locus's levels on each visit (issue 17).
 */
export default async function InstitutionWhatIfPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePolicy("results.institution");
  const query = ZQuery.parse(await searchParams);
  const { cycles, cycle } = await pickCycleForActor(user, query.cycle);
  const [t, view] = await Promise.all([getTranslations("whatIf"), cycle ? loadInstitutionWhatIf(user, cycle.id) : null]);
  return (
    <section aria-labelledby="page-title" className="space-y-5">
      <header>
        <h1 id="page-title" className="text-2xl font-semibold">
          {t("institutionPageTitle", { institution: user.institutionName ?? "" })}
        </h1>
        {cycle ? <CycleSwitcher cycles={cycles} current={cycle} /> : null}
        <Link href={cycle ? `/dashboard?cycle=${cycle.id}` : "/dashboard"} className="text-sm text-brand-700 underline">
          {t("backToDashboard")}
        </Link>
      </header>
      {view && view.loci.length > 0 ? (
        <InstitutionPlanner instrument={view.instrument} settings={view.settings} loci={view.loci} institution />
      ) : (
        <EmptyState>{t("none")}</EmptyState>
      )}
    </section>
  );
}
