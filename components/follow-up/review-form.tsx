"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { reviewFollowUpAction } from "@/lib/server/follow-up/actions";
import { ActionErrorMessage, FieldError } from "@/components/action-feedback";

/** The verifier accepts a follow-up action, or asks for more with a reason, on the version shown. */
export function FollowUpReviewForm({ followUpId, version, closesOnAccept }: { followUpId: string; version: number; closesOnAccept: boolean }) {
  const t = useTranslations("followUp");
  const id = useId();
  const router = useRouter();
  const [note, setNote] = useState("");
  const review = useAction(reviewFollowUpAction, { onSuccess: () => router.refresh() });
  const errors = (review.result.validationErrors?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  const decide = (decision: "ACCEPT" | "REQUEST_MORE") => {
    review.reset();
    review.execute({ followUpId, decision, note, baseVersion: version });
  };
  return (
    <div className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm" data-testid="follow-up-review-form">
      <h4 className="font-medium">{t("reviewForm.title")}</h4>
      <ActionErrorMessage error={review.result.serverError} />
      <label htmlFor={`${id}-note`} className="block">
        {t("reviewForm.note")}
      </label>
      <textarea
        id={`${id}-note`}
        rows={2}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        maxLength={2000}
        aria-describedby={`${id}-note-hint ${id}-note-error`}
        className="block w-full rounded-md border border-slate-300 px-3 py-2"
      />
      <p id={`${id}-note-hint`} className="text-xs text-slate-600">
        {closesOnAccept ? t("reviewForm.hintDone") : t("reviewForm.hintProgress")}
      </p>
      <FieldError id={`${id}-note-error`} messages={errors.note} />
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          disabled={review.isPending}
          onClick={() => decide("ACCEPT")}
          className="rounded-md bg-emerald-700 px-4 py-2 font-medium text-white hover:bg-emerald-800 disabled:opacity-60"
        >
          {t("reviewForm.accept")}
        </button>
        <button
          type="button"
          disabled={review.isPending}
          onClick={() => decide("REQUEST_MORE")}
          className="rounded-md border border-amber-500 bg-amber-50 px-4 py-2 font-medium hover:bg-amber-100 disabled:opacity-60"
        >
          {t("reviewForm.requestMore")}
        </button>
      </div>
    </div>
  );
}
