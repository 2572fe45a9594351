import { itemSelector, type InstrumentProblem } from "./problems";
import { ZInstrumentShape, type TInstrumentShape } from "./schema";
import { shapeProblems } from "./shape-problems";
import { INSTRUMENT_LEVELS, MAX_LEVEL, MIN_LEVEL, type InstrumentDefinition } from "./types";

export type InstrumentValidation = { ok: true; instrument: InstrumentDefinition } | { ok: false; problems: InstrumentProblem[] };

/**
 * Validates an instrument file (docs/domain.md §4: "the portal must validate that aspect weights sum
 * to 100 and that indicator weights sum to 100 inside each aspect, and refuse an instrument that
 * does not").
 *
 * Two passes: the shape (zod) first; if the shape is wrong only shape problems can be reported,
 * since rules cannot be read from a value of the wrong type. If the shape is right, EVERY rule
 * violation is collected and reported at once, so an admin fixes a corrupt file in one round.
 */
export function validateInstrument(input: unknown): InstrumentValidation {
  const parsed = ZInstrumentShape.safeParse(input);
  if (!parsed.success) {
    return { ok: false, problems: shapeProblems(input, parsed.error.issues) };
  }
  const problems = ruleProblems(parsed.data);
  return problems.length === 0 ? { ok: true, instrument: parsed.data } : { ok: false, problems };
}

/** "Aspek II (Profesionalisme SDM)", or just "Aspek #2" when nothing better is known. */
function label(kind: string, code: string, name: string, index: number): string {
  const id = code.trim() === "" ? `#${index}` : code;
  return name.trim() === "" ? `${kind} ${id}` : `${kind} ${id} (${name})`;
}

function isBlank(text: string): boolean {
  return text.trim() === "";
}

function ruleProblems(instrument: TInstrumentShape): InstrumentProblem[] {
  const problems: InstrumentProblem[] = [];
  const report = (code: InstrumentProblem["code"], path: string, message: string): void => {
    problems.push({ code, path, message });
  };

  // Header texts. The instrument description may be empty: it is an optional note.
  for (const [field, title] of [
    ["code", "Kode"],
    ["version", "Versi"],
    ["name", "Nama"],
  ] as const) {
    if (isBlank(instrument[field])) report("EMPTY_TEXT", field, `${title} instrumen kosong.`);
  }

  checkAspects(instrument, report);
  checkSurveyItems(instrument, report);
  return problems;
}

type Report = (code: InstrumentProblem["code"], path: string, message: string) => void;

/**
 * A weight must be a non-negative integer percentage (§4 weights are whole per cents; weight 0 is
 * legal: the queue-system item is "collected with weight 0: shown, never scored").
 * Returns the weight as a bigint when it can take part in an exact sum, otherwise null.
 */
function checkWeight(weight: number, path: string, what: string, report: Report): bigint | null {
  if (!Number.isSafeInteger(weight)) {
    report("WEIGHT_NOT_INTEGER", `${path}.weight`, `Bobot ${what} adalah ${weight}, seharusnya bilangan bulat.`);
    return null;
  }
  if (weight < 0) {
    report("WEIGHT_NEGATIVE", `${path}.weight`, `Bobot ${what} adalah ${weight}, tidak boleh negatif.`);
  }
  return BigInt(weight);
}

/**
 * Sums integer weights exactly. When one of them is not an integer (already reported) the sum is
 * meaningless in whole per cents, so it is skipped rather than computed with floats.
 */
function exactSum(weights: readonly (bigint | null)[]): bigint | null {
  let total = 0n;
  for (const weight of weights) {
    if (weight === null) return null;
    total += weight;
  }
  return total;
}

function checkAspects(instrument: TInstrumentShape, report: Report): void {
  if (instrument.aspects.length === 0) {
    report("NO_ASPECTS", "aspects", "Instrumen tidak memiliki aspek.");
    return;
  }
  const aspectCodes = new Map<string, string>();
  // Indicator codes are unique across the whole instrument: answers are keyed by indicator code.
  const indicatorCodes = new Map<string, string>();
  const aspectWeights = instrument.aspects.map((aspect, aspectIndex) => {
    const path = `aspects${itemSelector(aspect, aspectIndex)}`;
    const aspectLabel = label("aspek", aspect.code, aspect.name, aspectIndex);
    if (isBlank(aspect.code)) report("EMPTY_TEXT", `${path}.code`, `Kode aspek #${aspectIndex} kosong.`);
    if (isBlank(aspect.name)) report("EMPTY_TEXT", `${path}.name`, `Nama ${aspectLabel} kosong.`);
    checkDuplicate(aspectCodes, aspect.code, `aspects[#${aspectIndex}]`, "aspek", report);
    checkIndicators(aspect, path, aspectLabel, indicatorCodes, report);
    return checkWeight(aspect.weight, path, aspectLabel, report);
  });
  const total = exactSum(aspectWeights);
  if (total !== null && total !== 100n) {
    report("ASPECT_WEIGHTS_SUM", "aspects", `Jumlah bobot aspek adalah ${total}, seharusnya 100.`);
  }
}

