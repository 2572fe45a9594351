import { getFormatter, getTranslations } from "next-intl/server";
import { IntegrityCheck } from "@/components/sign-off/integrity-check";
import { findSignedDocument } from "@/lib/server/sign-off/sign-off";
import { DAY, SECOND } from "@/lib/i18n/formats";

export async function generateMetadata({ params }: { params: Promise<{ code: string }> }) {
  return { title: (await getTranslations("signOff.verify"))("title", { code: (await params).code.slice(0, 20) }) };
}

/**
 * Public (PUBLIC_PAGES): what was signed under a Berita Acara code, whether it is still current,
 * and a check of a copy (PDF upload or hash) against the signatures.
 */
export default async function VerifyPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const [t, tAll, format] = await Promise.all([getTranslations("signOff.verify"), getTranslations("signOff"), getFormatter()]);
  const found = await findSignedDocument(decodeURIComponent(code));
  if (!found) {
    return (
      <main id="main" className="mx-auto max-w-3xl space-y-4 px-4 py-8">
        <h1 className="text-2xl font-semibold">{t("title", { code: code.slice(0, 20) })}</h1>
        <p role="alert">{t("notFound")}</p>
      </main>
    );
  }
  const body = found.content.body;
  const stateText = tAll(found.state);
  return (
    <main id="main" className="mx-auto max-w-3xl space-y-5 px-4 py-8">
      <h1 className="text-2xl font-semibold">{t("title", { code: found.code })}</h1>
      <p
        data-testid="verify-state"
        className={`inline-block rounded-md px-3 py-1 font-semibold ${found.state === "current" ? "bg-emerald-100 text-emerald-900" : "bg-amber-100 text-amber-900"}`}
      >
        {t("state", { state: stateText })}
      </p>
      {found.supersededBy ? <p>{t("supersededBy", { code: found.supersededBy })}</p> : null}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <dt className="font-medium">{t("institution")}</dt>
        <dd>{body.institution.name}</dd>
        <dt className="font-medium">{t("locus")}</dt>
        <dd>{body.locus.name}</dd>
        <dt className="font-medium">{t("cycle")}</dt>
        <dd>{body.cycle.name}</dd>
        <dt className="font-medium">{t("index")}</dt>
        <dd data-testid="verify-index">{body.index ?? "—"}</dd>
        <dt className="font-medium">{t("grade")}</dt>
        <dd>{body.grade ?? "—"}</dd>
        {body.correction ? (
          <>
            <dt className="font-medium">{tAll("pdf.correction")}</dt>
            <dd data-testid="verify-correction">
              {tAll("pdf.correctedOn", {
                date: format.dateTime(new Date(body.correction.publishedAt), DAY),
                decree: body.correction.decreeReference,
              })}
            </dd>
          </>
        ) : null}
        <dt className="font-medium">{t("signatories")}</dt>
        <dd>
          <ul>
            {found.content.signatories.map((s) => (
              <li key={`${s.role}-${s.userId}`}>
                {tAll("signedBy", {
                  role: tAll(`role.${s.role}`),
                  name: s.name,
                  date: format.dateTime(new Date(s.signedAt), SECOND),
                })}
              </li>
            ))}
          </ul>
        </dd>
        <dt className="font-medium">{t("hash")}</dt>
        <dd className="break-all font-mono text-xs" data-testid="verify-hash">
          {found.contentHash}
        </dd>
      </dl>
      <section className="rounded-xl border border-slate-200 bg-white p-5">
        <IntegrityCheck code={found.code} />
      </section>
    </main>
  );
}
