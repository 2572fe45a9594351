import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { DataTable } from "@/components/data-table";
import { EmptyState } from "@/components/empty-state";
import { StatusBadge } from "@/components/status-badge";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { countScoredIndicators, listLociForVerifier } from "@/lib/server/data/assessments";
import { findCurrentCycle } from "@/lib/server/data/cycles";

export async function generateMetadata() {
  return { title: (await getTranslations("verifier"))("title") };
}

export default async function VerifierQueuePage() {
  const user = await requirePolicy("verification.queue");
  const [t, format, cycle] = [await getTranslations(), await getFormatter(), await findCurrentCycle()];
  if (!cycle) return <EmptyState>{t("common.noActiveCycle")}</EmptyState>;
  const [loci, total] = await Promise.all([listLociForVerifier(user, cycle.id), countScoredIndicators(cycle.id)]);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="text-2xl font-semibold">{t("verifier.title")}</h1>
      <p className="mt-1 text-slate-600">{t("verifier.intro", { cycle: cycle.name })}</p>
      {loci.length === 0 ? (
        <div className="mt-6"><EmptyState>{t("verifier.empty")}</EmptyState></div>
      ) : (
        <div className="mt-6">
          <DataTable
            caption={t("verifier.title")}
            headers={[t("common.institution"), t("common.locus"), t("common.serviceType"), t("common.status"), t("common.progress"), t("verifier.submittedAt")]}
          >
            {loci.map((a) => (
              <tr key={a.id} data-testid="queue-row">
                <td className="px-4 py-2">{a.locus.institution.name}</td>
                <td className="px-4 py-2"><Link href={`/assessments/${a.id}`} className="text-brand-700 underline-offset-2 hover:underline">{a.locus.name}</Link></td>
                <td className="px-4 py-2">{t(`serviceType.${a.locus.serviceType}`)}</td>
                <td className="px-4 py-2"><StatusBadge status={a.status} /></td>
                <td className="px-4 py-2">{t("common.answeredOf", { answered: a._count.selfAnswers, total })}</td>
                <td className="px-4 py-2">{a.submittedAt ? format.dateTime(a.submittedAt, { dateStyle: "medium" }) : t("common.none")}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
    </section>
  );
}
