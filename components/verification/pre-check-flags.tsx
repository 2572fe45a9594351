import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { MOMENT } from "@/lib/i18n/formats";
import type { PreCheckFlagView } from "@/lib/server/pre-check/flags";

const SEVERITY_STYLE: Record<string, string> = {
  high: "border-red-700 bg-red-50 text-red-800",
  medium: "border-amber-700 bg-amber-50 text-amber-900",
  low: "border-slate-500 bg-slate-50 text-slate-700",
};

/** Values of a message that are moments (ISO) are shown in the portal's date format. */
const DATE_PARAMS = new Set(["uploadedAt", "deadline"]);

/**
 * The evidence pre-check of a locus on the review page (docs/domain.md §8.1): its flags grouped
 * per indicator, each with its severity in words (never colour alone) and its message.
 */
export async function PreCheckFlags({ assessmentId, flags }: { assessmentId: string; flags: readonly PreCheckFlagView[] }) {
  const [t, format] = await Promise.all([getTranslations("preCheck"), getFormatter()]);
  const groups = new Map<string | null, PreCheckFlagView[]>();
  for (const flag of flags) groups.set(flag.indicatorCode, [...(groups.get(flag.indicatorCode) ?? []), flag]);
  const values = (params: PreCheckFlagView["params"]) =>
    Object.fromEntries(Object.entries(params).map(([k, v]) => [k, DATE_PARAMS.has(k) && typeof v === "string" ? format.dateTime(new Date(v), MOMENT) : v]));
  return (
    <section aria-labelledby="pre-check-title" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4" data-testid="pre-check">
      <h2 id="pre-check-title" className="text-lg font-semibold">
        {t("title")} · {t("count", { count: flags.length })}
      </h2>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      {flags.length === 0 ? <p className="text-sm">{t("none")}</p> : null}
      {[...groups.entries()].map(([code, list]) => (
        <div key={code ?? "-"} data-testid="pre-check-indicator" data-indicator={code ?? ""}>
          <h3 className="text-sm font-semibold">
            {code ? (
              <Link
                href={`/assessments/${assessmentId}/review?indicator=${encodeURIComponent(code)}`}
                className="text-brand-700 underline-offset-2 hover:underline"
              >
                {t("indicatorHeading", { indicator: code })}
              </Link>
            ) : (
              t("locusLevel")
            )}
          </h3>
          <ul className="mt-1 space-y-1 text-sm">
            {list.map((flag) => (
              <li key={flag.id} className="flex flex-wrap items-start gap-2" data-rule={flag.ruleId}>
                <span className={`shrink-0 rounded border px-1.5 text-xs font-medium ${SEVERITY_STYLE[flag.severity] ?? ""}`}>
                  <span className="sr-only">{t("severityLabel", { severity: flag.severity })}</span>
                  <span aria-hidden="true">{t(`severity.${flag.severity}`)}</span>
                </span>
                <span className="min-w-0 break-words">
                  <span className="font-medium">{t(`ruleName.${flag.ruleId}`)}:</span> {t(`rules.${flag.ruleId}`, values(flag.params))}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
