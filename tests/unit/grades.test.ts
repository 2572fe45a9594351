import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/domain/errors";
import { assertValidGradeBands, classify, formatHundredths, GRADE_BANDS, gradeBandProblems, type GradeBand } from "@/lib/domain/grades";
import { fromFraction, parseDecimal, Rational, roundHalfUpScaled } from "@/lib/domain/rational";

describe("classify at every band boundary (docs/domain.md §5)", () => {
  it.each([
    ["5.00", "5.00", "A", "Pelayanan Prima"],
    ["4.51", "4.51", "A", "Pelayanan Prima"],
    ["4.505", "4.51", "A", "Pelayanan Prima"],
    ["4.50", "4.50", "A-", "Sangat Baik"],
    ["4.5049999", "4.50", "A-", "Sangat Baik"],
    ["4.01", "4.01", "A-", "Sangat Baik"],
    ["4.005", "4.01", "A-", "Sangat Baik"],
    ["4.0049999", "4.00", "B", "Baik"],
    ["4.00", "4.00", "B", "Baik"],
    ["3.51", "3.51", "B", "Baik"],
    ["3.505", "3.51", "B", "Baik"],
    ["3.50", "3.50", "B-", "Baik dengan Catatan"],
    ["3.01", "3.01", "B-", "Baik dengan Catatan"],
    ["3.00", "3.00", "C", "Cukup"],
    ["2.51", "2.51", "C", "Cukup"],
    ["2.50", "2.50", "C-", "Cukup dengan Catatan"],
    ["2.01", "2.01", "C-", "Cukup dengan Catatan"],
    ["2.00", "2.00", "D", "Buruk"],
    ["1.51", "1.51", "D", "Buruk"],
    ["1.50", "1.50", "E", "Sangat Buruk"],
    ["1.01", "1.01", "E", "Sangat Buruk"],
    ["1.005", "1.01", "E", "Sangat Buruk"],
    ["1.0049999", "1.00", "F", "Gagal"],
    ["1.00", "1.00", "F", "Gagal"],
    ["0.00", "0.00", "F", "Gagal"],
    ["5.004", "5.00", "A", "Pelayanan Prima"],
  ] as const)("%s publishes as %s, grade %s (%s)", (input, published, grade, label) => {
    const result = classify(parseDecimal(input));
    expect(result).toEqual({ published, hundredths: Number(published.replace(".", "")), grade, label });
  });

  it.each([
    ["4.92", "A"],
    ["4.56", "A"],
    ["4.48", "A-"],
    ["4.03", "A-"],
    ["4.00", "B"],
    ["3.58", "B"],
    ["2.18", "C-"],
  ] as const)("public example %s is grade %s", (input, grade) => {
    expect(classify(parseDecimal(input)).grade).toBe(grade);
  });

  it("classifies exact fractions by their rounded value", () => {
    // 451/100 - 1/300 = 1352/300 = 4.50666… → 4.51 → A
    expect(classify(fromFraction(1352, 300)).grade).toBe("A");
    // 4.5 exactly is A-, however it is written
    expect(classify(fromFraction(9, 2)).grade).toBe("A-");
  });

  it("refuses values that round outside 0.00–5.00", () => {
    for (const input of ["5.005", "6", "-0.005", "-1"]) {
      expect(() => classify(parseDecimal(input))).toThrow(DomainError);
    }
    // -0.004 rounds to 0.00, which is a published value (F).
    expect(classify(parseDecimal("-0.004")).published).toBe("0.00");
  });
});

