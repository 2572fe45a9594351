"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { startReviewAction } from "@/lib/server/verification/actions";
import { ActionErrorMessage } from "@/components/action-feedback";
import { Button } from "@/components/ui/button";

export function StartReviewButton({ assessmentId }: { assessmentId: string }) {
  const t = useTranslations("verification");
  const { execute, result, isPending } = useAction(startReviewAction, { onSuccess: () => window.location.reload() });
  return (
    <div className="space-y-2 rounded-xl border border-blue-200 bg-blue-50 p-4">
      <p className="text-sm">{t("startIntro")}</p>
      <ActionErrorMessage error={result.serverError} />
      <Button onClick={() => execute({ assessmentId })} disabled={isPending}>
        {t("start")}
      </Button>
    </div>
  );
}
