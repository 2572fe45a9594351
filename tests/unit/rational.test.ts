import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/domain/errors";
import {
  add,
  compare,
  div,
  equals,
  formatScaled,
  fromFraction,
  fromInteger,
  isZero,
  mean,
  mul,
  negate,
  ONE,
  parseDecimal,
  Rational,
  roundHalfUp,
  roundHalfUpScaled,
  sub,
  sum,
  toDecimalString,
  toNumberApprox,
  toTruncatedString,
  ZERO,
} from "@/lib/domain/rational";

const nonZeroBig = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).filter((value) => value !== 0n);
const rationalArb = fc.tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), nonZeroBig).map(([n, d]) => Rational.of(n, d));
const nonZeroRationalArb = rationalArb.filter((value) => !isZero(value));

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function expectDomainError(run: () => unknown, code: string): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    return;
  }
  throw new Error(`expected a DomainError ${code}`);
}

describe("Rational normalisation", () => {
  it("reduces by the gcd and keeps the sign on the numerator", () => {
    const value = Rational.of(6n, -4n);
    expect(value.numerator).toBe(-3n);
    expect(value.denominator).toBe(2n);
    expect(Rational.of(-6n, -4n).numerator).toBe(3n);
  });

  it("writes zero as 0/1 whatever the denominator", () => {
    const value = Rational.of(0n, -17n);
    expect(value.numerator).toBe(0n);
    expect(value.denominator).toBe(1n);
    expect(equals(value, ZERO)).toBe(true);
  });

  it("is immutable", () => {
    const value = fromFraction(1, 3);
    expect(Object.isFrozen(value)).toBe(true);
    expect(() => {
      (value as unknown as { numerator: bigint }).numerator = 5n;
    }).toThrow(TypeError);
  });

  it("always yields a positive denominator coprime with the numerator", () => {
    fc.assert(
      fc.property(fc.bigInt(), nonZeroBig, (n, d) => {
        const value = Rational.of(n, d);
        expect(value.denominator > 0n).toBe(true);
        expect(gcd(value.numerator, value.denominator)).toBe(1n);
        // Same value as n/d.
        expect(value.numerator * d).toBe(n * value.denominator);
      }),
    );
  });

  it("gives equal values identical fields: k·n / k·d equals n/d", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }), nonZeroBig, nonZeroBig, (n, d, k) => {
        expect(equals(Rational.of(k * n, k * d), Rational.of(n, d))).toBe(true);
      }),
    );
  });

  it("refuses a zero denominator and non-integer numbers", () => {
    expectDomainError(() => Rational.of(1n, 0n), "DIVISION_BY_ZERO");
    expectDomainError(() => fromFraction(1, 0), "DIVISION_BY_ZERO");
    expectDomainError(() => fromInteger(1.5), "INVALID_NUMBER");
    expectDomainError(() => fromInteger(Number.NaN), "INVALID_NUMBER");
    expectDomainError(() => fromInteger(2 ** 53), "INVALID_NUMBER");
    expectDomainError(() => fromFraction(1, 0.5), "INVALID_NUMBER");
    expect(equals(fromInteger(7n), fromInteger(7))).toBe(true);
  });

  it("prints n/d for debugging", () => {
    expect(fromFraction(-2, 4).toString()).toBe("-1/2");
    expect(fromInteger(3).toString()).toBe("3");
  });
});

describe("Rational arithmetic laws", () => {
  it("addition and multiplication are commutative and associative", () => {
    fc.assert(
      fc.property(rationalArb, rationalArb, rationalArb, (a, b, c) => {
        expect(equals(add(a, b), add(b, a))).toBe(true);
        expect(equals(mul(a, b), mul(b, a))).toBe(true);
        expect(equals(add(add(a, b), c), add(a, add(b, c)))).toBe(true);
        expect(equals(mul(mul(a, b), c), mul(a, mul(b, c)))).toBe(true);
      }),
    );
  });

  it("multiplication distributes over addition", () => {
    fc.assert(
      fc.property(rationalArb, rationalArb, rationalArb, (a, b, c) => {
        expect(equals(mul(a, add(b, c)), add(mul(a, b), mul(a, c)))).toBe(true);
      }),
    );
  });

  it("has identities and inverses", () => {
    fc.assert(
      fc.property(rationalArb, nonZeroRationalArb, (a, b) => {
        expect(equals(add(a, ZERO), a)).toBe(true);
        expect(equals(mul(a, ONE), a)).toBe(true);
        expect(isZero(sub(a, a))).toBe(true);
        expect(isZero(add(a, negate(a)))).toBe(true);
        expect(equals(mul(div(a, b), b), a)).toBe(true);
        expect(equals(div(b, b), ONE)).toBe(true);
      }),
    );
  });

  it("refuses division by zero", () => {
    expectDomainError(() => div(ONE, ZERO), "DIVISION_BY_ZERO");
  });

  it("computes known values exactly", () => {
    // 1/10 + 2/10 = 3/10 exactly (0.1 + 0.2 !== 0.3 in binary floats).
    expect(equals(add(parseDecimal("0.1"), parseDecimal("0.2")), parseDecimal("0.3"))).toBe(true);
    expect(equals(sub(fromFraction(1, 2), fromFraction(1, 3)), fromFraction(1, 6))).toBe(true);
    expect(equals(mul(fromFraction(24, 100), fromInteger(5)), fromFraction(6, 5))).toBe(true);
    expect(equals(div(fromFraction(3, 4), fromFraction(3, 8)), fromInteger(2))).toBe(true);
  });
});

