import { getFormatter, getTranslations } from "next-intl/server";
import type { ReviewRoundView } from "@/lib/server/assessment/workspace";
import { DAY } from "@/lib/i18n/formats";

/** The verifier's decisions, newest first: the latest return is open, earlier rounds fold away. */
export async function ReviewRounds({ rounds, status }: { rounds: ReviewRoundView[]; status: string }) {
  const [t, format] = await Promise.all([getTranslations("workspace"), getFormatter()]);
  if (rounds.length === 0) return null;
  const [latest, ...earlier] = rounds;
  const openReturn = status === "RETURNED" && latest?.decision === "RETURNED" ? latest : null;
  return (
    <div className="space-y-3">
      {openReturn ? (
        <div role="region" aria-labelledby="returned-title" className="rounded-xl border border-amber-300 bg-amber-50 p-4" data-testid="returned-banner">
          <h2 id="returned-title" className="font-semibold">
            {t("returnedTitle", { round: openReturn.round })}
          </h2>
          <p className="mt-1 text-sm">{t("returnedBy", { who: openReturn.decidedBy ?? t("verifier"), date: new Date(openReturn.decidedAt) })}</p>
          {openReturn.summary ? <p className="mt-2 text-sm">{openReturn.summary}</p> : null}
          <ul className="mt-2 list-disc pl-5 text-sm">
            {openReturn.reasons.map((r, i) => (
              <li key={i}>
                <a href={`#indikator-${r.indicatorCode}`} className="font-mono text-brand-700 underline">
                  {r.indicatorCode}
                </a>
                : {r.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {(openReturn ? earlier : rounds).length > 0 ? (
        <details className="rounded-xl border border-slate-200 bg-white p-4 text-sm">
          <summary className="cursor-pointer font-medium">{t("earlierRounds")}</summary>
          <ol className="mt-3 space-y-3">
            {(openReturn ? earlier : rounds).map((round) => (
              <li key={`${round.round}-${round.decidedAt}`}>
                <p className="font-medium">
                  {t("roundLine", { round: round.round, decision: round.decision, date: format.dateTime(new Date(round.decidedAt), DAY) })}
                </p>
                {round.summary ? <p>{round.summary}</p> : null}
                {round.reasons.length > 0 ? (
                  <ul className="list-disc pl-5">
                    {round.reasons.map((r, i) => (
                      <li key={i}>
                        <span className="font-mono">{r.indicatorCode}</span>: {r.reason}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </div>
  );
}
