"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { SaveStatus } from "./use-autosave";

/**
 * Always-visible saving state: saving, saved at hh:mm, or failed with a retry. It never says that
 * everything is saved while a change is unsent or waits for the user's choice after a conflict.
 */
export function SaveStatusBar({
  status,
  pendingCount,
  conflictCount = 0,
  onRetry,
}: {
  status: SaveStatus;
  pendingCount: number;
  conflictCount?: number;
  onRetry: () => void;
}) {
  const t = useTranslations();
  const format = useFormatter();
  let text: string;
  let tone = "text-slate-700";
  switch (status.kind) {
    case "saving":
      text = t("workspace.saving");
      break;
    case "pending":
      text = t("workspace.unsent", { count: pendingCount });
      break;
    case "saved":
      text =
        pendingCount > 0
          ? t("workspace.unsent", { count: pendingCount })
          : t("workspace.savedAt", { time: format.dateTime(status.at, { hour: "2-digit", minute: "2-digit" }) });
      tone = "text-emerald-800";
      break;
    case "failed":
      text = status.offline ? t("workspace.offline", { count: pendingCount }) : t("workspace.saveFailed", { count: pendingCount });
      tone = "text-red-800";
      break;
    case "blocked":
      text = t.has(status.error.key)
        ? t(
            status.error.key,
            Object.fromEntries(
              Object.entries(status.error.values ?? {}).map(([k, v]) => [k, typeof v === "string" && /^\d{4}-\d\d-\d\dT/.test(v) ? new Date(v) : v]),
            ),
          )
        : t("errors.unexpected", { ref: "-" });
      tone = "text-red-800";
      break;
    default:
      text = pendingCount > 0 ? t("workspace.unsent", { count: pendingCount }) : t("workspace.allSaved");
  }
  // A failure or a refusal names itself (with its retry); otherwise an answer waiting for the
  // user's choice after a conflict comes before everything else.
  if (conflictCount > 0 && status.kind !== "failed" && status.kind !== "blocked") {
    text = t("workspace.conflictsWaiting", { count: conflictCount });
    tone = "text-red-800";
  }
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="save-status">
      <p role="status" className={tone}>
        {text}
      </p>
      {status.kind === "failed" ? (
        <button type="button" onClick={onRetry} className="rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100">
          {t("workspace.retry")}
        </button>
      ) : null}
    </div>
  );
}
