import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateInstrument, type InstrumentDefinition } from "@/lib/domain/instrument";
import { equals, fromFraction } from "@/lib/domain/rational";
import { computeLocusResult } from "@/lib/domain/scoring";
import { refF02Times10000 } from "./support/reference-scoring";

/**
 * The engine carries an instrument with other aspects and weights (issue 7): the vulnerable-group
 * facility evaluation (Ramah Kelompok Rentan, docs/domain.md §6: Pemenuhan 40, Kualitas 50, Pendukung 10).
 */
const file = new URL("../../prisma/instruments/ramah-kelompok-rentan-2025.json", import.meta.url);
const raw: unknown = JSON.parse(readFileSync(file, "utf8"));

function instrument(): InstrumentDefinition {
  const result = validateInstrument(raw);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("\n"));
  return result.instrument;
}

const settings = { f02SharePercent: 75, minSurveyRespondents: 10, institutionAggregation: "MEAN" as const };

describe("the Ramah Kelompok Rentan instrument", () => {
  it("is accepted by the instrument validator", () => {
    expect(validateInstrument(raw)).toMatchObject({ ok: true });
  });

  it("has the aspects and weights of the guideline, and one fulfilment indicator per item of the 14-item list of 18.c.K", () => {
    const rkr = instrument();
    expect(rkr.aspects.map((a) => [a.code, a.name, a.weight])).toEqual([
      ["P", "Pemenuhan Sarana Prasarana", 40],
      ["K", "Kualitas Sarana Prasarana", 50],
      ["D", "Pendukung", 10],
    ]);
    expect(rkr.aspects[0]!.indicators).toHaveLength(14);
    expect(rkr.aspects[0]!.indicators.map((i) => i.name)).toEqual(
      expect.arrayContaining(["Kursi Roda", "Ruang Laktasi", "Ubin Pemandu (Guiding Block)", "Petugas Pendamping dan Penerjemah"]),
    );
    for (const indicator of rkr.aspects.flatMap((a) => a.indicators)) expect(indicator.levels.map((l) => l.level)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("shares no indicator code with the code A instrument, so answers can never be confused", () => {
    const a = JSON.parse(readFileSync(new URL("../../prisma/instruments/pekppp-a-2025.json", import.meta.url), "utf8")) as InstrumentDefinition;
    const codesA = new Set(a.aspects.flatMap((x) => x.indicators.map((i) => i.code)));
    expect(
      instrument()
        .aspects.flatMap((x) => x.indicators.map((i) => i.code))
        .filter((c) => codesA.has(c)),
    ).toEqual([]);
  });

  it("scores a locus with the scoring module: 0.40 × 4 + 0.50 × 2.50 + 0.10 × 2.60 = 3.11 exactly", () => {
    const rkr = instrument();
    const levels = new Map<string, number>();
    for (const indicator of rkr.aspects[0]!.indicators) levels.set(indicator.code, 4);
    // Kualitas: 25×3 + 20×2 + 15×5 + 20×1 + 10×0 + 10×4 = 250 → 2.50
    for (const [i, level] of [3, 2, 5, 1, 0, 4].entries()) levels.set(rkr.aspects[1]!.indicators[i]!.code, level);
    // Pendukung: 40×5 + 30×0 + 30×2 = 260 → 2.60
    for (const [i, level] of [5, 0, 2].entries()) levels.set(rkr.aspects[2]!.indicators[i]!.code, level);

    const alone = computeLocusResult(rkr, levels, [], settings);
    expect(alone.f02.aspects.map((a) => a.code)).toEqual(["P", "K", "D"]);
    expect(equals(alone.f02.aspects[1]!.score, fromFraction(250, 100))).toBe(true);
    expect(equals(alone.f02.total, fromFraction(311, 100))).toBe(true);
    expect(alone.index.f03Included).toBe(false);
    expect(alone.classification).toMatchObject({ published: "3.11", grade: "B-" });

    // With ten respondents rating every one of its five survey items 4: 0.75 × 3.11 + 0.25 × 4 = 3.3325.
    const responses = Array.from({ length: 10 }, () => rkr.surveyItems.map(() => 4));
    const withSurvey = computeLocusResult(rkr, levels, responses, settings);
    expect(equals(withSurvey.index.index, fromFraction(33_325, 10_000))).toBe(true);
    expect(withSurvey.classification).toMatchObject({ published: "3.33", grade: "B-" });
  });

  it("agrees with the independent reference for any levels (property)", () => {
    const rkr = instrument();
    const codes = rkr.aspects.flatMap((a) => a.indicators.map((i) => i.code));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: codes.length, maxLength: codes.length }), (chosen) => {
        const levels = new Map(codes.map((code, i) => [code, chosen[i]!]));
        const result = computeLocusResult(rkr, levels, [], settings);
        expect(equals(result.f02.total, fromFraction(refF02Times10000(rkr.aspects, levels), 10_000n))).toBe(true);
      }),
    );
  });
});
