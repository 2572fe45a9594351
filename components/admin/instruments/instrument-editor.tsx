"use client";

import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { saveInstrumentVersionAction } from "@/lib/server/instrument/actions";
import { ActionErrorMessage } from "@/components/action-feedback";
import { locateProblem } from "@/lib/domain/cycle";
import { validateInstrument, type InstrumentDefinition, type InstrumentProblem } from "@/lib/domain/instrument";
import { AspectFields } from "./aspect-fields";
import { emptyAspect, fieldIdOf, newKey, toDefinition, toEditorState, weightSum, type EditorState } from "./editor-model";
import { Button } from "@/components/ui/button";
import { Input, Textarea } from "@/components/ui/input";

interface Props {
  versionId: string;
  updatedAt: string;
  definition: InstrumentDefinition;
}

/**
 * One form for a whole instrument version: header, aspects with their indicators (weights, rubric
 * levels, evidence hints), and survey items. Saving validates the whole instrument, first here and
 * then on the server, and lists every problem at once; each problem moves the focus to its field.
 */
export function InstrumentEditor({ versionId, updatedAt: loaded, definition }: Props) {
  const t = useTranslations("instrumentAdmin");
  const router = useRouter();
  const identity = { code: definition.code, version: definition.version };
  const [state, setState] = useState<EditorState>(() => toEditorState(definition));
  const [updatedAt, setUpdatedAt] = useState(loaded);
  const [problems, setProblems] = useState<InstrumentProblem[] | null>(null);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [notice, setNotice] = useState<"saved" | "valid" | null>(null);
  const { execute, result, isPending } = useAction(saveInstrumentVersionAction, {
    onSuccess: ({ data }) => {
      if (data.saved) {
        setUpdatedAt(data.updatedAt);
        setProblems([]);
        setNotice("saved");
        setDirty(false);
        router.refresh();
      } else {
        setProblems(data.problems);
      }
    },
  });

  // Leaving with unsaved edits asks first (the editor holds a whole instrument).
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  // Focus a field after the section holding it has opened.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `open` is a trigger: the field exists only once its section has rendered open.
  useEffect(() => {
    if (!focusTarget) return;
    document.getElementById(focusTarget)?.focus();
    setFocusTarget(null);
  }, [focusTarget, open]);

  const update = (change: (draft: EditorState) => void) => {
    setState((current) => {
      const draft = structuredClone(current);
      change(draft);
      return draft;
    });
    setDirty(true);
  };

  const check = () => {
    const checked = validateInstrument(toDefinition(state, identity));
    setProblems(checked.ok ? [] : checked.problems);
    setNotice(checked.ok ? "valid" : null);
    return checked;
  };

  const save = () => {
    const checked = check();
    if (checked.ok) execute({ versionId, expectedUpdatedAt: updatedAt, definition: checked.instrument });
  };

  const jump = (problem: InstrumentProblem) => {
    const location = locateProblem(toDefinition(state, identity), problem.path);
    const target = fieldIdOf(state, location, problem.code);
    const indicator =
      location.aspect !== undefined && location.indicator !== undefined ? state.aspects[location.aspect]?.indicators[location.indicator] : undefined;
    if (indicator) setOpen((current) => new Set(current).add(indicator.key));
    setFocusTarget(target);
  };

  const describe = (problem: InstrumentProblem) => {
    const current = toDefinition(state, identity);
    const location = locateProblem(current, problem.path);
    const aspect = location.aspect !== undefined ? current.aspects[location.aspect] : undefined;
    const indicator = aspect && location.indicator !== undefined ? aspect.indicators[location.indicator] : undefined;
    const item = location.surveyItem !== undefined ? current.surveyItems[location.surveyItem] : undefined;
    const parts = [
      aspect ? t("where.aspect", { code: aspect.code || `#${location.aspect! + 1}` }) : null,
      indicator ? t("where.indicator", { code: indicator.code || `#${location.indicator! + 1}` }) : null,
      location.level !== undefined ? t("where.level", { level: location.level }) : null,
      item ? t("where.surveyItem", { code: item.code || `#${location.surveyItem! + 1}` }) : null,
    ].filter(Boolean);
    const total =
      problem.code === "ASPECT_WEIGHTS_SUM"
        ? weightSum(current.aspects)
        : problem.code === "INDICATOR_WEIGHTS_SUM" && aspect
          ? weightSum(aspect.indicators)
          : 0;
    return t(`problem.${problem.code}`, { where: parts.length > 0 ? parts.join(" › ") : t("where.instrument"), total: Number.isNaN(total) ? "?" : total });
  };

  const aspectTotal = weightSum(state.aspects);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      className="space-y-8"
      aria-describedby="editor-intro"
    >
      <p id="editor-intro" className="text-sm text-slate-600">
        {t("editor.intro")}
      </p>
      <ActionErrorMessage error={result.serverError} />
      <div aria-live="polite">
        {problems && problems.length > 0 ? (
          <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="instrument-problems">
            <p className="font-medium">{t("editor.problems", { count: problems.length })}</p>
            <ul className="mt-1 list-disc space-y-1 pl-5">
              {problems.map((problem, i) => (
                <li key={i}>
                  <button type="button" onClick={() => jump(problem)} className="text-left underline underline-offset-2">
                    {describe(problem)}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : notice ? (
          <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            {t(`editor.${notice}`)}
          </p>
        ) : null}
      </div>

      <section aria-labelledby="general-title" className="space-y-3">
        <h2 id="general-title" className="text-lg font-semibold">
          {t("editor.general")}
        </h2>
        <div>
          <label htmlFor="f-name" className="block text-sm font-medium">
            {t("editor.versionName")}
          </label>
          <Input
            id="f-name"
            value={state.name}
            onChange={(e) =>
              update((d) => {
                d.name = e.target.value;
              })
            }
            className="text-sm"
          />
        </div>
        <div>
          <label htmlFor="f-description" className="block text-sm font-medium">
            {t("editor.description")}
          </label>
          <Textarea
            id="f-description"
            rows={3}
            value={state.description}
            onChange={(e) =>
              update((d) => {
                d.description = e.target.value;
              })
            }
            className="text-sm"
          />
        </div>
      </section>

      <section aria-labelledby="aspects-title" className="space-y-4">
        <h2 id="aspects-title" className="text-lg font-semibold">
          {t("editor.aspects")}
        </h2>
        <p className={`text-sm ${aspectTotal === 100 ? "text-emerald-800" : "text-red-800"}`} aria-live="polite" data-testid="aspect-sum">
          {t("editor.aspectSum", { total: Number.isNaN(aspectTotal) ? "?" : aspectTotal })}
        </p>
        {state.aspects.map((aspect, index) => (
          <AspectFields
            key={aspect.key}
            index={index}
            aspect={aspect}
            openIndicators={open}
            onToggleIndicator={(key, isOpen) =>
              setOpen((current) => {
                const next = new Set(current);
                if (isOpen) next.add(key);
                else next.delete(key);
                return next;
              })
            }
            onChange={(change) => update((d) => change(d.aspects[index]!))}
            onRemove={() =>
              update((d) => {
                d.aspects.splice(index, 1);
              })
            }
          />
        ))}
        <button
          id="add-aspect"
          type="button"
          onClick={() =>
            update((d) => {
              d.aspects.push(emptyAspect());
            })
          }
          className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100"
        >
          {t("editor.addAspect")}
        </button>
      </section>

      <section aria-labelledby="survey-title" className="space-y-3">
        <h2 id="survey-title" className="text-lg font-semibold">
          {t("editor.surveyItems")}
        </h2>
        <ol className="space-y-2">
          {state.surveyItems.map((item, index) => (
            <li key={item.key} className="grid gap-2 sm:grid-cols-[7rem_1fr_auto] sm:items-end">
              <div>
                <label htmlFor={`s${index}-code`} className="block text-sm font-medium">
                  {t("editor.code")}
                </label>
                <Input
                  id={`s${index}-code`}
                  value={item.code}
                  onChange={(e) =>
                    update((d) => {
                      d.surveyItems[index]!.code = e.target.value;
                    })
                  }
                  className="text-sm"
                />
              </div>
              <div>
                <label htmlFor={`s${index}-text`} className="block text-sm font-medium">
                  {t("editor.surveyText")}
                </label>
                <Input
                  id={`s${index}-text`}
                  value={item.text}
                  onChange={(e) =>
                    update((d) => {
                      d.surveyItems[index]!.text = e.target.value;
                    })
                  }
                  className="text-sm"
                />
              </div>
              <button
                type="button"
                onClick={() =>
                  update((d) => {
                    d.surveyItems.splice(index, 1);
                  })
                }
                className="rounded-md border border-red-300 px-3 py-2 text-sm text-red-800 hover:bg-red-50"
              >
                {t("editor.removeSurveyItem", { code: item.code || `#${index + 1}` })}
              </button>
            </li>
          ))}
        </ol>
        <button
          id="add-survey-item"
          type="button"
          onClick={() =>
            update((d) => {
              d.surveyItems.push({ key: newKey(), code: "", text: "" });
            })
          }
          className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100"
        >
          {t("editor.addSurveyItem")}
        </button>
      </section>

      <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 py-3">
        <Button variant="secondary" onClick={check}>
          {t("editor.check")}
        </Button>
        <Button type="submit" size="lg" disabled={isPending} aria-busy={isPending}>
          {isPending ? t("editor.saving") : t("editor.save")}
        </Button>
        {dirty ? <span className="text-sm text-slate-600">{t("editor.unsaved")}</span> : null}
      </div>
    </form>
  );
}
