import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/domain/errors";
import { classify } from "@/lib/domain/grades";
import { validateInstrument, type InstrumentDefinition } from "@/lib/domain/instrument";
import { equals, fromFraction, fromInteger, parseDecimal, type Rational } from "@/lib/domain/rational";
import {
  aspectScore,
  DEFAULT_SCORING_SETTINGS,
  f02Score,
  f03Score,
  gap,
  institutionIndex,
  locusIndex,
  scoreInstrument,
  validateScoringSettings,
  type ScoringSettings,
} from "@/lib/domain/scoring";
import { readRealInstrumentJson } from "./support/real-instrument";

function loadInstrument(): InstrumentDefinition {
  const result = validateInstrument(readRealInstrumentJson());
  if (!result.ok) throw new Error(`the real instrument does not validate:\n${JSON.stringify(result.problems)}`);
  return result.instrument;
}

const instrument = loadInstrument();
const allCodes = instrument.aspects.flatMap((aspect) => aspect.indicators.map((indicator) => indicator.code));

function expectValue(actual: Rational | null, expected: string): void {
  expect(actual).not.toBeNull();
  const wanted = parseDecimal(expected);
  expect(equals(actual!, wanted), `${actual?.toString()} should be ${expected}`).toBe(true);
}

function expectDomainError(run: () => unknown, code: string): void {
  expect(run).toThrow(DomainError);
  try {
    run();
  } catch (error) {
    expect((error as DomainError).code).toBe(code);
  }
}

function uniform(level: number): Map<string, number> {
  return new Map(allCodes.map((code) => [code, level]));
}

/** 14 ratings summing to `total` (as even as possible). */
function ratingsSumming(total: number): number[] {
  return Array.from({ length: 14 }, (_, item) => Math.floor(total / 14) + (item < total % 14 ? 1 : 0));
}

/**
 * Hand-computed vector on the real instrument (weights from docs/domain.md §4).
 *   I   17·5 + 14·4 + 7·3 + 14·2 + 10·5 + 17·4 + 7·1 + 7·0 + 7·3 = 85+56+21+28+50+68+7+0+21 = 336 → 3.36
 *   II  10·4 + 20·3 + 20·5 + 20·2 + 30·5                     = 40+60+100+40+150       = 390 → 3.90
 *   III 15·4 + 23·5 + 20·3 + 20·2 + 11·5 + 11·1 (+ 0·5 queue) = 60+115+60+40+55+11     = 341 → 3.41
 *   IV  30·4 + 20·3 + 20·5 + 30·2                             = 120+60+100+60          = 340 → 3.40
 *   V   20·5 + 25·4 + 25·3 + 30·2                             = 100+100+75+60          = 335 → 3.35
 *   VI  50·3 + 50·4                                           = 150+200                = 350 → 3.50
 *   F-02 = (24·3.36 + 25·3.90 + 18·3.41 + 11·3.40 + 10·3.35 + 12·3.50) / 100
 *        = (80.64 + 97.5 + 61.38 + 37.4 + 33.5 + 42) / 100 = 352.42 / 100 = 3.5242
 */
const MIXED: Record<string, number> = {
  "1.a.Ak": 5,
  "2.a.P": 4,
  "3.a.T": 3,
  "4.a.K": 2,
  "5.a.K": 5,
  "6.a.B": 4,
  "7.a.T": 1,
  "8.a.Ak": 0,
  "9.a.Ak": 3,
  "10.b.As": 4,
  "11.b.K": 3,
  "12.b.Ak": 5,
  "13.b.K": 2,
  "14.b.K": 5,
  "15.c.K": 4,
  "16.c.As": 5,
  "17.c.As": 3,
  "18.c.K": 2,
  "19.c.As": 5,
  "20.c.B": 1,
  "31.c.K": 5,
  "21.d.T": 4,
  "22.d.B": 3,
  "23.d.As": 5,
  "24.d.T": 2,
  "25.e.P": 5,
  "26.e.P": 4,
  "27.e.Ak": 3,
  "28.e.Ak": 2,
  "29.f.B": 3,
  "30.f.B": 4,
};

