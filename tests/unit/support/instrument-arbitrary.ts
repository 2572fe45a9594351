import fc from "fast-check";
import type { InstrumentDefinition, InstrumentIndicator } from "@/lib/domain/instrument/types";

/** `parts` non-negative integers summing to `total` (cut points on 0..total). */
export function partition(parts: number, total = 100): fc.Arbitrary<number[]> {
  return fc.array(fc.integer({ min: 0, max: total }), { minLength: parts - 1, maxLength: parts - 1 }).map((cuts) => {
    const sorted = [...cuts].sort((a, b) => a - b);
    const bounds = [0, ...sorted, total];
    return bounds.slice(1).map((bound, index) => bound - bounds[index]!);
  });
}

function indicator(code: string, weight: number): InstrumentIndicator {
  return {
    code,
    name: `Indikator ${code}`,
    question: `Pertanyaan ${code}?`,
    weight,
    evidenceHint: "",
    levels: [0, 1, 2, 3, 4, 5].map((level) => ({ level, description: `Level ${level} dari ${code}` })),
  };
}

/**
 * A random VALID instrument: 1–7 aspects and 1–6 indicators per aspect, integer weights summing
 * to 100 at both levels (zero weights allowed, as for the queue item), and sometimes an extra
 * weight-0 indicator. Codes are unique by construction.
 */
export const validInstrumentArbitrary: fc.Arbitrary<InstrumentDefinition> = fc
  .integer({ min: 1, max: 7 })
  .chain((aspectCount) =>
    fc.tuple(
      partition(aspectCount),
      fc.array(
        fc.integer({ min: 1, max: 6 }).chain((count) => fc.tuple(partition(count), fc.boolean())),
        { minLength: aspectCount, maxLength: aspectCount },
      ),
      fc.integer({ min: 1, max: 14 }),
    ),
  )
  .map(([aspectWeights, aspectIndicators, surveyCount]) => ({
    code: "GEN",
    version: "1",
    name: "Instrumen acak",
    description: "",
    aspects: aspectWeights.map((weight, a) => {
      const [indicatorWeights, withUnscored] = aspectIndicators[a]!;
      const indicators = indicatorWeights.map((w, i) => indicator(`${i + 1}.${a}`, w));
      if (withUnscored) indicators.push(indicator(`Q.${a}`, 0));
      return { code: `A${a}`, name: `Aspek ${a}`, weight, indicators };
    }),
    surveyItems: Array.from({ length: surveyCount }, (_, i) => ({ code: `U${i}`, text: `Butir ${i}` })),
  }));

export function allIndicatorCodes(instrument: InstrumentDefinition): string[] {
  return instrument.aspects.flatMap((aspect) => aspect.indicators.map((item) => item.code));
}

/** Answers for an instrument: each indicator either unanswered or at a level 0..5. */
export function answersArbitrary(instrument: InstrumentDefinition): fc.Arbitrary<Map<string, number>> {
  const codes = allIndicatorCodes(instrument);
  return fc
    .array(fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }), {
      minLength: codes.length,
      maxLength: codes.length,
    })
    .map((levels) => {
      const answers = new Map<string, number>();
      levels.forEach((level, index) => {
        if (level !== undefined) answers.set(codes[index]!, level);
      });
      return answers;
    });
}

/** F-03 responses: 0–25 respondents, each with `items` ratings 0..5. */
export function responsesArbitrary(items: number, maxRespondents = 25): fc.Arbitrary<number[][]> {
  return fc.array(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: items, maxLength: items }), {
    maxLength: maxRespondents,
  });
}
