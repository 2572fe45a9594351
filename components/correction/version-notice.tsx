import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ShownVersion } from "@/lib/server/results/published";
import { DAY } from "@/lib/i18n/formats";

/**
 * Which result version a published listing shows (docs/domain.md §6.4): "dikoreksi pada …" on a
 * corrected current version, a notice on an earlier one, and a link to every published version
 * with its date. Nothing for a cycle that was never corrected.
 */
export async function VersionNotice({ version, href }: { version: ShownVersion | undefined; href: (number: number | null) => string }) {
  if (!version || version.versions.length < 2) return null;
  const [t, format] = await Promise.all([getTranslations("correction"), getFormatter()]);
  const date = (d: Date) => format.dateTime(d, DAY);
  return (
    <aside className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-sm" aria-labelledby="result-version-title" data-testid="result-version">
      <h2 id="result-version-title" className="font-semibold text-amber-900">
        {version.current
          ? t("correctedOn", { date: date(version.correctedAt ?? version.publishedAt) })
          : t("earlierVersion", { number: version.number, date: date(version.publishedAt) })}
      </h2>
      {version.reason ? <p className="mt-1 text-amber-900">{t("reasonLine", { reason: version.reason, decree: version.decreeReference ?? "" })}</p> : null}
      <nav aria-label={t("versionsTitle")} className="mt-2">
        <span className="text-slate-700">{t("versionsTitle")}: </span>
        <ul className="inline-flex flex-wrap gap-3">
          {version.versions.map((v) => (
            <li key={v.number}>
              {v.number === version.number ? (
                <span aria-current="page" className="font-semibold">
                  {t("versionItem", { number: v.number, date: date(v.publishedAt) })}
                </span>
              ) : (
                <Link className="text-brand-700 underline" href={href(v.number === version.versions.at(-1)!.number ? null : v.number)}>
                  {t("versionItem", { number: v.number, date: date(v.publishedAt) })}
                </Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
    </aside>
  );
}
