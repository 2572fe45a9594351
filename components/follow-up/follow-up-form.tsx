"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useId, useRef } from "react";
import { createFollowUpAction, updateFollowUpAction } from "@/lib/server/follow-up/actions";
import { ActionErrorMessage, FieldError } from "@/components/action-feedback";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { FOLLOW_UP_STATUSES, type FollowUpStatus } from "@/lib/domain/follow-up/rules";

interface Existing {
  id: string;
  description: string;
  actionDate: string;
  status: FollowUpStatus;
  version: number;
}

/**
 * The evaluator's follow-up action: what was done or is planned, its date and its status. Without
 * `existing` it records a new action on the recommendation; with it, it changes that action on the
 * version shown (a change made meanwhile by someone else is refused with a message, never lost).
 */
export function FollowUpForm({ recommendationId, existing }: { recommendationId: string; existing?: Existing }) {
  const t = useTranslations("followUp");
  const id = useId();
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const create = useAction(createFollowUpAction, {
    onSuccess: () => {
      formRef.current?.reset();
      router.refresh();
    },
  });
  const update = useAction(updateFollowUpAction, { onSuccess: () => router.refresh() });
  const action = existing ? update : create;
  const errors = (action.result.validationErrors?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  return (
    <form
      ref={formRef}
      // onSubmit rather than a form action: React resets a form after its action, and a refused
      // entry must stay on screen to be corrected.
      onSubmit={(event) => {
        event.preventDefault();
        const formData = new FormData(event.currentTarget);
        action.reset();
        const fields = {
          description: String(formData.get("description") ?? ""),
          actionDate: String(formData.get("actionDate") ?? ""),
          status: String(formData.get("status") ?? "") as FollowUpStatus,
        };
        if (existing) update.execute({ followUpId: existing.id, baseVersion: existing.version, ...fields });
        else create.execute({ recommendationId, ...fields });
      }}
      className="space-y-3 text-sm"
      data-testid={existing ? "follow-up-edit-form" : "follow-up-new-form"}
    >
      <ActionErrorMessage error={action.result.serverError} />
      <div aria-live="polite">{action.hasSucceeded ? <p>{existing ? t("form.updated") : t("form.created")}</p> : null}</div>
      <Field
        id={`${id}-description`}
        label={t("form.description")}
        labelClassName="block font-medium"
        hint={t("form.descriptionHint")}
        errors={errors.description}
      >
        <Textarea name="description" rows={3} required maxLength={4000} defaultValue={existing?.description} className="text-sm" />
      </Field>
      <Field id={`${id}-date`} label={t("form.actionDate")} labelClassName="block font-medium" hint={t("form.actionDateHint")} errors={errors.actionDate}>
        <Input name="actionDate" type="date" required defaultValue={existing?.actionDate} inline />
      </Field>
      <fieldset>
        <legend className="font-medium">{t("form.status")}</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {FOLLOW_UP_STATUSES.map((status) => (
            <label key={status} className="flex items-center gap-2">
              <input type="radio" name="status" value={status} required defaultChecked={(existing?.status ?? "PLANNED") === status} className="h-4 w-4" />
              {t(`status.${status}`)}
            </label>
          ))}
        </div>
        <FieldError id={`${id}-status-error`} messages={errors.status} />
      </fieldset>
      <Button type="submit" size="lg" disabled={action.isPending}>
        {action.isPending ? t("form.saving") : existing ? t("form.saveChanges") : t("form.add")}
      </Button>
    </form>
  );
}
