import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { CorrectionLevelForm, OpenCorrectionForm, PublishCorrectionButton } from "@/components/correction/correction-panel";
import { VersionChanges } from "@/components/correction/version-changes";
import { StatusBadge } from "@/components/status-badge";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { loadCorrectionView } from "@/lib/server/correction/view";
import { MOMENT } from "@/lib/i18n/formats";

export async function generateMetadata() {
  return { title: (await getTranslations("correction"))("title") };
}

/** The audited correction of one locus after FINAL (docs/domain.md §6.4), for admins. */
export default async function CorrectionPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePolicy("correction.manage");
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const view = await loadCorrectionView(actor, id);
  if (!view) notFound();
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  const date = (d: Date) => format.dateTime(d, MOMENT);
  return (
    <section aria-labelledby="page-title" className="space-y-6">
      <header>
        <h1 id="page-title" className="text-2xl font-semibold">
          {t("correction.title")}
        </h1>
        <p className="mt-1 text-slate-600">
          {view.institutionName} · {view.locusName} · {view.cycleName} <StatusBadge status={view.status} />
        </p>
        <Link href={`/admin/cycles/${view.cycleId}/loci`} className="text-sm text-brand-700 underline">
          {t("correction.backToLoci")}
        </Link>
      </header>

      {view.status === "FINAL" ? <OpenCorrectionForm assessmentId={view.id} /> : null}
      {view.status !== "FINAL" && view.status !== "IN_CORRECTION" ? <p className="text-sm text-slate-700">{t("correction.onlyFinal")}</p> : null}

      {view.open ? (
        <section aria-labelledby="open-title" className="space-y-3 rounded-xl border border-amber-300 bg-white p-5">
          <h2 id="open-title" className="font-semibold">
            {t("correction.openSince", { date: date(view.open.openedAt) })}
          </h2>
          <p className="text-sm">{t("correction.reasonLine", { reason: view.open.reason, decree: view.open.decreeReference })}</p>
          {view.open.decreeStorageKey ? (
            <a className="text-sm text-brand-700 underline" href={`/api/corrections/${view.open.id}/decree`}>
              {t("correction.decreeDownload", { name: view.open.decreeFileName ?? "" })}
            </a>
          ) : null}
          <div>
            {view.indicators.map((i) => (
              <CorrectionLevelForm key={i.code} assessmentId={view.id} code={i.code} name={i.name} level={i.level} note={i.note} />
            ))}
          </div>
          <p className="text-sm text-slate-600">{view.published ? t("correction.publishIntro") : t("correction.publishIntroUnpublished")}</p>
          <PublishCorrectionButton assessmentId={view.id} />
        </section>
      ) : null}

      {view.history.length > 0 ? (
        <section aria-labelledby="history-title" className="space-y-3">
          <h2 id="history-title" className="font-semibold">
            {t("correction.historyTitle")}
          </h2>
          <ol className="space-y-3">
            {view.history.map((c) => (
              <li key={c.id} className="rounded-xl border border-slate-200 bg-white p-4" data-testid="correction-history">
                <p className="font-medium">
                  {c.versionNumber
                    ? t("correction.publishedVersion", { number: c.versionNumber, date: date(c.publishedAt!) })
                    : t("correction.publishedNoVersion", { date: date(c.publishedAt!) })}
                </p>
                <p className="text-sm">{t("correction.reasonLine", { reason: c.reason, decree: c.decreeReference })}</p>
                <VersionChanges changes={c.changes} testId="correction-changes" />
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </section>
  );
}
