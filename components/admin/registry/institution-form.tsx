"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createInstitutionAction, updateInstitutionAction } from "@/lib/server/registry/actions";
import { ActionErrorMessage, FieldError } from "@/components/action-feedback";
import { INSTITUTION_TYPES, provinceRule, type InstitutionType } from "@/lib/domain/registry/fields";
import { onFormSubmit } from "@/components/form-submit";

export interface InstitutionFormValues {
  institutionId?: string;
  expectedUpdatedAt?: string;
  code: string;
  name: string;
  shortName: string | null;
  type: InstitutionType;
  provinceCode: string | null;
}

interface Props {
  initial?: InstitutionFormValues;
  provinces: { code: string; name: string }[];
}

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm";

/** Creates an institution (then opens it to add loci) or edits one, refusing an edit based on an old version. */
export function InstitutionForm({ initial, provinces }: Props) {
  const t = useTranslations();
  const router = useRouter();
  const editing = Boolean(initial?.institutionId);
  const [type, setType] = useState<InstitutionType | "">(initial?.type ?? "");
  const [version, setVersion] = useState(initial?.expectedUpdatedAt);
  const create = useAction(createInstitutionAction, { onSuccess: ({ data }) => router.push(`/admin/institutions/${data.institutionId}`) });
  const update = useAction(updateInstitutionAction, { onSuccess: ({ data }) => setVersion(data.updatedAt) });
  const current = editing ? update : create;
  const fieldErrors = (current.result.validationErrors?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  const needsProvince = type !== "" && provinceRule(type) === "required";

  const submit = (formData: FormData) => {
    const values = {
      code: String(formData.get("code") ?? ""),
      name: String(formData.get("name") ?? ""),
      shortName: String(formData.get("shortName") ?? ""),
      type: type as InstitutionType,
      provinceCode: needsProvince ? String(formData.get("provinceCode") ?? "") : "",
    };
    if (editing) update.execute({ ...values, institutionId: initial!.institutionId!, expectedUpdatedAt: version! });
    else create.execute(values);
  };

  return (
    <form onSubmit={onFormSubmit(submit)} className="max-w-xl space-y-4" noValidate>
      <ActionErrorMessage error={current.result.serverError} />
      {editing && update.hasSucceeded ? (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{t("registry.saved")}</p>
      ) : null}
      <div>
        <label htmlFor="code" className="block text-sm font-medium">{t("registry.code")}</label>
        <input id="code" name="code" required defaultValue={initial?.code} aria-describedby="code-hint code-error" className={`${inputClass} font-mono`} />
        <p id="code-hint" className="mt-1 text-xs text-slate-600">{t("registry.codeHint")}</p>
        <FieldError id="code-error" messages={fieldErrors.code} />
      </div>
      <div>
        <label htmlFor="name" className="block text-sm font-medium">{t("registry.name")}</label>
        <input id="name" name="name" required defaultValue={initial?.name} aria-describedby="name-error" className={inputClass} />
        <FieldError id="name-error" messages={fieldErrors.name} />
      </div>
      <div>
        <label htmlFor="shortName" className="block text-sm font-medium">{t("registry.shortName")}</label>
        <input id="shortName" name="shortName" defaultValue={initial?.shortName ?? ""} aria-describedby="short-error" className={inputClass} />
        <FieldError id="short-error" messages={fieldErrors.shortName} />
      </div>
      <div>
        <label htmlFor="type" className="block text-sm font-medium">{t("registry.type")}</label>
        <select id="type" name="type" value={type} onChange={(e) => setType(e.target.value as InstitutionType | "")} aria-describedby="type-error" className={inputClass}>
          <option value="">{t("registry.chooseType")}</option>
          {INSTITUTION_TYPES.map((value) => <option key={value} value={value}>{t(`institutionType.${value}`)}</option>)}
        </select>
        <FieldError id="type-error" messages={fieldErrors.type} />
      </div>
      <div>
        <label htmlFor="provinceCode" className="block text-sm font-medium">{t("registry.province")}</label>
        <select id="provinceCode" name="provinceCode" defaultValue={initial?.provinceCode ?? ""} disabled={!needsProvince}
          aria-describedby="province-hint province-error" className={`${inputClass} disabled:bg-slate-100`}>
          <option value="">{needsProvince ? t("registry.chooseProvince") : t("registry.noProvince")}</option>
          {provinces.map((p) => <option key={p.code} value={p.code}>{p.name}</option>)}
        </select>
        <p id="province-hint" className="mt-1 text-xs text-slate-600">{t("registry.provinceHint")}</p>
        <FieldError id="province-error" messages={fieldErrors.provinceCode} />
      </div>
      <button type="submit" disabled={current.isPending} aria-busy={current.isPending}
        className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
        {current.isPending ? t("common.saving") : editing ? t("registry.save") : t("registry.create")}
      </button>
    </form>
  );
}
