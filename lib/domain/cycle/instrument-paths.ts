/**
 * Where in an instrument a validation problem sits, as positions, so an editor can name the item
 * and move the focus to its field. Problem paths name items by code (`aspects[II].indicators[11.b.K]`)
 * or by position (`aspects[#2]`), see lib/domain/instrument/problems.ts.
 */
export interface ProblemLocation {
  aspect?: number;
  indicator?: number;
  level?: number;
  surveyItem?: number;
  /** The field of the innermost item (weight, code, name, question, description, text, levels …). */
  field?: string;
}

interface Coded {
  code: string;
}

function indexOf(items: readonly Coded[], selector: string): number | undefined {
  if (selector.startsWith("#")) {
    const index = Number(selector.slice(1));
    return Number.isInteger(index) && index >= 0 && index < items.length ? index : undefined;
  }
  const index = items.findIndex((item) => item.code === selector);
  return index >= 0 ? index : undefined;
}

const SEGMENT = /^([A-Za-z]+)(?:\[([^\]]*)\])?$/;

/** The location of a problem path in the definition it was found in; unknown parts are left out. */
export function locateProblem(
  definition: { aspects: readonly (Coded & { indicators: readonly Coded[] })[]; surveyItems: readonly Coded[] },
  path: string,
): ProblemLocation {
  const location: ProblemLocation = {};
  // Codes may contain dots (11.b.K): split on dots outside brackets only.
  const segments = path.match(/[^.[\]]+(?:\[[^\]]*\])?/g) ?? [];
  for (const segment of segments) {
    const match = SEGMENT.exec(segment);
    if (!match) continue;
    const [, name, selector] = match as unknown as [string, string, string | undefined];
    if (selector === undefined) {
      location.field = name;
      continue;
    }
    if (name === "aspects") location.aspect = indexOf(definition.aspects, selector);
    else if (name === "indicators" && location.aspect !== undefined) location.indicator = indexOf(definition.aspects[location.aspect]!.indicators, selector);
    else if (name === "surveyItems") location.surveyItem = indexOf(definition.surveyItems, selector);
    else if (name === "levels" && selector.startsWith("#")) location.level = Number(selector.slice(1));
    location.field = undefined;
  }
  return location;
}
