"use client";

import { useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import type { ScoringInstrument } from "@/lib/domain/instrument/types";
import { type Rational, toDecimalString } from "@/lib/domain/rational";
import type { ScoringSettings } from "@/lib/domain/scoring";
import {
  applySteps,
  f03FromWire,
  type InstitutionLocus,
  institutionStepsToNextGrade,
  type Levels,
  type NextGradePlan,
  plannableIndicators,
  projectInstitution,
  projectLocus,
  stepEffects,
  stepsToNextGrade,
} from "@/lib/domain/what-if";
import type { WhatIfLocusView } from "@/lib/server/what-if/planner";

interface Props {
  instrument: ScoringInstrument;
  settings: ScoringSettings;
  loci: WhatIfLocusView[];
  /** Also project the institution index (the mean of these loci): the head's dashboard. */
  institution?: boolean;
}

const LEVELS = [0, 1, 2, 3, 4, 5];
const signed = (value: Rational, decimals = 4) => `+${toDecimalString(value, decimals)}`;

/**
 * The what-if planner (issue 18): choose target levels and see the projected F-02, index and
 * grade at once, computed in the browser by the scoring module (lib/domain/what-if, exact
 * rationals); the effect of each one-level step, largest first; and the fewest steps to the next
 * grade, which one button applies. Always labelled a projection: nothing is stored.
 */
export function WhatIfPlanner({ instrument, settings, loci, institution = false }: Props) {
  const t = useTranslations("whatIf");
  const id = useId();
  const models = useMemo<InstitutionLocus[]>(
    () => loci.map((locus) => ({ id: locus.id, instrument, settings, levels: locus.levels, f03: f03FromWire(locus.f03) })),
    [instrument, settings, loci],
  );
  const initial = useMemo(() => Object.fromEntries(models.map((m) => [m.id, m.levels])) as Record<string, Levels>, [models]);
  const [targets, setTargets] = useState<Record<string, Levels>>(initial);
  const [selected, setSelected] = useState(loci[0]?.id ?? "");
  const model = models.find((m) => m.id === selected) ?? models[0];
  const view = loci.find((l) => l.id === model?.id);

  const names = useMemo(() => {
    const found = new Map<string, string>();
    for (const aspect of instrument.aspects) for (const indicator of aspect.indicators) found.set(indicator.code, indicator.name);
    return found;
  }, [instrument]);
  const locusNames = useMemo(() => new Map(loci.map((l) => [l.id, l.name])), [loci]);

  const locus = useMemo(() => {
    if (!model) return null;
    const effects = stepEffects(model);
    const ranked = new Map(effects.map((effect, rank) => [effect.code, { effect, rank: rank + 1 }]));
    const rows = [
      ...effects.map((e) => e.code),
      ...plannableIndicators(instrument)
        .map((i) => i.code)
        .filter((code) => !ranked.has(code)),
    ];
    return { current: projectLocus(model), projected: projectLocus(model, targets[model.id]), plan: stepsToNextGrade(model), ranked, rows };
  }, [instrument, model, targets]);

  const whole = useMemo(() => {
    if (!institution || models.length === 0) return null;
    return { current: projectInstitution(models), projected: projectInstitution(models, targets), plan: institutionStepsToNextGrade(models) };
  }, [institution, models, targets]);

  if (!model || !locus || !view) return null;

  const setLevel = (code: string, level: number) => setTargets((all) => ({ ...all, [model.id]: { ...all[model.id], [code]: level } }));
  const applyLocusPlan = (plan: NextGradePlan) => {
    if (plan.kind !== "PLAN") return;
    setTargets((all) => ({ ...all, [model.id]: applySteps(model.levels, plan.steps) }));
  };
  const applyInstitutionPlan = (plan: NextGradePlan) => {
    if (plan.kind !== "PLAN") return;
    setTargets(
      Object.fromEntries(
        models.map((m) => [
          m.id,
          applySteps(
            m.levels,
            plan.steps.filter((step) => step.locusId === m.id),
          ),
        ]),
      ),
    );
  };

  const planText = (plan: NextGradePlan, withLocus: boolean, testId: string, apply: () => void) => {
    if (plan.kind === "TOP_GRADE") return <p className="text-sm text-slate-700">{t("plan.top")}</p>;
    if (plan.kind === "UNREACHABLE") return <p className="text-sm text-slate-700">{t("plan.unreachable", { grade: plan.target.grade })}</p>;
    return (
      <div data-testid={testId}>
        <p className="text-sm font-medium">{t("plan.title", { grade: plan.target.grade, label: plan.target.label, count: plan.stepCount })}</p>
        <ol className="mt-1 list-decimal space-y-0.5 pl-5 text-sm">
          {plan.steps.map((step) => (
            <li key={`${step.locusId ?? ""}/${step.code}`}>
              {withLocus ? `${locusNames.get(step.locusId ?? "") ?? ""} · ` : ""}
              {t("plan.step", { code: step.code, name: names.get(step.code) ?? "", from: step.from, to: step.to })}
            </li>
          ))}
        </ol>
        <button type="button" className={buttonClass({ size: "sm", className: "mt-2" })} onClick={apply}>
          {t("plan.apply")}
        </button>
      </div>
    );
  };

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-4 rounded-xl border border-violet-200 bg-white p-5" data-testid="what-if">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id={`${id}-title`} className="font-semibold">
          {t("title")}
        </h2>
        <span className="rounded-full bg-violet-100 px-2 py-0.5 text-xs font-semibold text-violet-900 uppercase">{t("projection")}</span>
      </div>
      <p className="text-sm text-slate-600">{t("note", { share: settings.f02SharePercent })}</p>

      {whole?.current.classification && whole.projected.classification ? (
        <div className="rounded-lg bg-violet-50 p-4" data-testid="institution-what-if">
          <h3 className="text-sm font-semibold">{t("institutionTitle", { count: models.length })}</h3>
          <p className="mt-1 text-sm" aria-live="polite" data-testid="institution-projection">
            {t("nowProjected", {
              now: `${whole.current.classification.published} · ${whole.current.classification.grade}`,
              projected: `${whole.projected.classification.published} · ${whole.projected.classification.grade}`,
            })}
          </p>
          <div className="mt-2">{planText(whole.plan, true, "institution-plan", () => applyInstitutionPlan(whole.plan))}</div>
        </div>
      ) : null}

      {loci.length > 1 ? (
        <div>
          <label htmlFor={`${id}-locus`} className="text-sm font-medium">
            {t("locus")}
          </label>
          <select
            id={`${id}-locus`}
            className="ml-2 max-w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
            value={model.id}
            onChange={(event) => setSelected(event.target.value)}
          >
            {loci.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}

      <div className="grid gap-4 md:grid-cols-2">
        <div className="rounded-lg border border-slate-200 p-4">
          <p className="text-xs text-slate-600">{t(`basis.${view.basis}`)}</p>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt>{t("current")}</dt>
            <dd className="tabular-nums" data-testid="current-index">
              {locus.current.classification.published} · {locus.current.classification.grade} ({locus.current.classification.label})
            </dd>
            <dt className="font-semibold">{t("projection")}</dt>
            <dd className="font-semibold tabular-nums" aria-live="polite" data-testid="projected-index">
              {locus.projected.classification.published} · {locus.projected.classification.grade} ({locus.projected.classification.label})
            </dd>
            <dt>{t("f02")}</dt>
            <dd className="tabular-nums" data-testid="projected-f02">
              {toDecimalString(locus.current.f02, 2)} → {toDecimalString(locus.projected.f02, 2)}
            </dd>
          </dl>
          <p className="mt-2 text-xs text-slate-600">
            {locus.current.index.f03Included
              ? t("withF03", { share: settings.f02SharePercent, rest: 100 - settings.f02SharePercent, respondents: model.f03.respondents })
              : t("f02Only", { respondents: model.f03.respondents, min: settings.minSurveyRespondents })}
          </p>
        </div>
        <div className="rounded-lg border border-slate-200 p-4">
          {planText(locus.plan, false, "locus-plan", () => applyLocusPlan(locus.plan))}
          <button type="button" className={buttonClass({ variant: "secondary", size: "sm", className: "mt-2" })} onClick={() => setTargets(initial)}>
            {t("reset")}
          </button>
        </div>
      </div>

      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <caption className="text-left text-sm text-slate-600">{t("table.caption")}</caption>
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-2 py-1">
                {t("table.rank")}
              </th>
              <th scope="col" className="px-2 py-1">
                {t("table.indicator")}
              </th>
              <th scope="col" className="px-2 py-1 text-right">
                {t("table.current")}
              </th>
              <th scope="col" className="px-2 py-1 text-right">
                {t("table.effectF02")}
              </th>
              <th scope="col" className="px-2 py-1 text-right">
                {t("table.effectIndex")}
              </th>
              <th scope="col" className="px-2 py-1">
                {t("table.after")}
              </th>
              <th scope="col" className="px-2 py-1">
                {t("table.target")}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {locus.rows.map((code) => {
              const entry = locus.ranked.get(code);
              const current = model.levels[code];
              const target = targets[model.id]?.[code] ?? current ?? 0;
              return (
                <tr key={code} data-testid="what-if-row" data-code={code}>
                  <td className="px-2 py-1 tabular-nums">{entry?.rank ?? "—"}</td>
                  <th scope="row" className="px-2 py-1 text-left font-normal">
                    <span className="font-mono text-xs">{code}</span> {names.get(code)}
                  </th>
                  <td className="px-2 py-1 text-right tabular-nums">{current ?? t("unanswered")}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{entry ? signed(entry.effect.f02Delta) : "—"}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{entry ? signed(entry.effect.indexDelta) : "—"}</td>
                  <td className="px-2 py-1">
                    {entry ? `${entry.effect.projected.classification.published} · ${entry.effect.projected.classification.grade}` : "—"}
                  </td>
                  <td className="px-2 py-1">
                    <select
                      aria-label={t("table.targetOf", { code })}
                      className="rounded-md border border-slate-300 px-1 py-0.5"
                      value={target}
                      onChange={(event) => setLevel(code, Number(event.target.value))}
                    >
                      {LEVELS.map((level) => (
                        <option key={level} value={level}>
                          {level}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