function checkIndicators(
  aspect: TInstrumentShape["aspects"][number],
  aspectPath: string,
  aspectLabel: string,
  indicatorCodes: Map<string, string>,
  report: Report,
): void {
  if (aspect.indicators.length === 0) {
    report("NO_INDICATORS", `${aspectPath}.indicators`, `${capitalise(aspectLabel)} tidak memiliki indikator.`);
  }
  const weights = aspect.indicators.map((indicator, index) => {
    const path = `${aspectPath}.indicators${itemSelector(indicator, index)}`;
    const indicatorLabel = label("indikator", indicator.code, indicator.name, index);
    if (isBlank(indicator.code)) {
      report("EMPTY_TEXT", `${path}.code`, `Kode indikator #${index} pada ${aspectLabel} kosong.`);
    }
    if (isBlank(indicator.name)) report("EMPTY_TEXT", `${path}.name`, `Nama ${indicatorLabel} kosong.`);
    if (isBlank(indicator.question)) {
      report("EMPTY_TEXT", `${path}.question`, `Pertanyaan ${indicatorLabel} kosong.`);
    }
    checkDuplicate(indicatorCodes, indicator.code, `${aspectPath}.indicators[#${index}]`, "indikator", report);
    checkLevels(indicator, path, indicatorLabel, report);
    return checkWeight(indicator.weight, path, indicatorLabel, report);
  });
  const total = exactSum(weights);
  if (aspect.indicators.length > 0 && total !== null && total !== 100n) {
    report("INDICATOR_WEIGHTS_SUM", aspectPath, `Jumlah bobot indikator pada ${aspectLabel} adalah ${total}, seharusnya 100.`);
  }
}

/**
 * Every indicator describes each level 0..5 exactly once (§4: "every indicator is scored with an
 * integer level 0–5; each level has a written description").
 */
function checkLevels(
  indicator: TInstrumentShape["aspects"][number]["indicators"][number],
  indicatorPath: string,
  indicatorLabel: string,
  report: Report,
): void {
  const seen = new Set<number>();
  indicator.levels.forEach((entry, index) => {
    const path = `${indicatorPath}.levels[#${index}]`;
    if (!Number.isInteger(entry.level)) {
      report("LEVEL_NOT_INTEGER", path, `Level ${entry.level} pada ${indicatorLabel} bukan bilangan bulat.`);
    } else if (entry.level < MIN_LEVEL || entry.level > MAX_LEVEL) {
      report("EXTRA_LEVEL", path, `${capitalise(indicatorLabel)} memiliki level ${entry.level} di luar rentang ${MIN_LEVEL}–${MAX_LEVEL}.`);
    } else if (seen.has(entry.level)) {
      report("DUPLICATE_LEVEL", path, `${capitalise(indicatorLabel)} mendeskripsikan level ${entry.level} lebih dari sekali.`);
    }
    if (Number.isInteger(entry.level)) seen.add(entry.level);
    if (isBlank(entry.description)) {
      report("EMPTY_TEXT", `${path}.description`, `Deskripsi level ${entry.level} pada ${indicatorLabel} kosong.`);
    }
  });
  for (const level of INSTRUMENT_LEVELS) {
    if (!seen.has(level)) {
      report("MISSING_LEVEL", `${indicatorPath}.levels`, `${capitalise(indicatorLabel)} tidak memiliki deskripsi level ${level}.`);
    }
  }
}

function checkSurveyItems(instrument: TInstrumentShape, report: Report): void {
  // §4: F-03 is answered on survey items; an instrument without any could never yield an F-03 score.
  if (instrument.surveyItems.length === 0) {
    report("NO_SURVEY_ITEMS", "surveyItems", "Instrumen tidak memiliki butir survei F-03.");
  }
  const codes = new Map<string, string>();
  instrument.surveyItems.forEach((item, index) => {
    const path = `surveyItems${itemSelector(item, index)}`;
    if (isBlank(item.code)) report("EMPTY_TEXT", `${path}.code`, `Kode butir survei #${index} kosong.`);
    if (isBlank(item.text)) {
      report("EMPTY_TEXT", `${path}.text`, `Teks butir survei ${isBlank(item.code) ? `#${index}` : item.code} kosong.`);
    }
    checkDuplicate(codes, item.code, `surveyItems[#${index}]`, "butir survei", report);
  });
}

/**
 * Reports the second and later uses of a code, naming the code and where it was first used. The
 * paths are positional (`[#3]`) because a path by code would name both items alike.
 */
function checkDuplicate(seen: Map<string, string>, code: string, path: string, kind: string, report: Report): void {
  if (isBlank(code)) return; // Reported as EMPTY_TEXT.
  const first = seen.get(code);
  if (first === undefined) {
    seen.set(code, path);
    return;
  }
  report("DUPLICATE_CODE", path, `Kode ${kind} "${code}" dipakai lebih dari sekali (pertama kali di ${first}).`);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
