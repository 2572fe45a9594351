import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareVerifiers, gapText, meanGap, type VerifierTotals, verifierTotals } from "@/lib/domain/calibration";

// Calibration analytics (issue 18, docs/domain.md §5.14): exact mean gaps, and a verifier that
// adjusts far more than the others stands out (leave-one-out z-score).

const verifier = (id: string, answers: number, adjustmentTotal: number): VerifierTotals => ({
  verifierId: id,
  answers,
  adjustmentTotal,
  lowered: 0,
  raised: 0,
  q1: 0,
  median: 0,
  q3: 0,
});

describe("calibration", () => {
  it("the mean gap is exact and published with two decimals, half up", () => {
    expect(gapText(meanGap({ answers: 8, gapTotal: 5 }))).toBe("0.63");
    expect(gapText(meanGap({ answers: 3, gapTotal: -1 }))).toBe("-0.33");
    expect(gapText(meanGap({ answers: 0, gapTotal: 0 }))).toBe("—");
  });

  it("marks the verifier that lowers far more than the others, and nobody among agreeing ones", () => {
    const rows = compareVerifiers([
      verifier("a", 100, -10),
      verifier("b", 100, -12),
      verifier("c", 100, -8),
      verifier("d", 100, -11),
      verifier("x", 100, -150),
    ]);
    expect(rows.filter((r) => r.outlier).map((r) => r.verifierId)).toEqual(["x"]);
    expect(rows.find((r) => r.verifierId === "x")!.z!).toBeLessThan(-2);
    // Fewer than two others, or others in exact agreement: no z at all.
    expect(compareVerifiers([verifier("a", 10, 1), verifier("b", 10, 5)]).every((r) => r.z === null)).toBe(true);
    expect(compareVerifiers([verifier("a", 10, 1), verifier("b", 10, 1), verifier("c", 10, 9)]).find((r) => r.verifierId === "c")!.z).toBeNull();
    expect(compareVerifiers([verifier("a", 0, 0)])).toEqual([]);
  });

  it("z-scores do not change when every verifier's adjustments shift by the same amount", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -200, max: 200 }), { minLength: 3, maxLength: 8 }), fc.integer({ min: -3, max: 3 }), (totals, shift) => {
        const base = compareVerifiers(totals.map((t, i) => verifier(String(i), 1, t)));
        const moved = compareVerifiers(totals.map((t, i) => verifier(String(i), 1, t + shift)));
        base.forEach((row, i) => {
          const other = moved[i]!;
          if (row.z === null) expect(other.z).toBeNull();
          else expect(other.z).toBeCloseTo(row.z, 6);
        });
      }),
    );
  });

  it("a verifier's totals from its answers counted per adjustment equal those of the answers one by one (quartiles as percentile_disc)", () => {
    // percentile_disc(p): the value at position ceil(p·n) (1-based) of the sorted values, the first for p·n = 0.
    const disc = (sorted: number[], p: number) => sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1];
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 60 }), (adjustments) => {
        const counts = new Map<number, number>();
        for (const a of adjustments) counts.set(a, (counts.get(a) ?? 0) + 1);
        const shuffled = [...counts].map(([adjustment, answers]) => ({ adjustment, answers })).reverse();
        const sorted = [...adjustments].sort((a, b) => a - b);
        expect(verifierTotals("v", shuffled)).toEqual({
          verifierId: "v",
          answers: adjustments.length,
          adjustmentTotal: adjustments.reduce((t, a) => t + a, 0),
          lowered: adjustments.filter((a) => a < 0).length,
          raised: adjustments.filter((a) => a > 0).length,
          q1: disc(sorted, 0.25),
          median: disc(sorted, 0.5),
          q3: disc(sorted, 0.75),
        });
      }),
    );
  });
});
