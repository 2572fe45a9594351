"use client";

import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { createLocusAction, updateLocusAction } from "@/lib/server/registry/actions";
import { ActionErrorMessage } from "@/components/action-feedback";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { SERVICE_TYPES, UNIT_KINDS, type ServiceType, type UnitKind } from "@/lib/domain/registry/fields";
import { onFormSubmit } from "@/components/form-submit";

export interface LocusFormValues {
  locusId: string;
  expectedUpdatedAt: string;
  name: string;
  serviceType: ServiceType;
  address: string | null;
  isActive: boolean;
  unitKind: UnitKind;
  parentId: string | null;
}

/** The institution's other units, the choices of the parent unit. */
export interface UnitOption {
  id: string;
  name: string;
}

type Props = ({ institutionId: string; initial?: undefined } | { institutionId?: undefined; initial: LocusFormValues }) & { units: readonly UnitOption[] };

/** Adds a locus (a unit) to an institution, or edits one (name, service type, kind, parent, address, active) with a version check. */
export function LocusForm(props: Props) {
  const t = useTranslations();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const initial = props.initial;
  const [version, setVersion] = useState(initial?.expectedUpdatedAt);
  const create = useAction(createLocusAction, {
    // The action revalidates the institution's page, which brings the new locus in.
    onSuccess: () => form.current?.reset(),
  });
  const update = useAction(updateLocusAction, {
    onSuccess: ({ data }) => setVersion(data.updatedAt),
  });
  const current = initial ? update : create;
  const fieldErrors = (current.result.validationErrors?.fieldErrors ?? {}) as Record<string, string[] | undefined>;

  const submit = (formData: FormData) => {
    const values = {
      name: String(formData.get("name") ?? ""),
      serviceType: String(formData.get("serviceType") ?? "") as ServiceType,
      address: String(formData.get("address") ?? ""),
      unitKind: String(formData.get("unitKind") ?? "LAINNYA") as UnitKind,
      parentId: String(formData.get("parentId") ?? "") || undefined,
    };
    if (initial) update.execute({ ...values, locusId: initial.locusId, expectedUpdatedAt: version!, isActive: formData.get("isActive") === "on" });
    else create.execute({ ...values, institutionId: props.institutionId! });
  };

  return (
    <form ref={form} onSubmit={onFormSubmit(submit)} className="space-y-3" noValidate>
      <ActionErrorMessage error={current.result.serverError} />
      {current.hasSucceeded ? (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {initial ? t("registry.locusSaved") : t("registry.locusAdded")}
        </p>
      ) : null}
      <Field id={`${id}-name`} label={t("registry.locusName")} errors={fieldErrors.name}>
        <Input name="name" required defaultValue={initial?.name} className="shadow-sm" />
      </Field>
      <Field id={`${id}-service`} label={t("common.serviceType")} errors={fieldErrors.serviceType}>
        <Select name="serviceType" defaultValue={initial?.serviceType ?? ""} className="shadow-sm">
          <option value="" disabled>
            {t("common.serviceType")}
          </option>
          {SERVICE_TYPES.map((s) => (
            <option key={s} value={s}>
              {t(`serviceType.${s}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field id={`${id}-kind`} label={t("registry.unitKind")} errors={fieldErrors.unitKind}>
        <Select name="unitKind" defaultValue={initial?.unitKind ?? "LAINNYA"} className="shadow-sm">
          {UNIT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`unitKind.${k}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field id={`${id}-parent`} label={t("registry.parent")} errors={fieldErrors.parentId}>
        <Select name="parentId" defaultValue={initial?.parentId ?? ""} className="shadow-sm">
          <option value="">{t("registry.noParent")}</option>
          {props.units
            .filter((u) => u.id !== initial?.locusId)
            .map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
        </Select>
      </Field>
      <Field id={`${id}-address`} label={t("registry.address")} errors={fieldErrors.address}>
        <Input name="address" defaultValue={initial?.address ?? ""} className="shadow-sm" />
      </Field>
      {initial ? (
        <div className="flex items-center gap-2">
          <input id={`${id}-active`} name="isActive" type="checkbox" defaultChecked={initial.isActive} className="h-4 w-4" />
          <label htmlFor={`${id}-active`} className="text-sm font-medium">
            {t("registry.active")}
          </label>
        </div>
      ) : null}
      <Button type="submit" disabled={current.isPending} aria-busy={current.isPending}>
        {current.isPending ? t("common.saving") : initial ? t("registry.saveLocus") : t("registry.addLocus")}
      </Button>
    </form>
  );
}
