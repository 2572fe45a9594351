"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { ActionErrorMessage } from "@/components/action-feedback";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { INSTITUTION_TYPES, type InstitutionType } from "@/lib/domain/registry/fields";
import { assignValidatorAction, updateSecondTierAction } from "@/lib/server/verification/second-tier-actions";

/** The second-tier setting of a cycle: on or off, and for which institution types. */
export function SecondTierSettingForm({
  cycleId,
  enabled,
  types,
  editable,
}: {
  cycleId: string;
  enabled: boolean;
  types: readonly string[];
  editable: boolean;
}) {
  const t = useTranslations();
  const { execute, result, isPending, hasSucceeded } = useAction(updateSecondTierAction);
  return (
    <form
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        execute({
          cycleId,
          enabled: form.get("secondTierEnabled") === "on",
          institutionTypes: form.getAll("secondTierInstitutionTypes").map(String) as InstitutionType[],
        });
      }}
    >
      <div className="flex items-center gap-2">
        <input id="second-tier-enabled" name="secondTierEnabled" type="checkbox" defaultChecked={enabled} disabled={!editable} className="h-4 w-4" />
        <label htmlFor="second-tier-enabled" className="text-sm font-medium">
          {t("secondTier.setting")}
        </label>
      </div>
      <p className="text-xs text-slate-600">{t("secondTier.settingHint")}</p>
      <fieldset>
        <legend className="text-sm font-medium">{t("secondTier.types")}</legend>
        <div className="mt-1 flex flex-wrap gap-3 text-sm">
          {INSTITUTION_TYPES.map((type) => (
            <label key={type} className="flex items-center gap-1">
              <input type="checkbox" name="secondTierInstitutionTypes" value={type} defaultChecked={types.includes(type)} disabled={!editable} />
              {t(`institutionType.${type}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <ActionErrorMessage error={result.serverError} />
      <Button type="submit" disabled={isPending || !editable}>
        {t("secondTier.save")}
      </Button>
      {hasSucceeded ? <p role="status">{t("secondTier.saved")}</p> : null}
    </form>
  );
}

/** Makes a verifier a validator of an institution in this cycle. */
export function AssignValidatorForm({
  cycleId,
  verifiers,
  institutions,
}: {
  cycleId: string;
  verifiers: { id: string; name: string; email: string }[];
  institutions: { id: string; name: string }[];
}) {
  const t = useTranslations("secondTier");
  const { execute, result, isPending } = useAction(assignValidatorAction, { onSuccess: () => window.location.reload() });
  return (
    <form
      className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4"
      onSubmit={(event) => {
        event.preventDefault();
        execute(new FormData(event.currentTarget));
      }}
    >
      <input type="hidden" name="cycleId" value={cycleId} />
      <Field id="validator" className="min-w-0 max-w-full" label={t("validator")}>
        <Select name="validatorId" inline>
          {verifiers.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name} ({v.email})
            </option>
          ))}
        </Select>
      </Field>
      <Field id="validator-institution" className="min-w-0 max-w-full" label={t("institution")}>
        <Select name="institutionId" inline>
          {institutions.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" disabled={isPending}>
        {t("assignValidator")}
      </Button>
      <ActionErrorMessage error={result.serverError} />
    </form>
  );
}
