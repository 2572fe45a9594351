"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { signInAction, signInWithOidcAction } from "@/lib/server/account/actions";

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
          <p role="alert" aria-label={text} className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{text}</p>
        ) : null}
        <div>
          <label htmlFor="email" className="block text-sm font-medium">{t("email")}</label>
          <input id="email" name="email" type="email" autoComplete="username" required
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-600" />
        </div>
        <div>
          <label htmlFor="password" className="block text-sm font-medium">{t("password")}</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-600" />
        </div>
        <button type="submit" disabled={isPending} aria-busy={isPending}
          className="w-full rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
          {isPending ? t("submitting") : t("submit")}
        </button>
      </form>
      {oidcName ? (
        <button type="button" onClick={() => oidc.execute({})} disabled={oidc.isPending}
          className="w-full rounded-md border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-100">
          {t("withOidc", { name: oidcName })}
        </button>
      ) : null}
    </div>
  );
}
