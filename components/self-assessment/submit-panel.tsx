"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { submitSelfAssessmentAction } from "@/lib/server/assessment/actions";
import { ActionErrorMessage } from "@/components/action-feedback";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import type { MissingItem } from "@/lib/domain/workflow";

interface Props {
  assessmentId: string;
  missing: MissingItem[];
  unsavedCount: number;
}

/** Completeness check with links to each missing item, then a confirmed, audited submission. */
export function SubmitPanel({ assessmentId, missing, unsavedCount }: Props) {
  const t = useTranslations("workspace");
  const [showMissing, setShowMissing] = useState(false);
  const listRef = useRef<HTMLDivElement>(null);
  const { execute, result, isPending } = useAction(submitSelfAssessmentAction, {
    onSuccess: ({ data }) => {
      if (data.submitted) window.location.reload();
      else setShowMissing(true);
    },
  });
  const serverMissing = result.data && !result.data.submitted ? result.data.missing : null;
  const shown = serverMissing ?? missing;

  // With something missing the button shows the list instead of opening the confirmation.
  const check = (event: React.MouseEvent) => {
    if (missing.length === 0) return;
    event.preventDefault();
    setShowMissing(true);
    requestAnimationFrame(() => listRef.current?.focus());
  };

  return (
    <section aria-labelledby="submit-title" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="submit-title" className="text-sm font-semibold">
        {t("submitTitle")}
      </h2>
      <p className="mt-1 text-xs text-slate-600">{missing.length === 0 ? t("readyToSubmit") : t("missingCount", { count: missing.length })}</p>
      <ActionErrorMessage error={result.serverError} />
      <ConfirmDialog
        trigger={
          <Button variant="primary" size="lg" className="mt-3 w-full" onClick={check} disabled={isPending || unsavedCount > 0}>
            {isPending ? t("submitting") : t("submit")}
          </Button>
        }
        title={t("submit")}
        description={t("submitConfirm")}
        confirmLabel={t("submit")}
        onConfirm={() => execute({ assessmentId })}
      />
      {unsavedCount > 0 ? <p className="mt-2 text-xs text-slate-600">{t("waitForSave")}</p> : null}
      {showMissing && shown.length > 0 ? (
        <div
          ref={listRef}
          tabIndex={-1}
          role="alert"
          aria-label={t("missingTitle")}
          className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
          data-testid="missing-list"
        >
          <p className="font-medium">{t("missingTitle")}</p>
          <ul className="mt-2 space-y-1">
            {shown.map((item) => (
              <li key={item.indicatorCode}>
                <a href={`#indikator-${item.indicatorCode}`} className="text-brand-700 underline">
                  {item.indicatorCode} {item.indicatorName}
                </a>
                {": "}
                {item.reasons.map((r) => t(`missing.${r}`)).join(", ")}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
