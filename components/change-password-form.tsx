"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { changePasswordAction } from "@/lib/server/account/actions";
import { ActionErrorMessage, FieldError } from "@/components/action-feedback";

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm";

export function ChangePasswordForm({ home }: { home: string }) {
  const t = useTranslations("account");
  const { execute, result, isPending, hasSucceeded } = useAction(changePasswordAction, {
    // A full navigation, so the layout drops the forced-change banner and shows the menu again.
    onSuccess: () => window.location.assign(home),
  });
  const errors = (result.validationErrors?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  return (
    <form
      action={(formData) => execute({
        currentPassword: String(formData.get("currentPassword") ?? ""),
        newPassword: String(formData.get("newPassword") ?? ""),
        confirmPassword: String(formData.get("confirmPassword") ?? ""),
      })}
      className="space-y-4"
      noValidate
    >
      <ActionErrorMessage error={result.serverError} />
      {hasSucceeded ? <p role="status" className="text-sm text-emerald-800">{t("changed")}</p> : null}
      {(["currentPassword", "newPassword", "confirmPassword"] as const).map((name) => (
        <div key={name}>
          <label htmlFor={name} className="block text-sm font-medium">{t(name)}</label>
          <input id={name} name={name} type="password" required aria-describedby={`${name}-error`}
            autoComplete={name === "currentPassword" ? "current-password" : "new-password"} className={inputClass} />
          <FieldError id={`${name}-error`} messages={errors[name]} />
        </div>
      ))}
      <p className="text-xs text-slate-600">{t("rules")}</p>
      <button type="submit" disabled={isPending} className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
        {isPending ? t("saving") : t("submit")}
      </button>
    </form>
  );
}
