"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { createRecommendationAction } from "@/lib/server/verification/actions";
import { ActionErrorMessage, FieldError } from "@/components/action-feedback";
import type { InstrumentDefinition } from "@/lib/domain/instrument";

/** The verifier writes a recommendation on an aspect or an indicator, with a target date. */
export function RecommendationForm({ assessmentId, instrument }: { assessmentId: string; instrument: Pick<InstrumentDefinition, "aspects"> }) {
  const t = useTranslations("recommendations");
  const { execute, result, isPending, hasSucceeded, reset } = useAction(createRecommendationAction, { onSuccess: () => window.location.reload() });
  const errors = (result.validationErrors?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  return (
    <form
      action={(formData) => {
        reset();
        execute({ assessmentId, target: String(formData.get("target") ?? ""), text: String(formData.get("text") ?? ""), targetDate: String(formData.get("targetDate") ?? "") });
      }}
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 text-sm"
      aria-labelledby="recommendation-form-title"
    >
      <h2 id="recommendation-form-title" className="font-semibold">{t("formTitle")}</h2>
      <ActionErrorMessage error={result.serverError} />
      {hasSucceeded ? <p role="status">{t("saved")}</p> : null}
      <div>
        <label htmlFor="rec-target" className="block font-medium">{t("target")}</label>
        <select id="rec-target" name="target" required aria-describedby="rec-target-error" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2">
          <option value="">{t("chooseTarget")}</option>
          {instrument.aspects.map((aspect) => (
            <optgroup key={aspect.code} label={`${aspect.code}. ${aspect.name}`}>
              <option value={`aspect:${aspect.code}`}>{t("wholeAspect", { code: aspect.code })}</option>
              {aspect.indicators.map((i) => <option key={i.code} value={`indicator:${i.code}`}>{i.code} {i.name}</option>)}
            </optgroup>
          ))}
        </select>
        <FieldError id="rec-target-error" messages={errors.target} />
      </div>
      <div>
        <label htmlFor="rec-text" className="block font-medium">{t("text")}</label>
        <textarea id="rec-text" name="text" rows={3} required aria-describedby="rec-text-error" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2" />
        <FieldError id="rec-text-error" messages={errors.text} />
      </div>
      <div>
        <label htmlFor="rec-date" className="block font-medium">{t("targetDate")}</label>
        <input id="rec-date" name="targetDate" type="date" required aria-describedby="rec-date-error" className="mt-1 rounded-md border border-slate-300 px-3 py-2" />
        <FieldError id="rec-date-error" messages={errors.targetDate} />
      </div>
      <button type="submit" disabled={isPending} className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">{t("add")}</button>
    </form>
  );
}
