"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { createCycleAction } from "@/lib/server/cycle/actions";
import { ActionErrorMessage, FieldError } from "@/components/action-feedback";

interface Props {
  versions: { id: string; code: string; version: string; name: string }[];
  cycles: { id: string; year: number; name: string; f02SharePercent: number; minSurveyRespondents: number; evidenceRequiredAboveZero: boolean; instrumentVersion: { code: string; version: string } }[];
}

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm";

/** A new cycle: a copy of an earlier cycle's set-up (the usual case), or a fresh one on an instrument version. */
export function NewCycleForm({ versions, cycles }: Props) {
  const t = useTranslations("cycleAdmin");
  const router = useRouter();
  const latest = cycles[0];
  const [from, setFrom] = useState<"copy" | "instrument">(latest ? "copy" : "instrument");
  const [year, setYear] = useState(String((latest?.year ?? new Date().getFullYear()) + 1));
  const [name, setName] = useState(`PEKPPP ${year}`);
  const [nameTouched, setNameTouched] = useState(false);
  const { execute, result, isPending } = useAction(createCycleAction, { onSuccess: ({ data }) => router.push(`/admin/cycles/${data.id}`) });
  const errors = (result.validationErrors?.fieldErrors ?? {}) as Record<string, string[] | undefined>;

  const submit = (formData: FormData) => {
    const common = { year: Number(formData.get("year")), name: String(formData.get("name") ?? "") };
    if (from === "copy") {
      execute({ from, ...common, sourceCycleId: String(formData.get("sourceCycleId") ?? "") });
    } else {
      execute({
        from, ...common, instrumentVersionId: String(formData.get("instrumentVersionId") ?? ""),
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
          <span>{t("new.fromCopy")}<span className="block text-sm text-slate-600">{t("new.fromCopyHint")}</span></span>
        </label>
        <label className="flex items-start gap-2">
          <input type="radio" name="from" value="instrument" checked={from === "instrument"} onChange={() => setFrom("instrument")} className="mt-1" />
          <span>{t("new.fromInstrument")}<span className="block text-sm text-slate-600">{t("new.fromInstrumentHint")}</span></span>
        </label>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="year" className="block text-sm font-medium">{t("fields.year")}</label>
          <input id="year" name="year" type="number" inputMode="numeric" min={2020} max={2100} required value={year}
            onChange={(e) => { setYear(e.target.value); if (!nameTouched) setName(`PEKPPP ${e.target.value}`); }}
            aria-describedby="year-error" className={inputClass} />
          <FieldError id="year-error" messages={errors.year} />
        </div>
        <div>
          <label htmlFor="name" className="block text-sm font-medium">{t("fields.name")}</label>
          <input id="name" name="name" required value={name} onChange={(e) => { setName(e.target.value); setNameTouched(true); }}
            aria-describedby="name-error" className={inputClass} />
          <FieldError id="name-error" messages={errors.name} />
        </div>
      </div>
      {from === "copy" ? (
        <div>
          <label htmlFor="sourceCycleId" className="block text-sm font-medium">{t("new.source")}</label>
          <select id="sourceCycleId" name="sourceCycleId" defaultValue={latest?.id} aria-describedby="source-error" className={inputClass}>
            {cycles.map((c) => (
              <option key={c.id} value={c.id}>
                {t("new.sourceOption", { name: c.name, instrument: `${c.instrumentVersion.code} ${c.instrumentVersion.version}`, share: c.f02SharePercent, minimum: c.minSurveyRespondents })}
              </option>
            ))}
          </select>
          <FieldError id="source-error" messages={errors.sourceCycleId} />
        </div>
      ) : (
        <>
          <div>
            <label htmlFor="instrumentVersionId" className="block text-sm font-medium">{t("fields.instrument")}</label>
            <select id="instrumentVersionId" name="instrumentVersionId" aria-describedby="instrument-error" className={inputClass}>
              {versions.map((v) => <option key={v.id} value={v.id}>{`${v.code} ${v.version} — ${v.name}`}</option>)}
            </select>
            <FieldError id="instrument-error" messages={errors.instrumentVersionId} />
          </div>
          <SettingsFields defaults={{ f02SharePercent: 75, minSurveyRespondents: 10, evidenceRequiredAboveZero: true }} errors={errors} />
          <p className="text-sm text-slate-600">{t("new.lociAll")}</p>
        </>
      )}
      <button type="submit" disabled={isPending} aria-busy={isPending} className="rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60">
        {isPending ? t("new.creating") : t("new.create")}
      </button>
    </form>
  );
}

/** The values of SettingsFields in a submitted form. */
export function settingsFromForm(formData: FormData) {
  return {
    f02SharePercent: Number(formData.get("f02SharePercent")),
    minSurveyRespondents: Number(formData.get("minSurveyRespondents")),
    evidenceRequiredAboveZero: formData.get("evidenceRequiredAboveZero") === "on",
  };
}

/** The three scoring settings of a cycle, as plain form fields (shared by the new-cycle and set-up forms). */
export function SettingsFields({ defaults, errors = {}, disabled = false }: {
  defaults: { f02SharePercent: number; minSurveyRespondents: number; evidenceRequiredAboveZero: boolean };
  errors?: Record<string, string[] | undefined>;
  disabled?: boolean;
}) {
  const t = useTranslations("cycleAdmin");
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <div>
        <label htmlFor="f02SharePercent" className="block text-sm font-medium">{t("fields.f02Share")}</label>
        <input id="f02SharePercent" name="f02SharePercent" type="number" min={0} max={100} required defaultValue={defaults.f02SharePercent} disabled={disabled}
          aria-describedby="f02-hint settings-error" className={inputClass} />
        <p id="f02-hint" className="mt-1 text-xs text-slate-600">{t("fields.f02ShareHint")}</p>
      </div>
      <div>
        <label htmlFor="minSurveyRespondents" className="block text-sm font-medium">{t("fields.minimum")}</label>
        <input id="minSurveyRespondents" name="minSurveyRespondents" type="number" min={0} required defaultValue={defaults.minSurveyRespondents} disabled={disabled}
          aria-describedby="minimum-hint settings-error" className={inputClass} />
        <p id="minimum-hint" className="mt-1 text-xs text-slate-600">{t("fields.minimumHint")}</p>
      </div>
      <div className="flex items-center gap-2 sm:col-span-2">
        <input id="evidenceRequiredAboveZero" name="evidenceRequiredAboveZero" type="checkbox" defaultChecked={defaults.evidenceRequiredAboveZero} disabled={disabled} className="h-4 w-4" />
        <label htmlFor="evidenceRequiredAboveZero" className="text-sm font-medium">{t("fields.evidenceRequired")}</label>
      </div>
      <div className="sm:col-span-2"><FieldError id="settings-error" messages={errors.settings} /></div>
    </div>
  );
}
