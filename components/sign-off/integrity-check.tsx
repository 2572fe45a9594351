"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { ActionErrorMessage } from "@/components/action-feedback";
import { Button } from "@/components/ui/button";
import { checkIntegrityAction } from "@/lib/server/sign-off/actions";

/** Upload a PDF copy or paste a hash: the page answers whether it matches what was signed. */
export function IntegrityCheck({ code }: { code: string }) {
  const t = useTranslations("signOff.verify");
  const { execute, result, isPending } = useAction(checkIntegrityAction);
  const outcome = result.data?.outcome;
  return (
    <form
      action={(formData) => {
        formData.set("code", code);
        execute(formData as never);
      }}
      className="space-y-3"
      aria-labelledby="check-title"
    >
      <h2 id="check-title" className="font-semibold">
        {t("checkTitle")}
      </h2>
      <p className="text-sm text-slate-600">{t("checkExplain")}</p>
      <label className="block text-sm">
        <span className="font-medium">{t("file")}</span>
        <input name="file" type="file" accept="application/pdf" className="mt-1 block text-sm" />
      </label>
      <label className="block text-sm">
        <span className="font-medium">{t("hashInput")}</span>
        <input name="hash" type="text" className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 font-mono text-xs" />
      </label>
      <Button type="submit" disabled={isPending}>
        {isPending ? t("checking") : t("check")}
      </Button>
      <ActionErrorMessage error={result.serverError} />
      {outcome ? (
        <p
          role="status"
          data-testid="integrity-outcome"
          className={`rounded-md px-3 py-2 text-sm ${outcome === "match" ? "bg-emerald-50 text-emerald-900" : "bg-red-50 text-red-900"}`}
        >
          {t(outcome)}
        </p>
      ) : null}
    </form>
  );
}
