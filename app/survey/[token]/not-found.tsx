import { getTranslations } from "next-intl/server";

/** An unknown or mistyped survey link: say so plainly, for a service user on a phone. */
export default async function SurveyNotFound() {
  const t = await getTranslations("survey");
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">{t("unknownTitle")}</h1>
      <p className="mt-3 text-slate-700">{t("unknownBody")}</p>
    </main>
  );
}
