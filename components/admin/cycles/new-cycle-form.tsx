"use client";

import { INSTITUTION_TYPES, type InstitutionType } from "@/lib/domain/registry/fields";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { createCycleAction } from "@/lib/server/cycle/actions";
import { ActionErrorMessage, FieldError } from "@/components/action-feedback";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";

interface Props {
  versions: { id: string; code: string; version: string; name: string }[];
  cycles: {
    id: string;
    year: number;
    name: string;
    f02SharePercent: number;
    minSurveyRespondents: number;
    evidenceRequiredAboveZero: boolean;
    instrumentVersion: { code: string; version: string };
  }[];
  /** The programmes the actor may run (issue 16); an institution admin's are those institutions may run. */
  programmes?: { code: string; name: string; nameEn: string }[];
}

/** A new cycle: a copy of an earlier cycle's set-up (the usual case), or a fresh one on an instrument version. */
export function NewCycleForm({ versions, cycles, programmes = [] }: Props) {
  const t = useTranslations("cycleAdmin");
  const tp = useTranslations("programmes");
  const locale = useLocale();
  const router = useRouter();
  const latest = cycles[0];
  const [from, setFrom] = useState<"copy" | "instrument">(latest ? "copy" : "instrument");
  const [year, setYear] = useState(String((latest?.year ?? new Date().getFullYear()) + 1));
  const [name, setName] = useState(`PEKPPP ${year}`);
  const [nameTouched, setNameTouched] = useState(false);
  const { execute, result, isPending } = useAction(createCycleAction, { onSuccess: ({ data }) => router.push(`/admin/cycles/${data.id}`) });
  const errors = (result.validationErrors?.fieldErrors ?? {}) as Record<string, string[] | undefined>;

  const submit = (formData: FormData) => {
    const programme = formData.get("programmeCode");
    const common = {
      year: Number(formData.get("year")),
      name: String(formData.get("name") ?? ""),
      ...(typeof programme === "string" && programme ? { programmeCode: programme } : {}),
    };
    if (from === "copy") {
      execute({ from, ...common, sourceCycleId: String(formData.get("sourceCycleId") ?? "") });
    } else {
      execute({
        from,
        ...common,
        instrumentVersionId: String(formData.get("instrumentVersionId") ?? ""),
        settings: settingsFromForm(formData),
      });
    }
  };

  return (
    <form action={submit} className="max-w-2xl space-y-5" noValidate>
      <ActionErrorMessage error={result.serverError} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("new.from")}</legend>
        <label className="flex items-start gap-2">
          <input type="radio" name="from" value="copy" checked={from === "copy"} onChange={() => setFrom("copy")} disabled={!latest} className="mt-1" />
          <span>
            {t("new.fromCopy")}
            <span className="block text-sm text-slate-600">{t("new.fromCopyHint")}</span>
          </span>
        </label>
        <label className="flex items-start gap-2">
          <input type="radio" name="from" value="instrument" checked={from === "instrument"} onChange={() => setFrom("instrument")} className="mt-1" />
          <span>
            {t("new.fromInstrument")}
            <span className="block text-sm text-slate-600">{t("new.fromInstrumentHint")}</span>
          </span>
        </label>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="year" label={t("fields.year")} errors={errors.year}>
          <Input
            name="year"
            type="number"
            inputMode="numeric"
            min={2020}
            max={2100}
            required
            value={year}
            onChange={(e) => {
              setYear(e.target.value);
              if (!nameTouched) setName(`PEKPPP ${e.target.value}`);
            }}
            className="shadow-sm"
          />
        </Field>
        <Field id="name" label={t("fields.name")} errors={errors.name}>
          <Input
            name="name"
            required
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setNameTouched(true);
            }}
            className="shadow-sm"
          />
        </Field>
      </div>
      {programmes.length > 0 ? (
        <Field id="programmeCode" label={tp("programme")} errors={errors.programmeCode}>
          <Select name="programmeCode" defaultValue={programmes[0]?.code} className="shadow-sm">
            {programmes.map((p) => (
              <option key={p.code} value={p.code}>
                {locale === "en" ? p.nameEn : p.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {from === "copy" ? (
        <Field id="sourceCycleId" label={t("new.source")} errors={errors.sourceCycleId}>
          <Select name="sourceCycleId" defaultValue={latest?.id} className="shadow-sm">
            {cycles.map((c) => (
              <option key={c.id} value={c.id}>
                {t("new.sourceOption", {
                  name: c.name,
                  instrument: `${c.instrumentVersion.code} ${c.instrumentVersion.version}`,
                  share: c.f02SharePercent,
                  minimum: c.minSurveyRespondents,
                })}
              </option>
            ))}
          </Select>
        </Field>
      ) : (
        <>
          <Field id="instrumentVersionId" label={t("fields.instrument")} errors={errors.instrumentVersionId}>
            <Select name="instrumentVersionId" className="shadow-sm">
              {versions.map((v) => (
                <option key={v.id} value={v.id}>{`${v.code} ${v.version} — ${v.name}`}</option>
              ))}
            </Select>
          </Field>
          <SettingsFields defaults={{ f02SharePercent: 75, minSurveyRespondents: 10, evidenceRequiredAboveZero: true }} errors={errors} />
          <p className="text-sm text-slate-600">{t("new.lociAll")}</p>
        </>
      )}
      <Button type="submit" size="lg" disabled={isPending} aria-busy={isPending}>
        {isPending ? t("new.creating") : t("new.create")}
      </Button>
    </form>
  );
}

/** The values of SettingsFields in a submitted form. */
export function settingsFromForm(formData: FormData) {
  return {
    f02SharePercent: Number(formData.get("f02SharePercent")),
    minSurveyRespondents: Number(formData.get("minSurveyRespondents")),
    evidenceRequiredAboveZero: formData.get("evidenceRequiredAboveZero") === "on",
    secondTierEnabled: formData.get("secondTierEnabled") === "on",
    secondTierInstitutionTypes: formData.getAll("secondTierInstitutionTypes").map(String) as InstitutionType[],
  };
}

/** The three scoring settings of a cycle, as plain form fields (shared by the new-cycle and set-up forms). */
export function SettingsFields({
  defaults,
  errors = {},
  disabled = false,
}: {
  defaults: {
    f02SharePercent: number;
    minSurveyRespondents: number;
    evidenceRequiredAboveZero: boolean;
    secondTierEnabled?: boolean;
    secondTierInstitutionTypes?: readonly string[];
  };
  errors?: Record<string, string[] | undefined>;
  disabled?: boolean;
}) {
  const t = useTranslations("cycleAdmin");
  const tier = useTranslations();
  const tierTypes = defaults.secondTierInstitutionTypes ?? ["KABUPATEN", "KOTA"];
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field id="f02SharePercent" label={t("fields.f02Share")} hint={t("fields.f02ShareHint")}>
        <Input
          name="f02SharePercent"
          type="number"
          min={0}
          max={100}
          required
          defaultValue={defaults.f02SharePercent}
          disabled={disabled}
          aria-describedby="settings-error"
          className="shadow-sm"
        />
      </Field>
      <Field id="minSurveyRespondents" label={t("fields.minimum")} hint={t("fields.minimumHint")}>
        <Input
          name="minSurveyRespondents"
          type="number"
          min={0}
          required
          defaultValue={defaults.minSurveyRespondents}
          disabled={disabled}
          aria-describedby="settings-error"
          className="shadow-sm"
        />
      </Field>
      <div className="flex items-center gap-2 sm:col-span-2">
        <input
          id="evidenceRequiredAboveZero"
          name="evidenceRequiredAboveZero"
          type="checkbox"
          defaultChecked={defaults.evidenceRequiredAboveZero}
          disabled={disabled}
          className="h-4 w-4"
        />
        <label htmlFor="evidenceRequiredAboveZero" className="text-sm font-medium">
          {t("fields.evidenceRequired")}
        </label>
      </div>
      <fieldset className="space-y-2 sm:col-span-2" data-testid="second-tier-settings">
        <div className="flex items-center gap-2">
          <input
            id="secondTierEnabled"
            name="secondTierEnabled"
            type="checkbox"
            defaultChecked={defaults.secondTierEnabled ?? false}
            disabled={disabled}
            className="h-4 w-4"
          />
          <label htmlFor="secondTierEnabled" className="text-sm font-medium">
            {tier("secondTier.setting")}
          </label>
        </div>
        <p className="text-xs text-slate-600">{tier("secondTier.settingHint")}</p>
        <legend className="sr-only">{tier("secondTier.types")}</legend>
        <div className="flex flex-wrap gap-3 text-sm">
          {INSTITUTION_TYPES.map((type) => (
            <label key={type} className="flex items-center gap-1">
              <input type="checkbox" name="secondTierInstitutionTypes" value={type} defaultChecked={tierTypes.includes(type)} disabled={disabled} />
              {tier(`institutionType.${type}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="sm:col-span-2">
        <FieldError id="settings-error" messages={errors.settings} />
      </div>
    </div>
  );
}
