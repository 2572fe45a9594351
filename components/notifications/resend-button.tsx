"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { ActionErrorMessage } from "@/components/action-feedback";
import { Button } from "@/components/ui/button";
import { resendOutboxMessageAction } from "@/lib/server/notifications/actions";

/** An admin sends one outbox message again. */
export function ResendOutboxButton({ id }: { id: string }) {
  const t = useTranslations("notifications.outbox");
  const router = useRouter();
  const resend = useAction(resendOutboxMessageAction, { onSuccess: () => router.refresh() });
  return (
    <div className="space-y-1">
      <Button size="xs" variant="secondary" disabled={resend.isPending} onClick={() => resend.execute({ id })}>
        {t("resend")}
      </Button>
      <ActionErrorMessage error={resend.result.serverError} />
      {resend.hasSucceeded ? (
        <p role="status" className="text-xs text-emerald-800">
          {t("resent")}
        </p>
      ) : null}
    </div>
  );
}
