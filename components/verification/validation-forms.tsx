"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { ActionErrorMessage } from "@/components/action-feedback";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { sendBackAssessmentAction, validateAssessmentAction } from "@/lib/server/verification/second-tier-actions";

/** The ministry validator's two decisions on a locus awaiting validation. */
export function ValidationForms({ assessmentId, locusName }: { assessmentId: string; locusName: string }) {
  const t = useTranslations("secondTier");
  const validate = useAction(validateAssessmentAction, { onSuccess: () => window.location.reload() });
  const sendBack = useAction(sendBackAssessmentAction, { onSuccess: () => window.location.reload() });
  const errors = (sendBack.result.validationErrors?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  return (
    <div className="space-y-3" data-testid={`validation-${assessmentId}`}>
      <Button type="button" disabled={validate.isPending} onClick={() => validate.execute({ assessmentId })} aria-label={`${t("validate")}: ${locusName}`}>
        {t("validate")}
      </Button>
      <ActionErrorMessage error={validate.result.serverError} />
      <form
        className="space-y-2"
        onSubmit={(event) => {
          event.preventDefault();
          sendBack.execute(new FormData(event.currentTarget));
        }}
      >
        <input type="hidden" name="assessmentId" value={assessmentId} />
        <Field id={`reasons-${assessmentId}`} label={t("reasons")} errors={errors.reasons}>
          <Textarea name="reasons" required maxLength={5000} rows={2} />
        </Field>
        <ActionErrorMessage error={sendBack.result.serverError} />
        <Button type="submit" variant="secondary" disabled={sendBack.isPending}>
          {t("sendBack")}
        </Button>
      </form>
    </div>
  );
}
