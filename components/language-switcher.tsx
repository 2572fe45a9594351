import { getLocale, getTranslations } from "next-intl/server";
import { setLocaleAction } from "@/lib/server/locale/actions";
import { LOCALES } from "@/lib/i18n/locales";
import { asFormAction } from "@/components/form-action";

const LABELS = { id: "Bahasa Indonesia", en: "English" } as const;

/** A plain form per language, so switching works without JavaScript too. */
export async function LanguageSwitcher() {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("nav")]);
  return (
    <nav aria-label={t("language")} className="flex gap-2 text-sm">
      {LOCALES.map((code) => (
        <form key={code} action={asFormAction(setLocaleAction)}>
          <input type="hidden" name="locale" value={code} />
          <button
            type="submit"
            lang={code}
            aria-current={code === locale ? "true" : undefined}
            className={code === locale ? "font-semibold text-brand-700 underline" : "text-slate-600 hover:text-brand-700"}
          >
            {LABELS[code]}
          </button>
        </form>
      ))}
    </nav>
  );
}