describe("aspect score and F-02 (docs/domain.md §5)", () => {
  it("computes the hand-worked mixed vector exactly", () => {
    const result = f02Score(instrument, MIXED);
    expect(result.aspects.map((aspect) => aspect.code)).toEqual(["I", "II", "III", "IV", "V", "VI"]);
    ["3.36", "3.90", "3.41", "3.40", "3.35", "3.50"].forEach((expected, index) => {
      expectValue(result.aspects[index]!.score, expected);
    });
    expectValue(result.total, "3.5242");
    expect(classify(result.total)).toMatchObject({ published: "3.52", grade: "B" });
  });

  it("computes all level 3 except aspect I all level 5", () => {
    // Aspect I: Σ w·5 / 100 = 100·5/100 = 5; every other aspect: 100·3/100 = 3.
    // F-02 = 0.24·5 + (0.25 + 0.18 + 0.11 + 0.10 + 0.12)·3 = 1.20 + 0.76·3 = 1.20 + 2.28 = 3.48
    const answers = uniform(3);
    for (const indicator of instrument.aspects[0]!.indicators) answers.set(indicator.code, 5);
    const result = f02Score(instrument, answers);
    expectValue(result.aspects[0]!.score, "5");
    for (const aspect of result.aspects.slice(1)) expectValue(aspect.score, "3");
    expectValue(result.total, "3.48");
  });

  it("computes a single answer: only 14.b.K at level 5", () => {
    // Aspect II = 30·5/100 = 1.5; F-02 = 0.25 · 1.5 = 0.375 → published 0.38 (half up), grade F.
    const result = f02Score(instrument, { "14.b.K": 5 });
    expectValue(result.aspects[1]!.score, "1.5");
    expectValue(result.total, "0.375");
    expect(classify(result.total)).toMatchObject({ published: "0.38", grade: "F" });
  });

  it("computes the aspect score of one aspect on its own", () => {
    // Aspect VI: 50·5/100 + 50·0/100 = 2.5
    expectValue(aspectScore(instrument.aspects[5]!, { "29.f.B": 5, "30.f.B": 0 }), "2.5");
  });

  it("scores 0 for no answers and 5 for all level 5", () => {
    expectValue(f02Score(instrument, {}).total, "0");
    expectValue(f02Score(instrument, uniform(5)).total, "5");
  });

  it("never lets the weight-0 queue item 31.c.K change any score", () => {
    const base = f02Score(instrument, { ...MIXED, "31.c.K": 0 });
    for (const level of [1, 2, 3, 4, 5]) {
      const other = f02Score(instrument, { ...MIXED, "31.c.K": level });
      expect(equals(other.total, base.total)).toBe(true);
      for (const [index, aspect] of other.aspects.entries()) expect(equals(aspect.score, base.aspects[index]!.score)).toBe(true);
    }
    const withoutQueue = { ...MIXED };
    delete withoutQueue["31.c.K"];
    expect(equals(f02Score(instrument, withoutQueue).total, base.total)).toBe(true);
  });

  it("gives the same result for a Map and a record", () => {
    const fromRecord = f02Score(instrument, MIXED).total;
    const fromMap = f02Score(instrument, new Map(Object.entries(MIXED))).total;
    expect(equals(fromRecord, fromMap)).toBe(true);
  });

  it("refuses a level outside 0..5 or not an integer", () => {
    for (const level of [6, -1, 2.5, Number.NaN]) {
      expectDomainError(() => f02Score(instrument, { ...MIXED, "11.b.K": level }), "INVALID_LEVEL");
    }
    // Also for the weight-0 item: it is collected, so it must be a real level.
    expectDomainError(() => f02Score(instrument, { "31.c.K": 7 }), "INVALID_LEVEL");
  });

  it("does not read inherited properties of a record as answers", () => {
    const answers = Object.create({ "1.a.Ak": 5 }) as Record<string, number>;
    expectValue(f02Score(instrument, answers).total, "0");
  });
});

