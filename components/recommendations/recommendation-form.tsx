"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { createRecommendationAction } from "@/lib/server/verification/actions";
import { ActionErrorMessage } from "@/components/action-feedback";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select, Textarea } from "@/components/ui/input";
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
        execute({
          assessmentId,
          target: String(formData.get("target") ?? ""),
          text: String(formData.get("text") ?? ""),
          targetDate: String(formData.get("targetDate") ?? ""),
        });
      }}
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 text-sm"
      aria-labelledby="recommendation-form-title"
    >
      <h2 id="recommendation-form-title" className="font-semibold">
        {t("formTitle")}
      </h2>
      <ActionErrorMessage error={result.serverError} />
      {hasSucceeded ? <p role="status">{t("saved")}</p> : null}
      <Field id="rec-target" label={t("target")} labelClassName="block font-medium" errors={errors.target}>
        <Select name="target" required>
          <option value="">{t("chooseTarget")}</option>
          {instrument.aspects.map((aspect) => (
            <optgroup key={aspect.code} label={`${aspect.code}. ${aspect.name}`}>
              <option value={`aspect:${aspect.code}`}>{t("wholeAspect", { code: aspect.code })}</option>
              {aspect.indicators.map((i) => (
                <option key={i.code} value={`indicator:${i.code}`}>
                  {i.code} {i.name}
                </option>
              ))}
            </optgroup>
          ))}
        </Select>
      </Field>
      <Field id="rec-text" label={t("text")} labelClassName="block font-medium" errors={errors.text}>
        <Textarea name="text" rows={3} required />
      </Field>
      <Field id="rec-date" label={t("targetDate")} labelClassName="block font-medium" errors={errors.targetDate}>
        <Input name="targetDate" type="date" required inline />
      </Field>
      <Button type="submit" size="lg" disabled={isPending}>
        {t("add")}
      </Button>
    </form>
  );
}
