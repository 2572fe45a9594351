"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { reopenAssessmentAction } from "@/lib/server/assessment/actions";
import { ActionErrorMessage } from "@/components/action-feedback";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

/** An admin lets one locus edit again until a date. */
export function ReopenForm({ assessmentId }: { assessmentId: string }) {
  const t = useTranslations("workspace");
  const { execute, result, isPending, hasSucceeded } = useAction(reopenAssessmentAction, { onSuccess: () => window.location.reload() });
  const errors = (result.validationErrors?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  return (
    <form
      action={(formData) => execute({ assessmentId, until: String(formData.get("until") ?? "") })}
      className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4"
    >
      <ActionErrorMessage error={result.serverError} />
      <Field id="reopen-until" label={t("reopenUntil")} errors={errors.until}>
        <Input name="until" type="date" required inline />
      </Field>
      <Button type="submit" disabled={isPending}>
        {t("reopen")}
      </Button>
      {hasSucceeded ? (
        <p role="status" className="text-sm text-emerald-800">
          {t("reopened")}
        </p>
      ) : null}
    </form>
  );
}