describe("scoreInstrument bookkeeping", () => {
  it("counts 30 scored indicators, without the weight-0 queue item", () => {
    const result = scoreInstrument(instrument, MIXED);
    expect(result.scoredIndicators).toBe(30);
    expect(result.answeredScoredIndicators).toBe(30);
    expect(result.complete).toBe(true);
    expect(result.aspects.map((aspect) => aspect.scoredIndicators)).toEqual([9, 5, 6, 4, 4, 2]);
    expectValue(result.total, "3.5242");
    expectValue(result.aspects[2]!.score, "3.41");
    expect(result.unknownCodes).toEqual([]);
  });

  it("scores a missing answer as level 0 and reports it as unanswered", () => {
    const partial = { ...MIXED };
    delete partial["14.b.K"]; // 30·5 = 150 hundredths of aspect II lost: II = 2.40
    delete partial["31.c.K"]; // unscored: does not count as missing
    const result = scoreInstrument(instrument, partial);
    expect(result.answeredScoredIndicators).toBe(29);
    expect(result.aspects[1]!.answeredScoredIndicators).toBe(4);
    expect(result.aspects[2]!.answeredScoredIndicators).toBe(6);
    expect(result.complete).toBe(false);
    expectValue(result.aspects[1]!.score, "2.40");
    // F-02 = 3.5242 − 0.25 · 1.50 = 3.1492
    expectValue(result.total, "3.1492");
    // An explicit level 0 is answered, and scores the same as missing.
    const explicitZero = scoreInstrument(instrument, { ...partial, "14.b.K": 0 });
    expect(explicitZero.answeredScoredIndicators).toBe(30);
    expect(equals(explicitZero.total, result.total)).toBe(true);
  });

  it("lists answers that match no indicator", () => {
    const result = scoreInstrument(
      instrument,
      new Map([
        ["1.a.Ak", 5],
        ["99.z.X", 3],
      ]),
    );
    expect(result.unknownCodes).toEqual(["99.z.X"]);
    expect(result.answeredScoredIndicators).toBe(1);
  });
});

