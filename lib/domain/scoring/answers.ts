import { DomainError } from "../errors";
import { MAX_LEVEL, MIN_LEVEL } from "../instrument/types";

/** The level (0..5) chosen for each indicator, keyed by indicator code. */
export type Answers = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

/** The answered level of an indicator, or undefined when it has no answer. Validates the level. */
export function answeredLevel(answers: Answers, indicatorCode: string): number | undefined {
  const level = isMap(answers)
    ? answers.get(indicatorCode)
    : // Own keys only: a code such as "constructor" must not find Object.prototype members.
      Object.hasOwn(answers, indicatorCode)
      ? answers[indicatorCode]
      : undefined;
  if (level === undefined) return undefined;
  // docs/domain.md §4: "every indicator is scored with an integer level 0–5".
  if (!Number.isInteger(level) || level < MIN_LEVEL || level > MAX_LEVEL) {
    throw new DomainError("INVALID_LEVEL", `The level of indicator ${indicatorCode} must be an integer ${MIN_LEVEL}..${MAX_LEVEL}, got ${String(level)}.`);
  }
  return level;
}

/**
 * The level that is scored. A missing answer scores as level 0: an unanswered indicator earns
 * nothing, exactly like level 0 "none" of every rubric (§4), so an incomplete form can never score
 * higher than the same form completed. Completeness is reported separately by `scoreInstrument`.
 */
export function scoredLevel(answers: Answers, indicatorCode: string): number {
  return answeredLevel(answers, indicatorCode) ?? 0;
}

/** The chosen levels of stored or edited answers (code → level), leaving out the cleared ones. */
export function levelsOf(answers: Readonly<Record<string, { level: number | null }>>): Map<string, number> {
  const levels = new Map<string, number>();
  for (const [code, answer] of Object.entries(answers)) if (answer.level !== null) levels.set(code, answer.level);
  return levels;
}

/** Every code that has an answer. */
export function answeredCodes(answers: Answers): string[] {
  return isMap(answers) ? [...answers.keys()] : Object.keys(answers);
}

function isMap(answers: Answers): answers is ReadonlyMap<string, number> {
  return answers instanceof Map;
}
