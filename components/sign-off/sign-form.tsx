"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { ActionErrorMessage } from "@/components/action-feedback";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { signBeritaAcaraAction } from "@/lib/server/sign-off/actions";

/** The step-up confirmation: the signer types the password again, then the page shows the signature. */
export function SignForm({ assessmentId }: { assessmentId: string }) {
  const t = useTranslations("signOff");
  const router = useRouter();
  const { execute, result, isPending } = useAction(signBeritaAcaraAction, { onSuccess: () => router.refresh() });
  const errors = (result.validationErrors?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  return (
    <form
      action={(formData) => execute({ assessmentId, password: String(formData.get("password") ?? "") })}
      className="space-y-3"
      aria-labelledby="sign-title"
      noValidate
    >
      <h2 id="sign-title" className="font-semibold">
        {t("signTitle")}
      </h2>
      <p className="text-sm text-slate-600">{t("signExplain")}</p>
      <ActionErrorMessage error={result.serverError} />
      {result.data ? (
        <p role="status" className="text-sm text-emerald-800">
          {t("signed", { code: result.data.code })}
        </p>
      ) : null}
      <Field id="sign-password" label={t("password")} errors={errors.password}>
        <Input id="sign-password" name="password" type="password" required autoComplete="current-password" />
      </Field>
      <Button type="submit" disabled={isPending}>
        {isPending ? t("signing") : t("sign")}
      </Button>
    </form>
  );
}
