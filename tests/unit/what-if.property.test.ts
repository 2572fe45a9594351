import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classify } from "@/lib/domain/grades";
import { validateInstrument } from "@/lib/domain/instrument";
import { type InstrumentDefinition, scoringInstrumentOf } from "@/lib/domain/instrument/types";
import { compare, equals, type Rational, sub } from "@/lib/domain/rational";
import { computeLocusResult, f03Score, institutionIndex, type ScoringSettings } from "@/lib/domain/scoring";
import {
  applySteps,
  f03FromWire,
  f03ToWire,
  type InstitutionLocus,
  institutionStepsToNextGrade,
  type Levels,
  type LocusModel,
  nextBand,
  plannableIndicators,
  projectInstitution,
  projectLocus,
  stepEffects,
  stepsToNextGrade,
} from "@/lib/domain/what-if";
import { answersArbitrary, partition, responsesArbitrary, validInstrumentArbitrary } from "./support/instrument-arbitrary";
import { readRealInstrumentJson } from "./support/real-instrument";

// The what-if planner (issue 18): every projection is the scoring module's result on the projected
// levels, and the "smallest set of steps to the next grade" is minimal, checked against brute force.

const real = validateInstrument(readRealInstrumentJson());
if (!real.ok) throw new Error("the real instrument must validate");
const realInstrument = real.instrument;

const settingsArb: fc.Arbitrary<ScoringSettings> = fc.record({
  f02SharePercent: fc.integer({ min: 0, max: 100 }),
  minSurveyRespondents: fc.integer({ min: 0, max: 12 }),
  institutionAggregation: fc.constant("MEAN" as const),
});

const levelsOf = (answers: ReadonlyMap<string, number>): Levels => Object.fromEntries(answers);

/** A locus on an instrument: its levels, its F-03 responses and the cycle's settings. */
function locusArb(instrumentArb: fc.Arbitrary<InstrumentDefinition>, maxRespondents = 14) {
  return instrumentArb.chain((instrument) =>
    fc.record({
      instrument: fc.constant(instrument),
      answers: answersArbitrary(instrument),
      responses: responsesArbitrary(instrument.surveyItems.length, maxRespondents),
      settings: settingsArb,
    }),
  );
}

function modelOf({
  instrument,
  answers,
  responses,
  settings,
}: {
  instrument: InstrumentDefinition;
  answers: Map<string, number>;
  responses: number[][];
  settings: ScoringSettings;
}): LocusModel {
  return { instrument, settings, levels: levelsOf(answers), f03: f03Score(responses, { itemCount: instrument.surveyItems.length }) };
}

/** Small instruments for brute force: 1–2 aspects of 1–2 scored indicators, sometimes a weight-0 one. */
const smallInstrumentArb: fc.Arbitrary<InstrumentDefinition> = fc
  .integer({ min: 1, max: 2 })
  .chain((aspectCount) =>
    fc.tuple(
      partition(aspectCount),
      fc.array(
        fc.integer({ min: 1, max: 2 }).chain((count) => fc.tuple(partition(count), fc.boolean())),
        { minLength: aspectCount, maxLength: aspectCount },
      ),
      fc.integer({ min: 1, max: 3 }),
    ),
  )
  .map(([aspectWeights, aspectIndicators, surveyCount]) => ({
    code: "KECIL",
    version: "1",
    name: "Instrumen kecil",
    description: "",
    aspects: aspectWeights.map((weight, a) => {
      const [weights, withUnscored] = aspectIndicators[a]!;
      const indicators = [...weights.map((w, i) => ({ code: `${i + 1}.${a}`, w })), ...(withUnscored ? [{ code: `Q.${a}`, w: 0 }] : [])].map(({ code, w }) => ({
        code,
        name: code,
        question: `${code}?`,
        weight: w,
        evidenceHint: "",
        levels: [0, 1, 2, 3, 4, 5].map((level) => ({ level, description: `${code} ${level}` })),
      }));
      return { code: `A${a}`, name: `Aspek ${a}`, weight, indicators };
    }),
    surveyItems: Array.from({ length: surveyCount }, (_, i) => ({ code: `U${i}`, text: `Butir ${i}` })),
  }));

/** Every way to raise the given indicators (each from its level up to 5 or not at all). */
function* raises(codes: readonly string[], from: Levels): Generator<number[]> {
  const current = codes.map((code) => from[code] ?? 0);
  const vector = [...current];
  function* walk(i: number): Generator<number[]> {
    if (i === codes.length) {
      yield vector.map((level, k) => level - current[k]!);
      return;
    }
    for (let level = current[i]!; level <= 5; level += 1) {
      vector[i] = level;
      yield* walk(i + 1);
    }
    vector[i] = current[i]!;
  }
  yield* walk(0);
}

