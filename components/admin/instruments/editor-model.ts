import { INSTRUMENT_LEVELS, type InstrumentDefinition, type InstrumentIndicator, type InstrumentSurveyItem } from "@/lib/domain/instrument";
import type { ProblemLocation } from "@/lib/domain/cycle";

/**
 * The instrument editor's state: the definition with a stable key on every list item (React needs
 * one while items are added and removed), levels always 0–5 in order. Keys never leave the browser.
 */
export type EditorIndicator = InstrumentIndicator & { key: string };
export interface EditorAspect {
  key: string;
  code: string;
  name: string;
  weight: number;
  indicators: EditorIndicator[];
}
export type EditorSurveyItem = InstrumentSurveyItem & { key: string };
export interface EditorState {
  name: string;
  description: string;
  aspects: EditorAspect[];
  surveyItems: EditorSurveyItem[];
}

let counter = 0;
export const newKey = () => `k${++counter}`;

function levelsOf(indicator: Pick<InstrumentIndicator, "levels">) {
  return INSTRUMENT_LEVELS.map((level) => ({ level, description: indicator.levels.find((l) => l.level === level)?.description ?? "" }));
}

export function toEditorState(definition: InstrumentDefinition): EditorState {
  return {
    name: definition.name,
    description: definition.description,
    aspects: definition.aspects.map((aspect) => ({
      key: newKey(),
      code: aspect.code,
      name: aspect.name,
      weight: aspect.weight,
      indicators: aspect.indicators.map((indicator) => ({ ...indicator, key: newKey(), levels: levelsOf(indicator) })),
    })),
    surveyItems: definition.surveyItems.map((item) => ({ ...item, key: newKey() })),
  };
}

export function toDefinition(state: EditorState, identity: { code: string; version: string }): InstrumentDefinition {
  return {
    code: identity.code,
    version: identity.version,
    name: state.name,
    description: state.description,
    aspects: state.aspects.map(({ code, name, weight, indicators }) => ({
      code,
      name,
      weight,
      indicators: indicators.map(({ key: _key, ...indicator }) => indicator),
    })),
    surveyItems: state.surveyItems.map(({ code, text }) => ({ code, text })),
  };
}

export function emptyIndicator(): EditorIndicator {
  return {
    key: newKey(),
    code: "",
    name: "",
    question: "",
    weight: 0,
    evidenceHint: "",
    levels: INSTRUMENT_LEVELS.map((level) => ({ level, description: "" })),
  };
}

export function emptyAspect(): EditorAspect {
  return { key: newKey(), code: "", name: "", weight: 0, indicators: [emptyIndicator()] };
}

/** Sums of weights for the live totals (NaN while a weight field is empty or not a number). */
export const weightSum = (items: readonly { weight: number }[]) => items.reduce((sum, item) => sum + item.weight, 0);

/** The id of the form field where a problem sits, to move the focus there. */
export function fieldIdOf(state: EditorState, location: ProblemLocation, problemCode: string): string {
  if (location.surveyItem !== undefined) return `s${location.surveyItem}-${location.field === "code" ? "code" : "text"}`;
  if (location.aspect !== undefined) {
    const a = `a${location.aspect}`;
    if (location.indicator !== undefined) {
      const i = `${a}-i${location.indicator}`;
      if (location.level !== undefined) return `${i}-l${location.level}`;
      if (location.field === "levels") return `${i}-l0`;
      return ["name", "question", "weight", "evidenceHint"].includes(location.field ?? "") ? `${i}-${location.field}` : `${i}-code`;
    }
    if (location.field === "name" || location.field === "weight") return `${a}-${location.field}`;
    if (problemCode === "INDICATOR_WEIGHTS_SUM" || problemCode === "NO_INDICATORS") {
      return state.aspects[location.aspect]?.indicators.length ? `${a}-i0-weight` : `${a}-add-indicator`;
    }
    return `${a}-code`;
  }
  if (location.field === "aspects") return state.aspects.length > 0 ? "a0-weight" : "add-aspect";
  if (location.field === "surveyItems") return state.surveyItems.length > 0 ? "s0-text" : "add-survey-item";
  if (location.field === "description") return "f-description";
  return "f-name";
}
