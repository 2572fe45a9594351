import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { WhatIfPlanner } from "@/components/what-if/what-if-planner";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { loadAssessmentWhatIf } from "@/lib/server/what-if/planner";

export async function generateMetadata() {
  return { title: (await getTranslations("whatIf"))("title") };
}

/** The what-if planner of one locus (issue 18): projections only, for whoever reads the locus. */
export default async function WhatIfPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePolicy("whatIf.view");
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const view = await loadAssessmentWhatIf(user, id.data);
  const locus = view?.loci[0];
  if (!view || !locus) notFound();
  const t = await getTranslations("whatIf");
  return (
    <section aria-labelledby="page-title" className="space-y-5">
      <header>
        <h1 id="page-title" className="text-2xl font-semibold">
          {t("pageTitle", { locus: locus.name })}
        </h1>
        <p className="text-sm text-slate-600">{view.cycle.name}</p>
        <Link href={`/assessments/${locus.id}`} className="text-sm text-brand-700 underline">
          {t("back")}
        </Link>
      </header>
      <WhatIfPlanner instrument={view.instrument} settings={view.settings} loci={view.loci} />
    </section>
  );
}
