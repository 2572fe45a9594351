"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { finaliseCycleAction } from "@/lib/server/verification/actions";
import { ActionErrorMessage } from "@/components/action-feedback";
import { ConfirmDialog } from "@/components/ui/dialog";

/** Fixes the cycle's verified results (they become final), after a confirmation naming how many. */
export function FinaliseCycleButton({
  cycleId,
  cycleName,
  verified,
  blockedReason,
}: {
  cycleId: string;
  cycleName: string;
  verified: number;
  /** Why finalising cannot succeed now (the action's own rules, decided on the page): the button is disabled and says so. */
  blockedReason?: string | null;
}) {
  const t = useTranslations("admin");
  const reasonId = useId();
  const { execute, result, isPending, hasSucceeded } = useAction(finaliseCycleAction);
  if (hasSucceeded && result.data)
    return (
      <p role="status" className="text-sm text-emerald-800">
        {t("finalised", { count: result.data.finalised })}
      </p>
    );
  return (
    <div>
      <ActionErrorMessage error={result.serverError} />
      <ConfirmDialog
        trigger={
          <button
            type="button"
            disabled={isPending || verified === 0 || Boolean(blockedReason)}
            aria-describedby={blockedReason ? reasonId : undefined}
            className="rounded-md border border-emerald-700 px-3 py-1 text-xs font-medium text-emerald-800 hover:bg-emerald-50 disabled:opacity-50"
          >
            {t("finalise", { count: verified })}
          </button>
        }
        title={t("finalise", { count: verified })}
        description={t("finaliseConfirm", { count: verified, cycle: cycleName })}
        confirmLabel={t("finalise", { count: verified })}
        onConfirm={() => execute({ cycleId })}
      />
      {blockedReason ? (
        <p id={reasonId} className="mt-2 max-w-xs text-xs text-slate-600" data-testid="blocked-FINALISE">
          {blockedReason}
        </p>
      ) : null}
    </div>
  );
}
