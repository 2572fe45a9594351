"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { reopenAssessmentAction } from "@/lib/server/assessment/actions";
import { ActionErrorMessage, FieldError } from "@/components/action-feedback";

/** An admin lets one locus edit again until a date. */
export function ReopenForm({ assessmentId }: { assessmentId: string }) {
  const t = useTranslations("workspace");
  const { execute, result, isPending, hasSucceeded } = useAction(reopenAssessmentAction, { onSuccess: () => window.location.reload() });
  const errors = (result.validationErrors?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  return (
    <form action={(formData) => execute({ assessmentId, until: String(formData.get("until") ?? "") })} className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4">
      <ActionErrorMessage error={result.serverError} />
      <div>
        <label htmlFor="reopen-until" className="block text-sm font-medium">{t("reopenUntil")}</label>
        <input id="reopen-until" name="until" type="date" required aria-describedby="reopen-error" className="mt-1 rounded-md border border-slate-300 px-3 py-2" />
        <FieldError id="reopen-error" messages={errors.until} />
      </div>
      <button type="submit" disabled={isPending} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900 disabled:opacity-60">{t("reopen")}</button>
      {hasSucceeded ? <p role="status" className="text-sm text-emerald-800">{t("reopened")}</p> : null}
    </form>
  );
}
