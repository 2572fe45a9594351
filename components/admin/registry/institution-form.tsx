"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createInstitutionAction, updateInstitutionAction } from "@/lib/server/registry/actions";
import { ActionErrorMessage } from "@/components/action-feedback";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
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
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {t("registry.saved")}
        </p>
      ) : null}
      <Field id="code" label={t("registry.code")} hint={t("registry.codeHint")} errors={fieldErrors.code}>
        <Input name="code" required defaultValue={initial?.code} className="shadow-sm font-mono" />
      </Field>
      <Field id="name" label={t("registry.name")} errors={fieldErrors.name}>
        <Input name="name" required defaultValue={initial?.name} className="shadow-sm" />
      </Field>
      <Field id="shortName" label={t("registry.shortName")} errors={fieldErrors.shortName}>
        <Input name="shortName" defaultValue={initial?.shortName ?? ""} className="shadow-sm" />
      </Field>
      <Field id="type" label={t("registry.type")} errors={fieldErrors.type}>
        <Select name="type" value={type} onChange={(e) => setType(e.target.value as InstitutionType | "")} className="shadow-sm">
          <option value="">{t("registry.chooseType")}</option>
          {INSTITUTION_TYPES.map((value) => (
            <option key={value} value={value}>
              {t(`institutionType.${value}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="provinceCode" label={t("registry.province")} hint={t("registry.provinceHint")} errors={fieldErrors.provinceCode}>
        <Select name="provinceCode" defaultValue={initial?.provinceCode ?? ""} disabled={!needsProvince} className="shadow-sm disabled:bg-slate-100">
          <option value="">{needsProvince ? t("registry.chooseProvince") : t("registry.noProvince")}</option>
          {provinces.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" size="lg" disabled={current.isPending} aria-busy={current.isPending}>
        {current.isPending ? t("common.saving") : editing ? t("registry.save") : t("registry.create")}
      </Button>
    </form>
  );
}
