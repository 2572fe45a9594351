import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aspectLoss, byLoss } from "@/lib/domain/results/aspect-loss";
import { add, equals, fromFraction, fromInteger, mul, parseDecimal, sub, toDecimalString, ZERO } from "@/lib/domain/rational";

describe("aspectLoss: (weight / 100) × (5 − score) (docs/domain.md §5.11)", () => {
  it("is zero for a perfect aspect and the whole weight × 5 for an aspect at zero", () => {
    expect(equals(aspectLoss(24, fromInteger(5)), ZERO)).toBe(true);
    expect(toDecimalString(aspectLoss(24, ZERO), 2)).toBe("1.20");
  });

  it("is exact: a 12 % aspect at 3.5 loses 0.18, a 17 % aspect at 4.25 loses 0.1275", () => {
    expect(equals(aspectLoss(12, parseDecimal("3.5")), fromFraction(18, 100))).toBe(true);
    expect(equals(aspectLoss(17, parseDecimal("4.25")), fromFraction(1275, 10_000))).toBe(true);
  });

  it("adds up to 5 − F-02 over any instrument whose weights add up to 100", () => {
    const aspects = fc.array(fc.tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 500 })), { minLength: 1, maxLength: 8 }).map((list) => {
      const total = list.reduce((s, [w]) => s + w, 0);
      // Scale the weights to 100 by putting the remainder on the last aspect.
      const scaled = list.map(([w, score], i) => ({ weight: i === list.length - 1 ? 0 : Math.floor((w * 100) / total), score: fromFraction(score, 100) }));
      scaled[scaled.length - 1]!.weight = 100 - scaled.slice(0, -1).reduce((s, a) => s + a.weight, 0);
      return scaled;
    });
    fc.assert(
      fc.property(aspects, (list) => {
        const f02 = list.reduce((s, a) => add(s, mul(fromFraction(a.weight, 100), a.score)), ZERO);
        const losses = list.reduce((s, a) => add(s, aspectLoss(a.weight, a.score)), ZERO);
        return equals(losses, sub(fromInteger(5), f02));
      }),
    );
  });
});

describe("byLoss", () => {
  it("orders by loss, largest first, on exact values, keeping the instrument's order for equal losses", () => {
    const list = [
      { code: "1", loss: fromFraction(1, 10) },
      { code: "2", loss: fromFraction(30, 100) },
      { code: "3", loss: fromFraction(3, 10) },
      { code: "4", loss: fromFraction(3001, 10_000) },
    ];
    expect(byLoss(list).map((a) => a.code)).toEqual(["4", "2", "3", "1"]);
    expect(list.map((a) => a.code)).toEqual(["1", "2", "3", "4"]);
  });
});
