"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { issueTemporaryPasswordAction } from "@/lib/server/users/actions";
import { ActionErrorMessage } from "@/components/action-feedback";
import { ConfirmDialog } from "@/components/ui/dialog";
import { TemporaryPasswordNotice } from "./temporary-password-notice";

export function TemporaryPasswordButton({ userId }: { userId: string }) {
  const t = useTranslations("users");
  const { execute, result, isPending } = useAction(issueTemporaryPasswordAction);
  if (result.data) return <TemporaryPasswordNotice password={result.data.temporaryPassword} />;
  return (
    <div className="space-y-2">
      <ActionErrorMessage error={result.serverError} />
      <ConfirmDialog
        trigger={
          <button type="button" disabled={isPending} className="rounded-md border border-slate-300 px-4 py-2 text-sm hover:bg-slate-100 disabled:opacity-60">
            {t("issueTemporaryPassword")}
          </button>
        }
        title={t("issueTemporaryPassword")}
        description={t("temporaryPasswordConfirm")}
        confirmLabel={t("issueTemporaryPassword")}
        onConfirm={() => execute({ userId })}
      />
    </div>
  );
}
