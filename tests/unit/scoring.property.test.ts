import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classify } from "@/lib/domain/grades";
import { validateInstrument } from "@/lib/domain/instrument";
import { compare, equals, fromInteger, Rational } from "@/lib/domain/rational";
import { aspectScore, f02Score, f03Score, institutionIndex, locusIndex, type ScoringSettings } from "@/lib/domain/scoring";
import { allIndicatorCodes, answersArbitrary, responsesArbitrary, validInstrumentArbitrary } from "./support/instrument-arbitrary";
import { readRealInstrumentJson } from "./support/real-instrument";
import { refAspectTimes100, refF02Times10000, refF03, refHundredths, refLocus, sameValue } from "./support/reference-scoring";

const realResult = validateInstrument(readRealInstrumentJson());
if (!realResult.ok) throw new Error("the real instrument must validate for these properties");
const realInstrument = realResult.instrument;

/** Either the real instrument or a random valid one, so the properties do not hinge on real weights. */
const instrumentArb = fc.oneof(fc.constant(realInstrument), validInstrumentArbitrary);
const instrumentWithAnswers = instrumentArb.chain((instrument) => fc.tuple(fc.constant(instrument), answersArbitrary(instrument)));
const settingsArb: fc.Arbitrary<ScoringSettings> = fc.record({
  f02SharePercent: fc.integer({ min: 0, max: 100 }),
  minSurveyRespondents: fc.integer({ min: 0, max: 12 }),
  institutionAggregation: fc.constant("MEAN" as const),
});
const f03Arb = responsesArbitrary(14).map((responses) => f03Score(responses, { itemCount: 14 }));
const ZERO_R = fromInteger(0);
const FIVE = fromInteger(5);

function within0to5(value: Rational): boolean {
  return compare(ZERO_R, value) <= 0 && compare(value, FIVE) <= 0;
}

describe("generated instruments", () => {
  it("are valid instruments, so the properties below run on legal data", () => {
    fc.assert(
      fc.property(validInstrumentArbitrary, (instrument) => {
        expect(validateInstrument(instrument)).toEqual({ ok: true, instrument });
      }),
    );
  });
});

describe("scores agree with an independent reference (plain bigint over 100 and 10 000)", () => {
  it("aspect scores and F-02", () => {
    fc.assert(
      fc.property(instrumentWithAnswers, ([instrument, answers]) => {
        const result = f02Score(instrument, answers);
        instrument.aspects.forEach((aspect, index) => {
          const score = result.aspects[index]!.score;
          expect(score.numerator * 100n).toBe(refAspectTimes100(aspect, answers) * score.denominator);
        });
        const f02 = refF02Times10000(instrument.aspects, answers);
        expect(result.total.numerator * 10000n).toBe(f02 * result.total.denominator);
        expect(BigInt(classify(result.total).hundredths)).toBe(refHundredths({ num: f02, den: 10000n }));
      }),
    );
  });

  it("F-03 and the locus index", () => {
    fc.assert(
      fc.property(
        instrumentWithAnswers,
        fc.array(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 14 }), { maxLength: 25 }),
        settingsArb,
        ([instrument, answers], responses, settings) => {
          const f03 = f03Score(responses);
          const reference = refF03(responses);
          if (reference === null) {
            expect(f03.score).toBeNull();
          } else {
            expect(sameValue(f03.score!.numerator, f03.score!.denominator, reference)).toBe(true);
          }
          const f02Times10000 = refF02Times10000(instrument.aspects, answers);
          const result = locusIndex({ f02: f02Score(instrument, answers).total, f03, settings });
          if (reference !== null && responses.length >= settings.minSurveyRespondents) {
            expect(result.f03Included).toBe(true);
            const expected = refLocus(f02Times10000, reference, settings.f02SharePercent);
            expect(sameValue(result.index.numerator, result.index.denominator, expected)).toBe(true);
            expect(BigInt(classify(result.index).hundredths)).toBe(refHundredths(expected));
          } else {
            expect(result.f03Included).toBe(false);
            expect(sameValue(result.index.numerator, result.index.denominator, { num: f02Times10000, den: 10000n })).toBe(true);
          }
        },
      ),
    );
  });
});

