"use client";

import { useTranslations } from "next-intl";
import { emptyIndicator, weightSum, type EditorAspect, type EditorIndicator } from "./editor-model";
import { IndicatorFields } from "./indicator-fields";
import { Input } from "@/components/ui/input";

interface Props {
  index: number;
  aspect: EditorAspect;
  openIndicators: ReadonlySet<string>;
  onToggleIndicator: (key: string, open: boolean) => void;
  onChange: (change: (aspect: EditorAspect) => void) => void;
  onRemove: () => void;
}

/** One aspect: its code, name and weight, the live sum of its indicator weights, and its indicators. */
export function AspectFields({ index, aspect, openIndicators, onToggleIndicator, onChange, onRemove }: Props) {
  const t = useTranslations("instrumentAdmin.editor");
  const id = `a${index}`;
  const total = weightSum(aspect.indicators);
  const field = (name: "code" | "name" | "weight", label: string) => (
    <div>
      <label htmlFor={`${id}-${name}`} className="block text-sm font-medium">
        {label}
      </label>
      {name === "weight" ? (
        <Input
          id={`${id}-weight`}
          type="number"
          inputMode="numeric"
          min={0}
          max={100}
          value={Number.isNaN(aspect.weight) ? "" : aspect.weight}
          onChange={(e) =>
            onChange((a) => {
              a.weight = e.target.value === "" ? Number.NaN : Number(e.target.value);
            })
          }
          className="text-sm"
        />
      ) : (
        <Input
          id={`${id}-${name}`}
          value={aspect[name]}
          onChange={(e) =>
            onChange((a) => {
              a[name] = e.target.value;
            })
          }
          className="text-sm"
        />
      )}
    </div>
  );
  const updateIndicator = (i: number) => (change: (indicator: EditorIndicator) => void) => onChange((a) => change(a.indicators[i]!));
  return (
    <fieldset className="space-y-3 rounded-xl border border-slate-200 bg-slate-50 p-4" data-testid="aspect-editor">
      <legend className="px-1 font-semibold">{t("aspectLegend", { code: aspect.code || "?", name: aspect.name || t("noName") })}</legend>
      <div className="grid gap-3 sm:grid-cols-[8rem_1fr_8rem]">
        {field("code", t("code"))}
        {field("name", t("name"))}
        {field("weight", t("aspectWeight"))}
      </div>
      <p className={`text-sm ${total === 100 ? "text-emerald-800" : "text-red-800"}`} aria-live="polite" data-testid={`indicator-sum-${index}`}>
        {t("indicatorSum", { total: Number.isNaN(total) ? "?" : total })}
      </p>
      <div className="space-y-2">
        {aspect.indicators.map((indicator, i) => (
          <IndicatorFields
            key={indicator.key}
            id={`${id}-i${i}`}
            indicator={indicator}
            open={openIndicators.has(indicator.key)}
            onToggle={(open) => onToggleIndicator(indicator.key, open)}
            onChange={updateIndicator(i)}
            onRemove={() =>
              onChange((a) => {
                a.indicators.splice(i, 1);
              })
            }
          />
        ))}
      </div>
      <div className="flex flex-wrap gap-2">
        <button
          id={`${id}-add-indicator`}
          type="button"
          onClick={() =>
            onChange((a) => {
              a.indicators.push(emptyIndicator());
            })
          }
          className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100"
        >
          {t("addIndicator")}
        </button>
        <button type="button" onClick={onRemove} className="rounded-md border border-red-300 bg-white px-3 py-1 text-sm text-red-800 hover:bg-red-50">
          {t("removeAspect", { code: aspect.code || "?" })}
        </button>
      </div>
    </fieldset>
  );
}
