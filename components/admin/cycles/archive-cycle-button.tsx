"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { archiveCycleAction } from "@/lib/server/cycle/actions";
import { ActionErrorMessage } from "@/components/action-feedback";
import { ConfirmDialog } from "@/components/ui/dialog";

interface Props {
  cycleId: string;
  cycleName: string;
  updatedAt: string;
  /** Why the cycle cannot be archived now (the server's own rule), shown beside the disabled button. */
  blockedReason: string | null;
}

/**
 * Archives a published cycle after a confirmation that says what it means (read-only for good),
 * with the choice to move its evidence to cold storage; the outcome is announced, the page refreshed.
 */
export function ArchiveCycleButton({ cycleId, cycleName, updatedAt, blockedReason }: Props) {
  const t = useTranslations("cycleAdmin");
  const reasonId = useId();
  const coldId = useId();
  const router = useRouter();
  const [cold, setCold] = useState(false);
  const archive = useAction(archiveCycleAction, { onSuccess: () => router.refresh() });

  return (
    <div className="space-y-2">
      <ActionErrorMessage error={archive.result.serverError} />
      <ConfirmDialog
        trigger={
          <button
            type="button"
            disabled={archive.isPending || Boolean(blockedReason)}
            aria-busy={archive.isPending}
            aria-describedby={blockedReason ? reasonId : undefined}
            className="rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:opacity-50"
          >
            {t("button.ARCHIVE")}
          </button>
        }
        title={t("button.ARCHIVE")}
        description={t("confirm.ARCHIVE", { cycle: cycleName })}
        confirmLabel={t("button.ARCHIVE")}
        tone="danger"
        onConfirm={() => archive.execute({ cycleId, expectedUpdatedAt: updatedAt, moveEvidenceToColdStorage: cold })}
      >
        <div className="flex items-start gap-2 text-sm">
          <input id={coldId} type="checkbox" className="mt-1" checked={cold} onChange={(event) => setCold(event.target.checked)} />
          <label htmlFor={coldId}>
            {t("archive.coldStorage")}
            <span className="block text-xs text-slate-600">{t("archive.coldStorageHint")}</span>
          </label>
        </div>
      </ConfirmDialog>
      {blockedReason ? (
        <p id={reasonId} className="max-w-xs text-xs text-slate-600" data-testid="blocked-ARCHIVE">
          {blockedReason}
        </p>
      ) : null}
      <p role="status" className="text-sm text-emerald-800">
        {archive.hasSucceeded ? t("done.ARCHIVE") : null}
      </p>
    </div>
  );
}