describe("bounds", () => {
  it("every aspect score, F-02, F-03, locus and institution index lies in 0..5", () => {
    fc.assert(
      fc.property(instrumentWithAnswers, fc.array(f03Arb, { minLength: 1, maxLength: 3 }), settingsArb, ([instrument, answers], f03s, settings) => {
        const result = f02Score(instrument, answers);
        for (const aspect of result.aspects) expect(within0to5(aspect.score)).toBe(true);
        expect(within0to5(result.total)).toBe(true);
        const indices = f03s.map((f03) => {
          if (f03.score !== null) expect(within0to5(f03.score)).toBe(true);
          return locusIndex({ f02: result.total, f03, settings }).index;
        });
        for (const index of indices) expect(within0to5(index)).toBe(true);
        expect(within0to5(institutionIndex(indices)!)).toBe(true);
      }),
    );
  });
});

describe("uniform levels", () => {
  it("all levels k give k for every aspect, F-02, and the locus index with F-03 all k", () => {
    fc.assert(
      fc.property(instrumentArb, fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 20 }), settingsArb, (instrument, k, respondentCount, settings) => {
        const answers = new Map(allIndicatorCodes(instrument).map((code) => [code, k]));
        const expected = fromInteger(k);
        const result = f02Score(instrument, answers);
        for (const aspect of instrument.aspects) expect(equals(aspectScore(aspect, answers), expected)).toBe(true);
        expect(equals(result.total, expected)).toBe(true);
        const responses = Array.from({ length: respondentCount }, () => Array<number>(14).fill(k));
        const f03 = f03Score(responses, { itemCount: 14 });
        if (respondentCount > 0) expect(equals(f03.score!, expected)).toBe(true);
        // Whether F-03 is included or not, the locus index is k.
        expect(equals(locusIndex({ f02: result.total, f03, settings }).index, expected)).toBe(true);
      }),
    );
  });
});

describe("monotonicity: raising one level never lowers anything", () => {
  const raise = instrumentWithAnswers.chain(([instrument, answers]) => {
    const codes = allIndicatorCodes(instrument);
    return fc.tuple(fc.integer({ min: 0, max: codes.length - 1 }), fc.integer({ min: 1, max: 5 })).map(([position, step]) => {
      const code = codes[position]!;
      const before = answers.get(code) ?? 0;
      const raised = new Map(answers).set(code, Math.min(5, before + step));
      return { instrument, answers, raised };
    });
  });

  it("for aspect scores, F-02, locus index and institution index", () => {
    fc.assert(
      fc.property(
        raise,
        f03Arb,
        settingsArb,
        fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 500n }), fc.bigInt({ min: 1n, max: 100n })), { maxLength: 3 }),
        ({ instrument, answers, raised }, f03, settings, others) => {
          const low = f02Score(instrument, answers);
          const high = f02Score(instrument, raised);
          low.aspects.forEach((aspect, index) => {
            expect(compare(aspect.score, high.aspects[index]!.score)).toBeLessThanOrEqual(0);
          });
          expect(compare(low.total, high.total)).toBeLessThanOrEqual(0);
          const lowLocus = locusIndex({ f02: low.total, f03, settings }).index;
          const highLocus = locusIndex({ f02: high.total, f03, settings }).index;
          expect(compare(lowLocus, highLocus)).toBeLessThanOrEqual(0);
          // Other loci of the same institution stay as they are (any values 0..5).
          const otherIndices = others.map(([num, den]) => Rational.of(num % (5n * den + 1n), den));
          const lowInstitution = institutionIndex([lowLocus, ...otherIndices])!;
          const highInstitution = institutionIndex([highLocus, ...otherIndices])!;
          expect(compare(lowInstitution, highInstitution)).toBeLessThanOrEqual(0);
        },
      ),
    );
  });
});

describe("institution index", () => {
  it("ignores the order of the loci", () => {
    const locusArb = fc
      .tuple(fc.bigInt({ min: 0n, max: 5_000_000n }), fc.bigInt({ min: 1n, max: 1_000_000n }))
      .map(([num, den]) => Rational.of(num % (5n * den + 1n), den));
    fc.assert(
      fc.property(
        fc
          .array(locusArb, { minLength: 1, maxLength: 8 })
          .chain((indices) => fc.tuple(fc.constant(indices), fc.shuffledSubarray(indices, { minLength: indices.length }))),
        ([indices, shuffled]) => {
          expect(equals(institutionIndex(indices)!, institutionIndex(shuffled)!)).toBe(true);
        },
      ),
    );
  });
});
