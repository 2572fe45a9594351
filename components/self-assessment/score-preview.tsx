"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import type { InstrumentDefinition } from "@/lib/domain/instrument";
import { classify } from "@/lib/domain/grades";
import { computeLocusResult, levelsOf, type ScoringSettings } from "@/lib/domain/scoring";
import type { AnswerValue } from "./use-autosave";

interface Props {
  instrument: InstrumentDefinition;
  answers: Record<string, AnswerValue>;
  surveyResponses: number[][];
  settings: ScoringSettings;
}

/** The self-score per aspect, the index and the grade, recomputed by the scoring module as levels change. */
export function ScorePreview({ instrument, answers, surveyResponses, settings }: Props) {
  const t = useTranslations("workspace");
  const result = useMemo(() => computeLocusResult(instrument, levelsOf(answers), surveyResponses, settings), [instrument, answers, surveyResponses, settings]);
  return (
    <section aria-labelledby="preview-title" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="score-preview">
      <h2 id="preview-title" className="text-sm font-semibold">
        {t("previewTitle")}
      </h2>
      <p className="mt-1 text-xs text-slate-600">{t("previewNote")}</p>
      <table className="mt-3 w-full text-sm">
        <caption className="sr-only">{t("previewTitle")}</caption>
        <tbody>
          {instrument.aspects.map((aspect, i) => (
            <tr key={aspect.code} className="border-b border-slate-100">
              <th scope="row" className="py-1 pr-2 text-left font-normal">
                {aspect.code}. {aspect.name}
              </th>
              <td className="py-1 text-right tabular-nums" data-testid={`aspect-score-${aspect.code}`}>
                {classify(result.f02.aspects[i]!.score).published}
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row" className="pt-2 pr-2 text-left">
              {t("f02Self")}
            </th>
            <td className="pt-2 text-right font-semibold tabular-nums" data-testid="f02-preview">
              {classify(result.f02.total).published}
            </td>
          </tr>
        </tbody>
      </table>
      <div className="mt-3 rounded-md bg-slate-50 p-3" aria-live="polite">
        <p className="text-xs text-slate-600">{t("indexPreview")}</p>
        <p className="flex items-baseline gap-3">
          <span className="text-2xl font-bold tabular-nums" data-testid="index-preview">
            {result.classification.published}
          </span>
          <span className="font-medium" data-testid="grade-preview">
            {result.classification.grade} · {result.classification.label}
          </span>
        </p>
        <p className="mt-1 text-xs text-slate-600">
          {result.index.f03Included
            ? t("withF03", { share: settings.f02SharePercent, respondents: result.f03.respondents })
            : t("f02Only", { respondents: result.f03.respondents, min: settings.minSurveyRespondents })}
        </p>
      </div>
    </section>
  );
}
