import { getTranslations } from "next-intl/server";
import type { InstrumentDefinition } from "@/lib/domain/instrument";

/**
 * A whole instrument version to read: each aspect with its weight, each indicator with its weight,
 * question, rubric levels 0–5 and evidence hint, then the survey items.
 */
export async function InstrumentView({ definition }: { definition: InstrumentDefinition }) {
  const t = await getTranslations("instrumentAdmin.view");
  return (
    <div className="space-y-8">
      {definition.description ? <p className="max-w-3xl text-sm text-slate-700">{definition.description}</p> : null}
      {definition.aspects.map((aspect) => (
        <section key={aspect.code} aria-labelledby={`aspect-${aspect.code}`} className="space-y-3" data-testid="instrument-aspect">
          <h2 id={`aspect-${aspect.code}`} className="text-lg font-semibold">
            {t("aspect", { code: aspect.code, name: aspect.name })}{" "}
            <span className="text-base font-normal text-slate-600">{t("weight", { weight: aspect.weight })}</span>
          </h2>
          {aspect.indicators.map((indicator) => (
            <details key={indicator.code} className="rounded-lg border border-slate-200 bg-white">
              <summary className="cursor-pointer px-4 py-2 text-sm">
                <span className="font-medium">{indicator.code}</span> — {indicator.name}
                <span className="text-slate-600"> · {indicator.weight === 0 ? t("notScored") : t("weight", { weight: indicator.weight })}</span>
              </summary>
              <div className="space-y-3 border-t border-slate-100 px-4 py-3 text-sm">
                <p>{indicator.question}</p>
                <table className="min-w-full">
                  <caption className="sr-only">{t("rubric", { code: indicator.code })}</caption>
                  <thead className="text-left text-slate-600">
                    <tr>
                      <th scope="col" className="w-16 py-1 font-medium">
                        {t("level")}
                      </th>
                      <th scope="col" className="py-1 font-medium">
                        {t("description")}
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {indicator.levels.map((level) => (
                      <tr key={level.level}>
                        <th scope="row" className="py-1 text-left align-top tabular-nums">
                          {level.level}
                        </th>
                        <td className="py-1">{level.description}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {indicator.evidenceHint ? (
                  <p>
                    <span className="font-medium">{t("evidenceHint")}</span> {indicator.evidenceHint}
                  </p>
                ) : null}
              </div>
            </details>
          ))}
        </section>
      ))}
      <section aria-labelledby="survey-items" className="space-y-2">
        <h2 id="survey-items" className="text-lg font-semibold">
          {t("surveyItems", { count: definition.surveyItems.length })}
        </h2>
        <ol className="list-decimal space-y-1 pl-6 text-sm">
          {definition.surveyItems.map((item) => (
            <li key={item.code}>
              <span className="font-medium">{item.code}</span> {item.text}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
