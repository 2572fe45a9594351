import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { ExplainTree } from "@/components/explain/explain-view";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { loadLocusExplanation } from "@/lib/server/explain/explain";

export async function generateMetadata() {
  return { title: (await getTranslations("explain"))("title") };
}

/** Explain my score for one locus (issue 18): every number with its formula, for whoever reads the locus. */
export default async function LocusExplainPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePolicy("explain.view");
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const view = await loadLocusExplanation(user, id.data);
  const locus = view?.loci[0];
  if (!view || !locus) notFound();
  const t = await getTranslations("explain");
  return (
    <section aria-labelledby="page-title" className="space-y-5">
      <header>
        <h1 id="page-title" className="text-2xl font-semibold">
          {t("pageTitle", { locus: locus.name })}
        </h1>
        <p className="text-sm text-slate-600">
          {view.institution.name} · {view.cycle.name}
        </p>
        <Link href={`/assessments/${locus.id}`} className="text-sm text-brand-700 underline">
          {t("back")}
        </Link>
      </header>
      <ExplainTree view={view} />
    </section>
  );
}
