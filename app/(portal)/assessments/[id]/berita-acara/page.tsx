import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { z } from "zod";
import { SignForm } from "@/components/sign-off/sign-form";
import { requirePolicy } from "@/lib/server/auth/current-user";
import { loadSignOff } from "@/lib/server/sign-off/sign-off";
import { MOMENT } from "@/lib/i18n/formats";

export async function generateMetadata() {
  return { title: (await getTranslations("signOff"))("title") };
}

/** The Berita Acara of a locus: download, signatures, and the signing form for whoever signs next. */
export default async function BeritaAcaraPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePolicy("signOff.view");
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const view = await loadSignOff(user, id.data);
  if (!view) notFound();
  const [t, format] = await Promise.all([getTranslations("signOff"), getFormatter()]);
  const when = (d: Date) => format.dateTime(d, MOMENT);
  const latest = view.latest;
  return (
    <section aria-labelledby="page-title" className="max-w-3xl space-y-5">
      <header>
        <h1 id="page-title" className="text-2xl font-semibold">
          {t("title")}
        </h1>
        <p className="text-slate-700">
          {view.body.institution.name} · {view.body.locus.name} · {view.body.cycle.name}
        </p>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </header>
      <p data-testid="berita-acara-index">{view.body.index ? t("index", { index: view.body.index, grade: view.body.grade ?? "—" }) : t("noResult")}</p>
      <a
        href={`/api/assessments/${view.body.assessmentId}/berita-acara`}
        className="inline-block rounded-md border border-brand-700 px-3 py-1.5 text-sm font-medium text-brand-700"
        download
      >
        {t("download")}
      </a>
      <section aria-labelledby="signatures-title" className="rounded-xl border border-slate-200 bg-white p-5">
        <h2 id="signatures-title" className="font-semibold">
          {t("signatures")}
        </h2>
        {latest ? (
          <div className="mt-2 space-y-1 text-sm">
            <p data-testid="berita-acara-code">{t("code", { code: latest.code })}</p>
            {latest.current ? null : <p className="text-amber-800">{t("supersededNote", { code: latest.code })}</p>}
            <ul className="list-disc pl-5">
              {latest.signatures.map((s) => (
                <li key={s.contentHash}>{t("signedBy", { role: t(`role.${s.role}`), name: s.name, date: when(s.signedAt) })}</li>
              ))}
            </ul>
            {latest.current && latest.lastSigned ? (
              <p className="break-all font-mono text-xs text-slate-600">{t("hash", { hash: latest.lastSigned.contentHash })}</p>
            ) : null}
          </div>
        ) : (
          <p className="mt-2 text-sm text-slate-600">{t("notIssued")}</p>
        )}
        <p className="mt-3 text-sm" role="status">
          {view.details.status === "IN_CORRECTION"
            ? t("inCorrection")
            : view.nextSigner
              ? t("nextSigner", { role: t(`role.${view.nextSigner}`) })
              : latest?.current
                ? t("complete")
                : t("notApprovedYet")}
        </p>
      </section>
      {view.canSign ? (
        <section className="rounded-xl border border-slate-200 bg-white p-5">
          <SignForm assessmentId={view.body.assessmentId} />
        </section>
      ) : null}
    </section>
  );
}