/** Compares increment vectors so that more steps on earlier indicators come first (the planner's last tie-break). */
function lexicographicallyGreater(a: readonly number[], b: readonly number[]) {
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
}

interface Best {
  steps: number;
  index: Rational;
  increments: number[];
}

/** Of the candidate plans that reach the target, the fewest steps, then the largest index, then the earliest indicators. */
function better(candidate: Best, best: Best | null) {
  if (!best || candidate.steps < best.steps) return true;
  if (candidate.steps > best.steps) return false;
  const byIndex = compare(candidate.index, best.index);
  return byIndex > 0 || (byIndex === 0 && lexicographicallyGreater(candidate.increments, best.increments));
}

// Property runs on a loaded machine take seconds: a generous limit, no timing assertion.
describe("the what-if planner of a locus", { timeout: 60_000 }, () => {
  it("projects exactly what the scoring module computes on the projected levels, for any levels chosen", () => {
    fc.assert(
      fc.property(
        locusArb(fc.oneof(fc.constant(realInstrument), validInstrumentArbitrary)),
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 40 }),
        (locus, chosen) => {
          const model = modelOf(locus);
          const codes = plannableIndicators(locus.instrument).map((i) => i.code);
          const target: Record<string, number> = { ...model.levels };
          chosen.forEach((level, i) => {
            if (codes.length > 0) target[codes[i % codes.length]!] = level;
          });
          const projected = projectLocus(model, target);
          const expected = computeLocusResult(locus.instrument, target, locus.responses, locus.settings);
          expect(equals(projected.f02, expected.f02.total)).toBe(true);
          expect(equals(projected.index.index, expected.index.index)).toBe(true);
          expect(projected.classification).toEqual(expected.classification);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("gives each one-level step's exact effect, as the scoring module computes it, largest first", () => {
    fc.assert(
      fc.property(locusArb(fc.oneof(fc.constant(realInstrument), validInstrumentArbitrary)), (locus) => {
        const model = modelOf(locus);
        const base = computeLocusResult(locus.instrument, model.levels, locus.responses, locus.settings);
        const effects = stepEffects(model);
        for (const effect of effects) {
          const after = computeLocusResult(locus.instrument, { ...model.levels, [effect.code]: effect.to }, locus.responses, locus.settings);
          expect(effect.from).toBe(model.levels[effect.code] ?? 0);
          expect(effect.to).toBe(effect.from + 1);
          expect(equals(effect.projected.index.index, after.index.index)).toBe(true);
          expect(effect.projected.classification).toEqual(after.classification);
          expect(equals(effect.f02Delta, sub(after.f02.total, base.f02.total))).toBe(true);
          expect(equals(effect.indexDelta, sub(after.index.index, base.index.index))).toBe(true);
        }
        for (let i = 1; i < effects.length; i += 1) expect(compare(effects[i - 1]!.indexDelta, effects[i]!.indexDelta)).toBeGreaterThanOrEqual(0);
        // Every scored indicator below 5 whose step changes the index is listed.
        const listed = new Set(effects.map((e) => e.code));
        for (const { code } of plannableIndicators(locus.instrument)) {
          const from = model.levels[code] ?? 0;
          if (from >= 5) continue;
          const after = computeLocusResult(locus.instrument, { ...model.levels, [code]: from + 1 }, locus.responses, locus.settings);
          expect(listed.has(code)).toBe(!equals(after.index.index, base.index.index));
        }
      }),
      { numRuns: 40 },
    );
  });

  it("finds the smallest set of steps to the next grade (fewest steps, then the largest index, then the instrument's order), as brute force does", () => {
    let plans = 0;
    fc.assert(
      fc.property(locusArb(smallInstrumentArb, 12), (locus) => {
        const model = modelOf(locus);
        const plan = stepsToNextGrade(model);
        const start = computeLocusResult(locus.instrument, model.levels, locus.responses, locus.settings);
        const target = nextBand(start.classification.hundredths);
        if (!target) {
          expect(plan).toEqual({ kind: "TOP_GRADE" });
          return;
        }
        const codes = plannableIndicators(locus.instrument).map((i) => i.code);
        let best: Best | null = null;
        for (const increments of raises(codes, model.levels)) {
          const levels = { ...model.levels };
          codes.forEach((code, i) => {
            levels[code] = (model.levels[code] ?? 0) + increments[i]!;
          });
          const result = computeLocusResult(locus.instrument, levels, locus.responses, locus.settings);
          if (result.classification.hundredths < target.minHundredths) continue;
          const candidate = { steps: increments.reduce((a, b) => a + b, 0), index: result.index.index, increments };
          if (better(candidate, best)) best = candidate;
        }
        if (!best) {
          expect(plan).toEqual({ kind: "UNREACHABLE", target });
          return;
        }
        if (plan.kind !== "PLAN") throw new Error(`expected a plan, got ${plan.kind}`);
        expect(plan.stepCount).toBe(best.steps);
        expect(plan.steps.reduce((n, step) => n + step.to - step.from, 0)).toBe(best.steps);
        expect(equals(plan.index, best.index)).toBe(true);
        const planned = applySteps(model.levels, plan.steps);
        expect(codes.map((code) => (planned[code] ?? 0) - (model.levels[code] ?? 0))).toEqual(best.increments);
        // The plan's index and grade are the scoring module's on the planned levels.
        const result = computeLocusResult(locus.instrument, planned, locus.responses, locus.settings);
        expect(equals(plan.index, result.index.index)).toBe(true);
        expect(plan.grade).toBe(result.classification.grade);
        expect(plan.hundredths).toBeGreaterThanOrEqual(target.minHundredths);
        plans += 1;
      }),
      { numRuns: 200 },
    );
    // Most random loci have a next grade in reach: the comparison is not vacuous.
    expect(plans).toBeGreaterThan(60);
  });

  it("carries F-03 to the browser exactly", () => {
    fc.assert(
      fc.property(responsesArbitrary(3, 20), (responses) => {
        const f03 = f03Score(responses, { itemCount: 3 });
        const back = f03FromWire(JSON.parse(JSON.stringify(f03ToWire(f03))));
        expect(back.respondents).toBe(f03.respondents);
        if (f03.score === null) expect(back.score).toBeNull();
        else expect(equals(back.score!, f03.score)).toBe(true);
      }),
    );
  });

  it("carries the instrument to the browser reduced to what scoring reads, projecting the same as the whole instrument", () => {
    fc.assert(
      fc.property(locusArb(fc.oneof(fc.constant(realInstrument), validInstrumentArbitrary)), (locus) => {
        const whole = modelOf(locus);
        const reduced = { ...whole, instrument: scoringInstrumentOf(JSON.parse(JSON.stringify(whole.instrument))) };
        const wire = JSON.parse(JSON.stringify(reduced.instrument));
        const [a, b] = [projectLocus(whole), projectLocus({ ...reduced, instrument: wire })];
        expect(equals(a.f02, b.f02) && equals(a.index.index, b.index.index)).toBe(true);
        expect(stepEffects(reduced).map((e) => e.code)).toEqual(stepEffects(whole).map((e) => e.code));
      }),
    );
    // The rubric texts, questions and evidence hints stay on the server: a tenth of the size.
    const reduced = JSON.stringify(scoringInstrumentOf(realInstrument));
    expect(reduced).not.toContain(realInstrument.aspects[0]!.indicators[0]!.levels[1]!.description);
    expect(reduced).not.toContain(realInstrument.aspects[0]!.indicators[0]!.question);
    expect(reduced.length).toBeLessThan(JSON.stringify(realInstrument).length / 10);
  });
});

describe("the what-if planner of an institution (the mean of its loci, docs/domain.md §5.6)", { timeout: 60_000 }, () => {
  const institutionArb = fc.integer({ min: 1, max: 3 }).chain((count) =>
    fc.tuple(smallInstrumentArb, settingsArb).chain(([instrument, settings]) =>
      fc.array(
        fc
          .record({ answers: answersArbitrary(instrument), responses: responsesArbitrary(instrument.surveyItems.length, 12) })
          .map(({ answers, responses }) => ({ instrument, settings, responses, answers })),
        { minLength: count, maxLength: count },
      ),
    ),
  );
  const lociOf = (
    loci: { instrument: InstrumentDefinition; settings: ScoringSettings; responses: number[][]; answers: Map<string, number> }[],
  ): InstitutionLocus[] => loci.map((locus, i) => ({ id: `L${i}`, ...modelOf(locus) }));

  it("projects the institution index as the mean of the scoring module's locus indices", () => {
    fc.assert(
      fc.property(institutionArb, (raw) => {
        const loci = lociOf(raw);
        const projection = projectInstitution(loci);
        const indices = raw.map((locus) => computeLocusResult(locus.instrument, levelsOf(locus.answers), locus.responses, locus.settings).index.index);
        const expected = institutionIndex(indices, raw[0]!.settings)!;
        expect(equals(projection.index!, expected)).toBe(true);
        expect(projection.classification).toEqual(classify(expected));
      }),
      { numRuns: 100 },
    );
  });

  it("finds the fewest steps over all loci to the institution's next grade, as brute force does (two small loci)", () => {
    const twoLoci = institutionArb.filter((loci) => loci.length <= 2 && plannableIndicators(loci[0]!.instrument).length <= 2);
    fc.assert(
      fc.property(twoLoci, (raw) => {
        const loci = lociOf(raw);
        const plan = institutionStepsToNextGrade(loci);
        const start = projectInstitution(loci);
        const target = nextBand(start.classification!.hundredths);
        if (!target) {
          expect(plan).toEqual({ kind: "TOP_GRADE" });
          return;
        }
        const slots = loci.flatMap((locus) => plannableIndicators(locus.instrument).map((i) => ({ id: locus.id, code: i.code })));
        const from: Record<string, number> = Object.fromEntries(slots.map((s) => [`${s.id}/${s.code}`, loci.find((l) => l.id === s.id)!.levels[s.code] ?? 0]));
        let best: Best | null = null;
        for (const increments of raises(Object.keys(from), from)) {
          const levels: Record<string, Record<string, number>> = Object.fromEntries(loci.map((l) => [l.id, { ...l.levels }]));
          slots.forEach((slot, i) => {
            levels[slot.id]![slot.code] = from[`${slot.id}/${slot.code}`]! + increments[i]!;
          });
          const indices = raw.map((locus, i) => computeLocusResult(locus.instrument, levels[`L${i}`]!, locus.responses, locus.settings).index.index);
          const index = institutionIndex(indices, raw[0]!.settings)!;
          if (classify(index).hundredths < target.minHundredths) continue;
          const candidate = { steps: increments.reduce((a, b) => a + b, 0), index, increments };
          if (better(candidate, best)) best = candidate;
        }
        if (!best) {
          expect(plan).toEqual({ kind: "UNREACHABLE", target });
          return;
        }
        if (plan.kind !== "PLAN") throw new Error(`expected a plan, got ${plan.kind}`);
        expect(plan.stepCount).toBe(best.steps);
        expect(equals(plan.index, best.index)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe("the what-if planner on the real instrument (docs/domain.md §5.10)", () => {
  const allAt = (level: number) => Object.fromEntries(plannableIndicators(realInstrument).map((i) => [i.code, level]));
  // Ten respondents: five give 5 to every item, five give 4: F-03 = 9/2.
  const responses = [...Array.from({ length: 5 }, () => Array(14).fill(5)), ...Array.from({ length: 5 }, () => Array(14).fill(4))];
  const model: LocusModel = {
    instrument: realInstrument,
    settings: { f02SharePercent: 75, minSurveyRespondents: 10, institutionAggregation: "MEAN" },
    levels: allAt(4),
    f03: f03Score(responses, { itemCount: 14 }),
  };

  it("ranks the step on the heaviest indicator first: 14.b.K (aspect II 25 %, 30 % of it) adds 0.75 × 0.25 × 0.30 = 0.05625 to the index", () => {
    const [first] = stepEffects(model);
    expect(first).toMatchObject({ code: "14.b.K", from: 4, to: 5 });
    expect(first!.indexDelta.toString()).toBe("9/160");
    expect(first!.f02Delta.toString()).toBe("3/40");
  });

  it("from 4.13 (A-) reaches A with the fewest steps: 11 steps of the heaviest indicators (10 give 4.503, published 4.50)", () => {
    expect(projectLocus(model).classification).toMatchObject({ published: "4.13", grade: "A-" });
    const plan = stepsToNextGrade(model);
    if (plan.kind !== "PLAN") throw new Error(plan.kind);
    expect(plan.grade).toBe("A");
    expect(plan.stepCount).toBe(11);
    expect(plan.steps.map((step) => step.code)).toEqual([
      "14.b.K",
      "29.f.B",
      "30.f.B",
      "11.b.K",
      "12.b.Ak",
      "13.b.K",
      "16.c.As",
      "1.a.Ak",
      "6.a.B",
      "17.c.As",
      "18.c.K",
    ]);
    expect(projectLocus(model, applySteps(model.levels, plan.steps)).classification.grade).toBe("A");
    expect(plan.steps.every((step) => step.from === 4 && step.to === 5)).toBe(true);
    // One step fewer, whichever steps, stays below 4.51: the largest steps give the most.
    const fewer = applySteps(model.levels, plan.steps.slice(0, -1));
    expect(projectLocus(model, fewer).classification.grade).toBe("A-");
  });

  it("says when the top grade is reached, and when F-03 keeps the next grade out of reach", () => {
    expect(stepsToNextGrade({ ...model, levels: allAt(5) })).toEqual({ kind: "TOP_GRADE" });
    // F-03 at 0 with 10 respondents: even all 5s give 0.75 × 5 = 3.75 (B), so from B the next grade A- is out of reach.
    const low: LocusModel = {
      ...model,
      levels: allAt(5),
      f03: f03Score(
        Array.from({ length: 10 }, () => Array(14).fill(0)),
        { itemCount: 14 },
      ),
    };
    expect(projectLocus(low).classification.grade).toBe("B");
    expect(stepsToNextGrade(low)).toMatchObject({ kind: "UNREACHABLE", target: { grade: "A-" } });
  });
});
