/**
 * Problems found in an instrument definition. Every problem has a stable machine code, the path
 * of the offending item and a message in Bahasa Indonesia for the admin or the CLI operator.
 *
 * Path notation: `aspects[II].indicators[11.b.K].weight` names items by their code; when an item
 * has no usable code its 0-based position is written with a hash, `aspects[#2]`.
 */
export type InstrumentProblemCode =
  // Shape (the file is not an instrument at all in places).
  | "MISSING_FIELD"
  | "INVALID_TYPE"
  // Structure.
  | "EMPTY_TEXT"
  | "NO_ASPECTS"
  | "NO_INDICATORS"
  | "NO_SURVEY_ITEMS"
  | "WEIGHT_NOT_INTEGER"
  | "WEIGHT_NEGATIVE"
  | "LEVEL_NOT_INTEGER"
  | "DUPLICATE_LEVEL"
  | "MISSING_LEVEL"
  | "EXTRA_LEVEL"
  | "DUPLICATE_CODE"
  // Weights (docs/domain.md §4: "aspect weights sum to 100 and indicator weights sum to 100 inside each
  // aspect").
  | "ASPECT_WEIGHTS_SUM"
  | "INDICATOR_WEIGHTS_SUM";

export interface InstrumentProblem {
  code: InstrumentProblemCode;
  path: string;
  message: string;
}

/** One line per problem, for the CLI and logs: `[CODE] path: message`. */
export function formatProblems(problems: readonly InstrumentProblem[]): string {
  return problems.map((problem) => `[${problem.code}] ${problem.path || "(berkas)"}: ${problem.message}`).join("\n");
}

/** `[code]` when the item has a non-blank string code, `[#index]` otherwise. */
export function itemSelector(item: unknown, index: number): string {
  if (typeof item === "object" && item !== null && "code" in item) {
    const code = (item as { code: unknown }).code;
    if (typeof code === "string" && code.trim() !== "") return `[${code}]`;
  }
  return `[#${index}]`;
}
