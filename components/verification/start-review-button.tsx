"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { startReviewAction } from "@/lib/server/verification/actions";
import { ActionErrorMessage } from "@/components/action-feedback";

export function StartReviewButton({ assessmentId }: { assessmentId: string }) {
  const t = useTranslations("verification");
  const { execute, result, isPending } = useAction(startReviewAction, { onSuccess: () => window.location.reload() });
  return (
    <div className="space-y-2 rounded-xl border border-blue-200 bg-blue-50 p-4">
      <p className="text-sm">{t("startIntro")}</p>
      <ActionErrorMessage error={result.serverError} />
      <button type="button" onClick={() => execute({ assessmentId })} disabled={isPending} className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900 disabled:opacity-60">{t("start")}</button>
    </div>
  );
}
