"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { bulkAssignAction } from "@/lib/server/users/assignment-actions";
import { ActionErrorMessage, FieldError } from "@/components/action-feedback";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { INSTITUTION_TYPES, type InstitutionType } from "@/lib/domain/registry/fields";
import { onFormSubmit } from "@/components/form-submit";

interface Props {
  cycleId: string;
  verifiers: { id: string; name: string }[];
  provinces: { code: string; name: string }[];
}

/** One verifier to every institution of the chosen types, in a province or held by another verifier. */
export function BulkAssignForm({ cycleId, verifiers, provinces }: Props) {
  const t = useTranslations();
  const { execute, result, isPending, hasSucceeded } = useAction(bulkAssignAction);
  const fieldErrors = (result.validationErrors?.fieldErrors ?? {}) as Record<string, string[] | undefined>;

  const submit = (form: FormData) =>
    execute({
      cycleId,
      verifierId: String(form.get("verifierId") ?? ""),
      provinceCode: String(form.get("provinceCode") ?? ""),
      fromVerifierId: String(form.get("fromVerifierId") ?? ""),
      types: form.getAll("types").map(String) as InstitutionType[],
      mode: form.get("mode") === "replace" ? "replace" : "add",
    });

  return (
    <form onSubmit={onFormSubmit(submit)} className="grid max-w-3xl gap-4 sm:grid-cols-2" noValidate>
      <div className="sm:col-span-2 space-y-2">
        <ActionErrorMessage error={result.serverError} />
        {hasSucceeded && result.data ? (
          <p role="status" data-testid="bulk-result" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            {t("assignmentAdmin.bulkDone", result.data)}
          </p>
        ) : null}
      </div>
      <Field id="bulk-verifier" label={t("assignmentAdmin.verifier")} errors={fieldErrors.verifierId}>
        <Select name="verifierId" defaultValue="">
          <option value="">{t("assignmentAdmin.chooseVerifier")}</option>
          {verifiers.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="bulk-province" label={t("assignmentAdmin.province")}>
        <Select name="provinceCode" defaultValue="">
          <option value="">{t("assignmentAdmin.allProvinces")}</option>
          {provinces.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </Select>
      </Field>
      <fieldset aria-describedby="bulk-types-error">
        <legend className="text-sm font-medium">{t("assignmentAdmin.types")}</legend>
        {INSTITUTION_TYPES.map((type) => (
          <div key={type} className="flex items-center gap-2">
            <input
              type="checkbox"
              id={`bulk-type-${type}`}
              name="types"
              value={type}
              defaultChecked={type === "KABUPATEN" || type === "KOTA"}
              className="h-4 w-4"
            />
            <label htmlFor={`bulk-type-${type}`} className="text-sm">
              {t(`institutionType.${type}`)}
            </label>
          </div>
        ))}
        <FieldError id="bulk-types-error" messages={fieldErrors.types} />
      </fieldset>
      <div className="space-y-4">
        <Field id="bulk-from" label={t("assignmentAdmin.fromVerifier")}>
          <Select name="fromVerifierId" defaultValue="">
            <option value="">{t("assignmentAdmin.anyVerifier")}</option>
            {verifiers.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </Select>
        </Field>
        <fieldset>
          <legend className="text-sm font-medium">{t("assignmentAdmin.mode")}</legend>
          {(["add", "replace"] as const).map((mode) => (
            <div key={mode} className="flex items-center gap-2">
              <input type="radio" id={`bulk-mode-${mode}`} name="mode" value={mode} defaultChecked={mode === "add"} className="h-4 w-4" />
              <label htmlFor={`bulk-mode-${mode}`} className="text-sm">
                {t(mode === "add" ? "assignmentAdmin.modeAdd" : "assignmentAdmin.modeReplace")}
              </label>
            </div>
          ))}
        </fieldset>
      </div>
      <div className="sm:col-span-2">
        <Button type="submit" disabled={isPending} aria-busy={isPending}>
          {isPending ? t("assignmentAdmin.assigning") : t("assignmentAdmin.assign")}
        </Button>
      </div>
    </form>
  );
}
