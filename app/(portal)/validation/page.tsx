import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/empty-state";
import { ValidationForms } from "@/components/verification/validation-forms";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { validationQueue } from "@/lib/server/verification/second-tier";

export async function generateMetadata() {
  return { title: (await getTranslations("secondTier"))("title") };
}

/** The ministry validator's queue (second tier): first-tier approvals awaiting validation. */
export default async function ValidationQueuePage() {
  const actor = await requirePolicy("validation.queue");
  const [t, queue] = await Promise.all([getTranslations(), validationQueue(actor)]);
  return (
    <section aria-labelledby="page-title" className="space-y-4">
      <h1 id="page-title" className="text-2xl font-semibold">
        {t("secondTier.title")}
      </h1>
      <p className="text-slate-600">{t("secondTier.intro")}</p>
      {queue.length === 0 ? (
        <EmptyState>{t("secondTier.none")}</EmptyState>
      ) : (
        <ul className="space-y-3">
          {queue.map((row) => (
            <li key={row.id} className="rounded-xl border border-slate-200 bg-white p-4">
              <p className="font-semibold">
                {row.institutionName} · {row.locusName}
              </p>
              <p className="text-sm text-slate-600">
                {t(`institutionType.${row.institutionType}`)} · {row.cycleName}
              </p>
              {/* The locus itself, read-only, with its evidence (assessment.view: assignedOrValidating). */}
              <Link href={`/assessments/${row.id}`} className="text-sm text-brand-700 underline">
                {t("secondTier.openLocus")}
              </Link>
              <div className="mt-3">
                <ValidationForms assessmentId={row.id} locusName={row.locusName} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