describe("Rational comparison", () => {
  it("orders like the sign of the difference and is antisymmetric", () => {
    fc.assert(
      fc.property(rationalArb, rationalArb, (a, b) => {
        const difference = sub(a, b);
        const sign = difference.numerator > 0n ? 1 : difference.numerator < 0n ? -1 : 0;
        expect(compare(a, b)).toBe(sign);
        expect(compare(b, a)).toBe(-sign || 0);
        expect(equals(a, b)).toBe(sign === 0);
      }),
    );
  });

  it("is transitive", () => {
    fc.assert(
      fc.property(rationalArb, rationalArb, rationalArb, (a, b, c) => {
        const [x, y, z] = [a, b, c].sort(compare);
        expect(compare(x!, y!)).toBeLessThanOrEqual(0);
        expect(compare(y!, z!)).toBeLessThanOrEqual(0);
        expect(compare(x!, z!)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it("compares close values exactly", () => {
    expect(compare(parseDecimal("4.50000000000000000001"), parseDecimal("4.5"))).toBe(1);
    expect(compare(fromFraction(1, 3), parseDecimal("0.3333333333333333"))).toBe(1);
    expect(isZero(ZERO)).toBe(true);
    expect(isZero(fromFraction(1, 10 ** 15))).toBe(false);
  });
});

describe("sum and mean", () => {
  it("sum of nothing is zero; mean of nothing is null", () => {
    expect(equals(sum([]), ZERO)).toBe(true);
    expect(mean([])).toBeNull();
  });

  it("computes a known mean", () => {
    const value = mean([fromInteger(3), fromInteger(4), fromFraction(9, 2)]);
    expect(value && equals(value, fromFraction(23, 6))).toBe(true);
  });

  it("sum equals repeated addition and the mean lies between min and max", () => {
    fc.assert(
      fc.property(fc.array(rationalArb, { minLength: 1, maxLength: 20 }), (values) => {
        let total = ZERO;
        for (const value of values) total = add(total, value);
        expect(equals(sum(values), total)).toBe(true);
        const average = mean(values)!;
        const sorted = [...values].sort(compare);
        expect(compare(sorted[0]!, average)).toBeLessThanOrEqual(0);
        expect(compare(average, sorted[sorted.length - 1]!)).toBeLessThanOrEqual(0);
        expect(equals(mul(average, fromInteger(values.length)), total)).toBe(true);
      }),
    );
  });
});

describe("half-up rounding", () => {
  it.each([
    ["4.505", 2, "4.51"],
    ["4.5049999", 2, "4.50"],
    ["4.504", 2, "4.50"],
    ["1.005", 2, "1.01"], // 1.005 is 1.00499999999999989… as a float, so toFixed gives "1.00"
    ["2.675", 2, "2.68"], // likewise "2.67" with floats
    ["0.005", 2, "0.01"],
    ["0.004999", 2, "0.00"],
    ["0.0049999999999999999999", 2, "0.00"],
    ["4.995", 2, "5.00"],
    ["5", 2, "5.00"],
    ["1", 2, "1.00"],
    ["0", 2, "0.00"],
    ["3.5242", 2, "3.52"],
    ["3.69315", 2, "3.69"],
    ["2.5", 0, "3"],
    ["2.4999", 0, "2"],
    ["0.12345", 4, "0.1235"],
    ["-4.505", 2, "-4.51"], // negative: half away from zero (documented)
    ["-4.504", 2, "-4.50"],
    ["-0.004", 2, "0.00"], // no "-0.00"
  ] as const)("%s to %i decimals is %s", (input, decimals, expected) => {
    expect(toDecimalString(parseDecimal(input), decimals)).toBe(expected);
  });

  it("rounds thirds", () => {
    expect(toDecimalString(fromFraction(1, 3), 2)).toBe("0.33");
    expect(toDecimalString(fromFraction(2, 3), 2)).toBe("0.67");
    expect(roundHalfUpScaled(fromFraction(2, 3), 2)).toBe(67n);
    expect(equals(roundHalfUp(fromFraction(2, 3), 2), fromFraction(67, 100))).toBe(true);
  });

  it("rounds every exact midpoint x.xx5 up and anything just below it down", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 1n, max: 10n ** 9n }), (h, tiny) => {
        const midpoint = Rational.of(2n * h + 1n, 200n); // h/100 + 1/200
        expect(roundHalfUpScaled(midpoint, 2)).toBe(h + 1n);
        const below = sub(midpoint, Rational.of(1n, 200n * tiny + 1n));
        expect(roundHalfUpScaled(below, 2)).toBe(h);
      }),
    );
  });

  it("stays within half a unit of the exact value, and commutes with negation", () => {
    fc.assert(
      fc.property(rationalArb, fc.integer({ min: 0, max: 6 }), (value, decimals) => {
        const rounded = roundHalfUp(value, decimals);
        const error = sub(rounded, value);
        const half = Rational.of(1n, 2n * 10n ** BigInt(decimals));
        expect(compare(error, half)).toBeLessThanOrEqual(0);
        expect(compare(negate(half), error)).toBeLessThanOrEqual(0);
        expect(equals(roundHalfUp(negate(value), decimals), negate(rounded))).toBe(true);
      }),
    );
  });

  it("is monotone", () => {
    fc.assert(
      fc.property(rationalArb, rationalArb, (a, b) => {
        const [low, high] = compare(a, b) <= 0 ? [a, b] : [b, a];
        expect(roundHalfUpScaled(low, 2) <= roundHalfUpScaled(high, 2)).toBe(true);
      }),
    );
  });

  it("prints exactly what it rounded to (round trip through parseDecimal)", () => {
    fc.assert(
      fc.property(rationalArb, fc.integer({ min: 0, max: 6 }), (value, decimals) => {
        const text = toDecimalString(value, decimals);
        expect(equals(parseDecimal(text), roundHalfUp(value, decimals))).toBe(true);
        const fraction = text.split(".")[1] ?? "";
        expect(fraction.length).toBe(decimals);
      }),
    );
  });

  it("refuses a negative or fractional number of decimals", () => {
    expectDomainError(() => toDecimalString(ONE, -1), "INVALID_NUMBER");
    expectDomainError(() => roundHalfUp(ONE, 1.5), "INVALID_NUMBER");
  });
});

describe("debug and display helpers", () => {
  it("truncates toward zero without rounding", () => {
    expect(toTruncatedString(fromFraction(2, 3), 4)).toBe("0.6666");
    expect(toTruncatedString(fromFraction(-2, 3), 4)).toBe("-0.6666");
    expect(toTruncatedString(parseDecimal("4.5049999"), 2)).toBe("4.50");
    expect(toTruncatedString(fromInteger(5), 0)).toBe("5");
  });

  it("formats scaled integers", () => {
    expect(formatScaled(451n, 2)).toBe("4.51");
    expect(formatScaled(5n, 2)).toBe("0.05");
    expect(formatScaled(-5n, 2)).toBe("-0.05");
    expect(formatScaled(7n, 0)).toBe("7");
  });

  it("parses plain decimals only", () => {
    expect(equals(parseDecimal("-0.25"), fromFraction(-1, 4))).toBe(true);
    expect(equals(parseDecimal(" 3 "), fromInteger(3))).toBe(true);
    expect(equals(parseDecimal("+1.50"), fromFraction(3, 2))).toBe(true);
    for (const text of ["1e5", "", ".5", "1.", "abc", "1,5", "0x10"]) {
      expectDomainError(() => parseDecimal(text), "INVALID_NUMBER");
    }
  });

  it("approximates a number for charts only", () => {
    expect(toNumberApprox(fromFraction(1, 3))).toBeCloseTo(0.333333, 6);
    expect(toNumberApprox(parseDecimal("4.51"))).toBe(4.51);
    expect(toNumberApprox(fromFraction(-7, 2))).toBe(-3.5);
  });
});
