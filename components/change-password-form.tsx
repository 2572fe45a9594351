"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { changePasswordAction } from "@/lib/server/account/actions";
import { ActionErrorMessage } from "@/components/action-feedback";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

export function ChangePasswordForm({ home }: { home: string }) {
  const t = useTranslations("account");
  const { execute, result, isPending, hasSucceeded } = useAction(changePasswordAction, {
    // A full navigation, so the layout drops the forced-change banner and shows the menu again.
    onSuccess: () => window.location.assign(home),
  });
  const errors = (result.validationErrors?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  return (
    <form
      action={(formData) =>
        execute({
          currentPassword: String(formData.get("currentPassword") ?? ""),
          newPassword: String(formData.get("newPassword") ?? ""),
          confirmPassword: String(formData.get("confirmPassword") ?? ""),
        })
      }
      className="space-y-4"
      noValidate
    >
      <ActionErrorMessage error={result.serverError} />
      {hasSucceeded ? (
        <p role="status" className="text-sm text-emerald-800">
          {t("changed")}
        </p>
      ) : null}
      {(["currentPassword", "newPassword", "confirmPassword"] as const).map((name) => (
        <Field key={name} id={name} label={t(name)} errors={errors[name]}>
          <Input name={name} type="password" required autoComplete={name === "currentPassword" ? "current-password" : "new-password"} className="shadow-sm" />
        </Field>
      ))}
      <p className="text-xs text-slate-600">{t("rules")}</p>
      <Button type="submit" size="lg" disabled={isPending}>
        {isPending ? t("saving") : t("submit")}
      </Button>
    </form>
  );
}
