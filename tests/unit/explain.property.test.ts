import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ExplainedLocus, evaluateStep, exactText, explainInstitution, explainLocus, parseExact, type Step } from "@/lib/domain/explain";
import { classify } from "@/lib/domain/grades";
import { validateInstrument } from "@/lib/domain/instrument";
import type { InstrumentDefinition } from "@/lib/domain/instrument/types";
import { equals, fromFraction, type Rational } from "@/lib/domain/rational";
import { computeLocusResult, institutionIndex, type ScoringSettings } from "@/lib/domain/scoring";
import { answersArbitrary, responsesArbitrary, validInstrumentArbitrary } from "./support/instrument-arbitrary";
import { readRealInstrumentJson } from "./support/real-instrument";

// Explain my score (issue 18, docs/domain.md §5.13): every number shown recomputes from the shown
// inputs, and the chain of numbers ends at the scoring module's own index and grade.

const real = validateInstrument(readRealInstrumentJson());
if (!real.ok) throw new Error("the real instrument must validate");

const settingsArb: fc.Arbitrary<ScoringSettings> = fc.record({
  f02SharePercent: fc.integer({ min: 0, max: 100 }),
  minSurveyRespondents: fc.integer({ min: 0, max: 12 }),
  institutionAggregation: fc.constant("MEAN" as const),
});

const locusArb = (instrumentArb: fc.Arbitrary<InstrumentDefinition>) =>
  instrumentArb.chain((instrument) =>
    fc.record({
      instrument: fc.constant(instrument),
      answers: answersArbitrary(instrument),
      responses: responsesArbitrary(instrument.surveyItems.length, 14),
      settings: settingsArb,
    }),
  );

const same = (a: Rational, b: Rational) => equals(a, b);
const shown = (text: string) => parseExact(text);

/** Every step of a locus explanation, and the links between them (a result shown as the next step's operand). */
function checkLocus(explained: ExplainedLocus, instrument: InstrumentDefinition, levels: Record<string, number>) {
  const steps: Step[] = [explained.f02];
  explained.aspects.forEach((aspect, a) => {
    const source = instrument.aspects[a];
    expect(aspect.code).toBe(source?.code);
    expect(same(shown(aspect.weightShare), fromFraction(aspect.weight, 100))).toBe(true);
    aspect.indicators.forEach((indicator) => {
      expect(same(shown(indicator.weightShare), fromFraction(indicator.weight, 100))).toBe(true);
      // The operands are the shown share and the shown level (an indicator without one counts 0).
      expect(indicator.contribution.operands).toEqual([exactText(shown(indicator.weightShare)), String(indicator.level ?? 0)]);
      expect(indicator.level).toBe(levels[indicator.code] ?? null);
      steps.push(indicator.contribution);
    });
    expect(aspect.score.operands).toEqual(aspect.indicators.map((i) => i.contribution.result));
    expect(aspect.contribution.operands).toEqual([exactText(shown(aspect.weightShare)), exactText(shown(aspect.score.result))]);
    steps.push(aspect.score, aspect.contribution);
  });
  expect(explained.f02.operands).toEqual(explained.aspects.map((a) => a.contribution.result));
  const { index, f03 } = explained;
  if (f03.score) steps.push(f03.score);
  if (index.f03Included) {
    expect(index.f02Part && index.f03Part && index.total && f03.score).toBeTruthy();
    if (!index.f02Part || !index.f03Part || !index.total || !f03.score) return steps;
    expect(index.f02Part.operands).toEqual([exactText(fromFraction(explained.sharePercent, 100)), exactText(shown(explained.f02.result))]);
    expect(index.f03Part.operands).toEqual([exactText(fromFraction(100 - explained.sharePercent, 100)), exactText(shown(f03.score.result))]);
    expect(index.total.operands).toEqual([index.f02Part.result, index.f03Part.result]);
    expect(index.total.result).toBe(index.value);
    steps.push(index.f02Part, index.f03Part, index.total);
  } else {
    // F-03 left out: the index is F-02 itself (§5.5), and the reason is given.
    expect(same(shown(index.value), shown(explained.f02.result))).toBe(true);
    expect(index.reason).not.toBeNull();
  }
  const published = classify(shown(index.value));
  expect([index.published, index.grade]).toEqual([published.published, published.grade]);
  for (const line of steps) expect(exactText(evaluateStep(line))).toBe(exactText(shown(line.result)));
  return steps;
}