describe("F-03 score: mean of respondent means (docs/domain.md §5)", () => {
  it("is null without respondents", () => {
    expect(f03Score([])).toEqual({ respondents: 0, score: null });
  });

  it("averages each respondent's mean over 14 items", () => {
    // A: 56/14 = 4; B: 43/14; mean = (56/14 + 43/14) / 2 = 99/28 = 3.5357142…
    const result = f03Score([ratingsSumming(56), ratingsSumming(43)], { itemCount: 14 });
    expect(result.respondents).toBe(2);
    expect(equals(result.score!, fromFraction(99, 28))).toBe(true);
  });

  it("weighs every respondent equally however many items they rated (mean of means, not pooled)", () => {
    // Respondent A rated 2 items (5, 5): mean 5. B rated 4 items (1, 1, 1, 1): mean 1.
    // Mean of means = (5 + 1) / 2 = 3; a pooled mean would be 14/6 = 2.33.
    const result = f03Score([
      [5, 5],
      [1, 1, 1, 1],
    ]);
    expectValue(result.score, "3");
  });

  it("computes a three-respondent vector with unequal means", () => {
    // (70/14 = 5) + (0/14 = 0) + (35/14 = 2.5) → mean 7.5 / 3 = 2.5
    const result = f03Score([ratingsSumming(70), ratingsSumming(0), ratingsSumming(35)], { itemCount: 14 });
    expectValue(result.score, "2.5");
    expect(result.respondents).toBe(3);
  });

  it("refuses ratings outside 0..5 or not integers", () => {
    for (const rating of [6, -1, 4.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expectDomainError(
        () =>
          f03Score([
            [5, 5],
            [3, rating],
          ]),
        "INVALID_RATING",
      );
    }
  });

  it("refuses an empty response and a wrong number of items", () => {
    expectDomainError(() => f03Score([[5], []]), "EMPTY_RESPONSE");
    expectDomainError(() => f03Score([ratingsSumming(20).slice(0, 13)], { itemCount: 14 }), "WRONG_ITEM_COUNT");
    expectDomainError(() => f03Score([[1]], { itemCount: 0 }), "INVALID_NUMBER");
  });
});

function respondents(count: number, ratingsTotal: number): number[][] {
  return Array.from({ length: count }, () => ratingsSumming(ratingsTotal));
}

describe("locus index (docs/domain.md §5)", () => {
  const f02 = parseDecimal("3.5242");
  // F-03 = 4.2 for 5k respondents: in every group of five, one respondent rates all 14 items 5
  // (mean 5) and four rate them 4 (mean 4): (5 + 4·4) / 5 = 4.2.
  function f03At42(count: number): number[][] {
    return Array.from({ length: count }, (_, i) => ratingsSumming(i % 5 === 0 ? 70 : 56));
  }

  it("uses 75 / 25 with at least 10 respondents", () => {
    // F-03 = 4.2 with 10 respondents (2 × 5, 8 × 4 → 42/10).
    // Index = 0.75 · 3.5242 + 0.25 · 4.2 = 2.64315 + 1.05 = 3.69315 → "3.69", B.
    const f03 = f03Score(f03At42(10));
    expectValue(f03.score, "4.2");
    const result = locusIndex({ f02, f03 });
    expect(result.f03Included).toBe(true);
    expectValue(result.index, "3.69315");
    expect(classify(result.index)).toMatchObject({ published: "3.69", grade: "B" });
  });

  it("falls back to F-02 alone with 9 respondents, and says so", () => {
    const result = locusIndex({ f02, f03: f03Score(respondents(9, 70)) });
    expect(result).toEqual({ index: f02, f03Included: false, reason: "F03_BELOW_MINIMUM" });
  });

  it("falls back to F-02 alone with no respondents", () => {
    const result = locusIndex({ f02, f03: f03Score([]) });
    expect(result).toEqual({ index: f02, f03Included: false, reason: "F03_BELOW_MINIMUM" });
  });

  it("honours a settings change: 60 / 40 with a minimum of 5", () => {
    const settings: ScoringSettings = { f02SharePercent: 60, minSurveyRespondents: 5, institutionAggregation: "MEAN" };
    // 5 respondents (1 × 5, 4 × 4) → F-03 = 4.2. Index = 0.6 · 3.5242 + 0.4 · 4.2 = 2.11452 + 1.68 = 3.79452.
    const included = locusIndex({ f02, f03: f03Score(f03At42(5)), settings });
    expect(included.f03Included).toBe(true);
    expectValue(included.index, "3.79452");
    // 4 respondents: below this minimum.
    const excluded = locusIndex({ f02, f03: f03Score(f03At42(4)), settings });
    expect(excluded).toEqual({ index: f02, f03Included: false, reason: "F03_BELOW_MINIMUM" });
    // The same 5 respondents under the default minimum of 10 are not enough.
    expect(locusIndex({ f02, f03: f03Score(f03At42(5)) }).f03Included).toBe(false);
  });

  it("handles the extreme splits and a minimum of 0", () => {
    const f03 = f03Score(respondents(10, 0)); // all zero ratings: F-03 = 0
    const f02Only = { f02SharePercent: 100, minSurveyRespondents: 10, institutionAggregation: "MEAN" } as const;
    expectValue(locusIndex({ f02, f03, settings: f02Only }).index, "3.5242");
    const f03Only = { f02SharePercent: 0, minSurveyRespondents: 10, institutionAggregation: "MEAN" } as const;
    expectValue(locusIndex({ f02, f03, settings: f03Only }).index, "0");
    const noMinimum = { f02SharePercent: 75, minSurveyRespondents: 0, institutionAggregation: "MEAN" } as const;
    expect(locusIndex({ f02, f03: f03Score([]), settings: noMinimum })).toEqual({
      index: f02,
      f03Included: false,
      reason: "F03_NO_RESPONSES",
    });
    // One respondent suffices with a minimum of 0: 0.75 · 3.5242 + 0.25 · 5 = 3.89315
    expectValue(locusIndex({ f02, f03: f03Score(respondents(1, 70)), settings: noMinimum }).index, "3.89315");
  });

  it("refuses invalid settings", () => {
    const f03 = f03Score(respondents(10, 70));
    const bad: unknown[] = [
      { ...DEFAULT_SCORING_SETTINGS, f02SharePercent: 101 },
      { ...DEFAULT_SCORING_SETTINGS, f02SharePercent: -1 },
      { ...DEFAULT_SCORING_SETTINGS, f02SharePercent: 75.5 },
      { ...DEFAULT_SCORING_SETTINGS, minSurveyRespondents: -1 },
      { ...DEFAULT_SCORING_SETTINGS, minSurveyRespondents: 2.5 },
      { ...DEFAULT_SCORING_SETTINGS, institutionAggregation: "MEDIAN" },
    ];
    for (const settings of bad) {
      expectDomainError(() => locusIndex({ f02, f03, settings: settings as ScoringSettings }), "INVALID_SETTINGS");
    }
  });

  it("refuses an inconsistent F-03 result", () => {
    expectDomainError(() => locusIndex({ f02, f03: { respondents: 3, score: null } }), "INCONSISTENT_F03");
    expectDomainError(() => locusIndex({ f02, f03: { respondents: 0, score: fromInteger(4) } }), "INCONSISTENT_F03");
    expectDomainError(() => locusIndex({ f02, f03: { respondents: -1, score: null } }), "INCONSISTENT_F03");
  });
});

describe("scoring settings validation", () => {
  it("accepts the defaults (75 / 25, minimum 10, mean)", () => {
    expect(DEFAULT_SCORING_SETTINGS).toEqual({ f02SharePercent: 75, minSurveyRespondents: 10, institutionAggregation: "MEAN" });
    expect(validateScoringSettings(DEFAULT_SCORING_SETTINGS)).toEqual({ ok: true, settings: DEFAULT_SCORING_SETTINGS });
  });

  it("reports every problem in Bahasa Indonesia", () => {
    const result = validateScoringSettings({ f02SharePercent: 120, minSurveyRespondents: 1.5, institutionAggregation: "MAX" });
    expect(result).toEqual({
      ok: false,
      problems: [
        "Porsi F-02 tidak boleh lebih dari 100 persen.",
        "Jumlah minimum responden F-03 harus bilangan bulat.",
        "Agregasi indeks instansi yang dikenal hanya MEAN (rata-rata).",
      ],
    });
    const missing = validateScoringSettings({});
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.problems).toHaveLength(3);
  });
});

describe("institution index and gap", () => {
  it("is the mean of the locus indices", () => {
    // (3.69315 + 4.2 + 3.5242) / 3 = 11.41735 / 3 = 3.80578333…
    const value = institutionIndex([parseDecimal("3.69315"), parseDecimal("4.2"), parseDecimal("3.5242")]);
    expect(equals(value!, fromFraction(1_141_735, 300_000))).toBe(true);
    expect(classify(value!).published).toBe("3.81");
  });

  it("is null for an institution without loci", () => {
    expect(institutionIndex([])).toBeNull();
  });

  it("gap is verified minus self", () => {
    expectValue(gap(parseDecimal("4.10"), parseDecimal("3.5242")), "-0.5758");
    expectValue(gap(parseDecimal("3"), parseDecimal("3.25")), "0.25");
    expectValue(gap(parseDecimal("3"), parseDecimal("3")), "0");
  });

  it("gap between a self-assessment and its verification with the same formula", () => {
    // Self: all level 5 → 5. Verified: MIXED → 3.5242. Gap = −1.4758.
    const self = f02Score(instrument, uniform(5)).total;
    const verified = f02Score(instrument, MIXED).total;
    expectValue(gap(self, verified), "-1.4758");
  });
});
