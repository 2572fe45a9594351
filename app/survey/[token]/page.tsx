import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/language-switcher";
import { SurveyForm } from "@/components/survey/survey-form";
import { loadPublicSurvey, parseRespondentId, respondentKeyHash, SURVEY_RESPONDENT_COOKIE } from "@/lib/server/survey/survey";

export async function generateMetadata() {
  const t = await getTranslations("survey");
  // The token in the address is the only key to the form: keep the page out of search engines.
  return { title: t("metaTitle"), robots: { index: false, follow: false } };
}

/**
 * The public F-03 survey of one locus (in PUBLIC_PAGES: no account, no requirePolicy). Opened on
 * phones from a QR code or a shared message, so it is one narrow column. An unknown token is a
 * 404; a closed link, or a browser that has answered already, gets a notice instead of the form.
 */
export default async function SurveyPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const respondentId = parseRespondentId((await cookies()).get(SURVEY_RESPONDENT_COOKIE)?.value);
  const survey = await loadPublicSurvey(token, { respondentKeyHash: respondentId ? respondentKeyHash(token, respondentId) : null });
  if (survey.state === "unknown") notFound();
  const t = await getTranslations();

  return (
    <main id="main" className="mx-auto max-w-2xl px-4 pt-4 pb-10 sm:pt-8">
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600">
        <p className="font-medium tracking-wide text-brand-700 uppercase">{t("app.name")}</p>
        <LanguageSwitcher />
      </div>
      <header className="mt-4 mb-5">
        <p className="text-sm font-medium text-brand-700">{t("survey.kicker")}</p>
        <h1 className="mt-1 text-2xl font-semibold" data-testid="survey-locus">
          {survey.locusName}
        </h1>
        <p className="mt-1 text-slate-700" data-testid="survey-institution">
          {t("survey.institution", { name: survey.institutionName })}
        </p>
        {survey.state === "open" ? <p className="mt-3 text-slate-700">{t("survey.intro")}</p> : null}
      </header>
      {survey.state === "closed" ? (
        <section role="status" data-testid="survey-closed" className="rounded-xl border border-slate-300 bg-white p-5">
          <h2 className="text-lg font-semibold">{t("survey.closedTitle")}</h2>
          <p className="mt-2 text-slate-700">{t("survey.closedBody")}</p>
        </section>
      ) : (
        <SurveyForm token={token} locusName={survey.locusName} items={survey.state === "open" ? survey.items : []} answered={survey.state === "answered"} />
      )}
    </main>
  );
}
