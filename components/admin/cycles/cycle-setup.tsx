"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { updateCycleSettingsAction } from "@/lib/server/cycle/actions";
import { ActionErrorMessage } from "@/components/action-feedback";
import { Button } from "@/components/ui/button";
import { SettingsFields, settingsFromForm } from "./new-cycle-form";
import { StageDatesForm, type StageDays } from "./stage-dates-form";

interface Props {
  cycleId: string;
  updatedAt: string;
  stages: StageDays[];
  settings: {
    f02SharePercent: number;
    minSurveyRespondents: number;
    evidenceRequiredAboveZero: boolean;
    secondTierEnabled?: boolean;
    secondTierInstitutionTypes?: readonly string[];
  };
  stagesEditable: boolean;
  settingsEditable: boolean;
}

/**
 * A cycle's set-up: its stage dates and its scoring settings. Both forms share the cycle's
 * updatedAt, so that saving one does not make the other look like someone else's change.
 */
export function CycleSetup({ cycleId, updatedAt: loaded, stages, settings, stagesEditable, settingsEditable }: Props) {
  const t = useTranslations("cycleAdmin");
  const router = useRouter();
  const [updatedAt, setUpdatedAt] = useState(loaded);
  const saved = (next: string) => {
    setUpdatedAt(next);
    router.refresh();
  };
  const { execute, result, isPending, hasSucceeded } = useAction(updateCycleSettingsAction, { onSuccess: ({ data }) => saved(data.updatedAt) });
  const errors = (result.validationErrors?.fieldErrors ?? {}) as Record<string, string[] | undefined>;

  return (
    <div className="space-y-10">
      <StageDatesForm cycleId={cycleId} updatedAt={updatedAt} stages={stages} editable={stagesEditable} onSaved={saved} />
      <form
        aria-labelledby="settings-title"
        className="max-w-2xl space-y-4"
        noValidate
        action={(formData) =>
          execute({
            cycleId,
            expectedUpdatedAt: updatedAt,
            settings: settingsFromForm(formData),
          })
        }
      >
        <h2 id="settings-title" className="text-lg font-semibold">
          {t("setup.settingsTitle")}
        </h2>
        <ActionErrorMessage error={result.serverError} />
        {hasSucceeded ? (
          <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            {t("setup.settingsSaved")}
          </p>
        ) : null}
        <SettingsFields defaults={settings} errors={errors} disabled={!settingsEditable} />
        {settingsEditable ? (
          <Button type="submit" size="lg" disabled={isPending} aria-busy={isPending}>
            {isPending ? t("setup.saving") : t("setup.saveSettings")}
          </Button>
        ) : (
          <p className="text-sm text-slate-600">{t("setup.settingsFixed")}</p>
        )}
      </form>
    </div>
  );
}