describe("the published grade table", () => {
  it("is sound: contiguous over 0.00–5.00, no overlap, labels present", () => {
    expect(gradeBandProblems(GRADE_BANDS)).toEqual([]);
    expect(() => assertValidGradeBands(GRADE_BANDS)).not.toThrow();
    expect(GRADE_BANDS.map((band) => band.grade)).toEqual(["A", "A-", "B", "B-", "C", "C-", "D", "E", "F"]);
  });

  it("is frozen data", () => {
    expect(Object.isFrozen(GRADE_BANDS)).toBe(true);
    expect(Object.isFrozen(GRADE_BANDS[0])).toBe(true);
  });

  it("puts every rational in [0, 5] in exactly one band", () => {
    const inRange = fc
      .bigInt({ min: 1n, max: 10n ** 9n })
      .chain((den) => fc.tuple(fc.bigInt({ min: 0n, max: 5n * den }), fc.constant(den)))
      .map(([num, den]) => Rational.of(num, den));
    fc.assert(
      fc.property(inRange, (value) => {
        const hundredths = Number(roundHalfUpScaled(value, 2));
        const containing = GRADE_BANDS.filter((band) => band.minHundredths <= hundredths && hundredths <= band.maxHundredths);
        expect(containing).toHaveLength(1);
        expect(classify(value).grade).toBe(containing[0]!.grade);
      }),
    );
  });

  it("grades every published value 0.00–5.00 and never a higher value with a worse grade", () => {
    const order = GRADE_BANDS.map((band) => band.grade).reverse(); // worst first
    let previous = -1;
    for (let hundredths = 0; hundredths <= 500; hundredths += 1) {
      const result = classify(Rational.of(BigInt(hundredths), 100n));
      expect(result.hundredths).toBe(hundredths);
      expect(result.published).toBe(formatHundredths(hundredths));
      const position = order.indexOf(result.grade);
      expect(position).toBeGreaterThanOrEqual(previous);
      previous = position;
    }
  });
});

describe("a configurable grade table", () => {
  const passFail: GradeBand[] = [
    { grade: "A", label: "Lulus", minHundredths: 300, maxHundredths: 500 },
    { grade: "F", label: "Tidak Lulus", minHundredths: 0, maxHundredths: 299 },
  ];

  it("is honoured when passed as an argument", () => {
    expect(classify(parseDecimal("2.995"), passFail)).toEqual({
      published: "3.00",
      hundredths: 300,
      grade: "A",
      label: "Lulus",
    });
    expect(classify(parseDecimal("2.9949"), passFail).label).toBe("Tidak Lulus");
  });

  it("is refused when it leaves a gap, overlaps, or overflows", () => {
    const gap: GradeBand[] = [
      { grade: "A", label: "Atas", minHundredths: 301, maxHundredths: 500 },
      { grade: "F", label: "Bawah", minHundredths: 0, maxHundredths: 299 },
    ];
    expect(gradeBandProblems(gap)).toEqual(["Nilai 3.00 tidak masuk predikat mana pun."]);
    expect(() => classify(parseDecimal("4"), gap)).toThrow(DomainError);

    const overlap: GradeBand[] = [
      { grade: "A", label: "Atas", minHundredths: 250, maxHundredths: 500 },
      { grade: "F", label: "Bawah", minHundredths: 0, maxHundredths: 299 },
    ];
    expect(gradeBandProblems(overlap)).toEqual(["Predikat A tumpang tindih dengan predikat sebelumnya."]);

    const short: GradeBand[] = [{ grade: "F", label: "Semua", minHundredths: 0, maxHundredths: 450 }];
    expect(gradeBandProblems(short)).toEqual(["Nilai 4.51–5.00 tidak masuk predikat mana pun."]);

    const over: GradeBand[] = [{ grade: "F", label: "Semua", minHundredths: 0, maxHundredths: 600 }];
    expect(gradeBandProblems(over)).toEqual(["Tabel predikat melampaui 5.00."]);

    const inverted: GradeBand[] = [{ grade: "F", label: "", minHundredths: 500, maxHundredths: 0 }];
    expect(gradeBandProblems(inverted)).toEqual(["Batas bawah predikat F melebihi batas atasnya.", "Label predikat F kosong."]);

    const fractional: GradeBand[] = [{ grade: "F", label: "Semua", minHundredths: 0, maxHundredths: 500.5 }];
    expect(gradeBandProblems(fractional)).toEqual(["Batas predikat F harus bilangan bulat (perseratus)."]);
    try {
      assertValidGradeBands(fractional);
      throw new Error("expected a refusal");
    } catch (error) {
      expect((error as DomainError).code).toBe("INVALID_GRADE_BANDS");
    }
  });
});
