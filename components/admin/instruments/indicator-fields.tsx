"use client";

import { useTranslations } from "next-intl";
import type { EditorIndicator } from "./editor-model";
import { Input, Textarea } from "@/components/ui/input";

interface Props {
  id: string;
  indicator: EditorIndicator;
  open: boolean;
  onToggle: (open: boolean) => void;
  onChange: (change: (indicator: EditorIndicator) => void) => void;
  onRemove: () => void;
}

/** One indicator in a collapsible section: code, name, question, weight, evidence hint, levels 0–5. */
export function IndicatorFields({ id, indicator, open, onToggle, onChange, onRemove }: Props) {
  const t = useTranslations("instrumentAdmin.editor");
  const text = (field: "code" | "name" | "question" | "evidenceHint", label: string, multiline = false) => (
    <div className={multiline ? "sm:col-span-2" : undefined}>
      <label htmlFor={`${id}-${field}`} className="block text-sm font-medium">
        {label}
      </label>
      {multiline ? (
        <Textarea
          id={`${id}-${field}`}
          rows={2}
          value={indicator[field]}
          onChange={(e) =>
            onChange((i) => {
              i[field] = e.target.value;
            })
          }
          className="text-sm"
        />
      ) : (
        <Input
          id={`${id}-${field}`}
          value={indicator[field]}
          onChange={(e) =>
            onChange((i) => {
              i[field] = e.target.value;
            })
          }
          className="text-sm"
        />
      )}
    </div>
  );
  return (
    <details
      open={open}
      onToggle={(e) => onToggle((e.currentTarget as HTMLDetailsElement).open)}
      className="rounded-lg border border-slate-200 bg-white"
      data-testid="indicator-editor"
    >
      <summary className="cursor-pointer px-3 py-2 text-sm">
        <span className="font-medium">{indicator.code || t("untitledIndicator")}</span>
        <span className="text-slate-600">
          {" "}
          — {indicator.name || t("noName")} · {t("weightShort", { weight: Number.isNaN(indicator.weight) ? "?" : indicator.weight })}
        </span>
      </summary>
      <div className="grid gap-3 border-t border-slate-100 p-3 sm:grid-cols-2">
        {text("code", t("code"))}
        <div>
          <label htmlFor={`${id}-weight`} className="block text-sm font-medium">
            {t("indicatorWeight")}
          </label>
          <Input
            id={`${id}-weight`}
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            value={Number.isNaN(indicator.weight) ? "" : indicator.weight}
            onChange={(e) =>
              onChange((i) => {
                i.weight = e.target.value === "" ? Number.NaN : Number(e.target.value);
              })
            }
            className="text-sm"
          />
        </div>
        {text("name", t("name"), true)}
        {text("question", t("question"), true)}
        {text("evidenceHint", t("evidenceHint"), true)}
        <fieldset className="sm:col-span-2">
          <legend className="text-sm font-medium">{t("levels")}</legend>
          <div className="mt-1 space-y-2">
            {indicator.levels.map((level, n) => (
              <div key={level.level} className="flex gap-2">
                <label htmlFor={`${id}-l${n}`} className="w-16 shrink-0 pt-2 text-sm">
                  {t("level", { level: level.level })}
                </label>
                <Textarea
                  id={`${id}-l${n}`}
                  rows={2}
                  value={level.description}
                  onChange={(e) =>
                    onChange((i) => {
                      i.levels[n]!.description = e.target.value;
                    })
                  }
                  className="text-sm"
                />
              </div>
            ))}
          </div>
        </fieldset>
        <div className="sm:col-span-2">
          <button type="button" onClick={onRemove} className="rounded-md border border-red-300 px-3 py-1 text-sm text-red-800 hover:bg-red-50">
            {t("removeIndicator", { code: indicator.code || t("untitledIndicator") })}
          </button>
        </div>
      </div>
    </details>
  );
}