describe("explain: every shown number recomputes from the shown inputs", () => {
  it("exact texts read back to the same value", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: 1n, max: 10n ** 9n }), fc.integer({ min: 0, max: 4 }), (n, d, min) => {
        const value = fromFraction(n, d);
        expect(same(parseExact(exactText(value, min)), value)).toBe(true);
      }),
    );
    expect(exactText(fromFraction(33, 8), 2)).toBe("4.125");
    expect(exactText(fromFraction(4, 1), 2)).toBe("4.00");
    expect(exactText(fromFraction(10, 3), 2)).toBe("10/3");
  });

  it("random instruments, levels, responses and settings: each step adds up and the index is the scoring module's", () => {
    fc.assert(
      fc.property(locusArb(validInstrumentArbitrary), ({ instrument, answers, responses, settings }) => {
        const levels = Object.fromEntries(answers);
        const explained = explainLocus({ instrument, settings, levels, surveyResponses: responses });
        checkLocus(explained, instrument, levels);
        const official = computeLocusResult(instrument, levels, responses, settings);
        expect(same(shown(explained.index.value), official.index.index)).toBe(true);
        expect(same(shown(explained.f02.result), official.f02.total)).toBe(true);
        expect(explained.index.published).toBe(official.classification.published);
      }),
      { numRuns: 150 },
    );
  });

  it("the real instrument: an institution's index is the mean of its loci's shown indices", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ answers: answersArbitrary(real.instrument), responses: responsesArbitrary(real.instrument.surveyItems.length, 12) }), {
          minLength: 1,
          maxLength: 4,
        }),
        settingsArb,
        (loci, settings) => {
          const explained = loci.map(({ answers, responses }) => {
            const levels = Object.fromEntries(answers);
            const locus = explainLocus({ instrument: real.instrument, settings, levels, surveyResponses: responses });
            checkLocus(locus, real.instrument, levels);
            return { locus, official: computeLocusResult(real.instrument, levels, responses, settings).index.index };
          });
          const institution = explainInstitution(
            explained.map((e) => e.locus),
            settings,
          );
          const official = institutionIndex(
            explained.map((e) => e.official),
            settings,
          );
          expect(institution.index && official).toBeTruthy();
          if (!institution.index || !official) return;
          expect(institution.index.operands).toEqual(explained.map((e) => e.locus.index.value).map((v) => exactText(shown(v))));
          expect(exactText(evaluateStep(institution.index))).toBe(exactText(shown(institution.index.result)));
          expect(same(shown(institution.index.result), official)).toBe(true);
          expect(institution.index.published).toBe(classify(official).published);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("the worked example of docs/domain.md §5.10 reads 0.75 × 4.00 + 0.25 × 4.50 = 4.125, published 4.13 (A-)", () => {
    const levels = Object.fromEntries(real.instrument.aspects.flatMap((a) => a.indicators.map((i) => [i.code, 4])));
    const responses = [...Array.from({ length: 5 }, () => Array(14).fill(5)), ...Array.from({ length: 5 }, () => Array(14).fill(4))];
    const explained = explainLocus({
      instrument: real.instrument,
      settings: { f02SharePercent: 75, minSurveyRespondents: 10, institutionAggregation: "MEAN" },
      levels,
      surveyResponses: responses,
    });
    expect(explained.index.f02Part).toEqual({ op: "product", operands: ["0.75", "4"], result: "3.00" });
    expect(explained.f03.score).toEqual({ op: "quotient", operands: ["630", "140"], result: "4.50" });
    expect(explained.index.total?.result).toBe("4.125");
    expect([explained.index.published, explained.index.grade]).toEqual(["4.13", "A-"]);
    expect(explained.aspects[0]?.indicators[0]?.rubric).toBeTruthy();
    expect(explainInstitution([], { f02SharePercent: 75, minSurveyRespondents: 10, institutionAggregation: "MEAN" }).index).toBeNull();
  });
});
