"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { signInAction, signInWithOidcAction } from "@/lib/server/account/actions";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

interface SignInResult {
  validationErrors?: unknown;
  serverError?: unknown;
  data?: Awaited<ReturnType<typeof signInAction>> extends infer R ? (R extends { data?: infer D } ? D : never) : never;
}

function messageKey(result: SignInResult) {
  if (result.validationErrors) return { key: "invalidInput" } as const;
  if (result.serverError) return { key: "unavailable" } as const;
  const data = result.data;
  if (!data) return null;
  return data.error === "throttled" ? ({ key: "throttled", minutes: data.minutes } as const) : ({ key: data.error } as const);
}

export function LoginForm({ oidcName }: { oidcName: string | null }) {
  const t = useTranslations("login");
  const { execute, result, isPending } = useAction(signInAction);
  const oidc = useAction(signInWithOidcAction);
  const message = messageKey(result);
  const text = message ? (message.key === "throttled" ? t("throttled", { minutes: message.minutes }) : t(message.key)) : null;
  return (
    <div className="space-y-4">
      <form
        action={(formData) => execute({ email: String(formData.get("email") ?? ""), password: String(formData.get("password") ?? "") })}
        className="space-y-4"
        noValidate
      >
        {text ? (
          <p role="alert" aria-label={text} className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {text}
          </p>
        ) : null}
        <Field id="email" label={t("email")}>
          <Input name="email" type="email" autoComplete="username" required className="shadow-sm focus:border-brand-600" />
        </Field>
        <Field id="password" label={t("password")}>
          <Input name="password" type="password" autoComplete="current-password" required className="shadow-sm focus:border-brand-600" />
        </Field>
        <Button type="submit" size="lg" className="w-full" disabled={isPending} aria-busy={isPending}>
          {isPending ? t("submitting") : t("submit")}
        </Button>
      </form>
      {oidcName ? (
        <button
          type="button"
          onClick={() => oidc.execute({})}
          disabled={oidc.isPending}
          className="w-full rounded-md border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-100"
        >
          {t("withOidc", { name: oidcName })}
        </button>
      ) : null}
    </div>
  );
}
