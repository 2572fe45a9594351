import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { InstitutionResultCard } from "@/components/institution-result-card";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { loadHeadResults } from "@/lib/server/data/institution-results";

export async function generateMetadata() {
  return { title: (await getTranslations("head"))("title") };
}

export default async function HeadDashboardPage() {
  const user = await requirePolicy("results.institution");
  const [t, results] = [await getTranslations(), await loadHeadResults(user)];
  return (
    <section aria-labelledby="page-title" className="space-y-8">
      <div>
        <h1 id="page-title" className="text-2xl font-semibold">{t("head.title")}</h1>
        <p className="mt-1 text-slate-600">{user.institutionName}</p>
      </div>
      {!results || (!results.current && !results.finalised) ? <EmptyState>{t("head.noResult")}</EmptyState> : null}
      {results?.current ? <InstitutionResultCard view={results.current} testId="current-cycle" /> : null}
      {results?.finalised ? <InstitutionResultCard view={results.finalised} testId="finalised-cycle" /> : null}
    </section>
  );
}
