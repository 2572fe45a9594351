import { DomainError } from "./errors";

/**
 * An exact rational number on bigint.
 *
 * Why: docs/domain.md §5 requires exact arithmetic ("never binary floats for stored results") and
 * rounding half up to 2 decimals only to publish and classify. Weights (per cent) and levels are
 * integers, so every score is a rational with a small denominator; carrying it as a fraction keeps
 * full precision through aspect score → F-02 → locus index → institution mean.
 *
 * Invariants (enforced by the private constructor): the denominator is positive, numerator and
 * denominator are coprime, and zero is 0/1. Two equal values therefore have identical fields.
 * Instances are frozen.
 */
export class Rational {
  readonly numerator: bigint;
  readonly denominator: bigint;

  private constructor(numerator: bigint, denominator: bigint) {
    this.numerator = numerator;
    this.denominator = denominator;
    Object.freeze(this);
  }

  /** The only way to build a value: normalises sign and common factors. */
  static of(numerator: bigint, denominator: bigint = 1n): Rational {
    if (denominator === 0n) {
      throw new DomainError("DIVISION_BY_ZERO", "A rational number cannot have a zero denominator.");
    }
    const sign = denominator < 0n ? -1n : 1n;
    const divisor = gcd(abs(numerator), abs(denominator));
    return new Rational((sign * numerator) / divisor, (sign * denominator) / divisor);
  }

  /** For debugging and test output only: "n/d". */
  toString(): string {
    return this.denominator === 1n ? `${this.numerator}` : `${this.numerator}/${this.denominator}`;
  }
}

export const ZERO: Rational = Rational.of(0n);
export const ONE: Rational = Rational.of(1n);

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) {
    const rest = x % y;
    x = y;
    y = rest;
  }
  return x;
}

/** Accepts a bigint, or a JS number that is a safe integer (never a fractional float). */
function toBigInt(value: number | bigint, what: string): bigint {
  if (typeof value === "bigint") return value;
  if (!Number.isSafeInteger(value)) {
    throw new DomainError("INVALID_NUMBER", `${what} must be a safe integer, got ${String(value)}.`);
  }
  return BigInt(value);
}

export function fromInteger(value: number | bigint): Rational {
  return Rational.of(toBigInt(value, "An integer"));
}

export function fromFraction(numerator: number | bigint, denominator: number | bigint): Rational {
  return Rational.of(toBigInt(numerator, "A numerator"), toBigInt(denominator, "A denominator"));
}

/**
 * Parses a plain decimal string ("4.505", "-0.25", "3") exactly. Used to read stored decimals
 * and to write readable test vectors; it never goes through a float.
 */
export function parseDecimal(text: string): Rational {
  const match = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) {
    throw new DomainError("INVALID_NUMBER", `"${text}" is not a plain decimal number.`);
  }
  const [, sign = "", whole = "0", fraction = ""] = match;
  const numerator = BigInt(whole + fraction) * (sign === "-" ? -1n : 1n);
  return Rational.of(numerator, 10n ** BigInt(fraction.length));
}

export function add(a: Rational, b: Rational): Rational {
  return Rational.of(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator);
}

export function sub(a: Rational, b: Rational): Rational {
  return Rational.of(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator);
}

export function mul(a: Rational, b: Rational): Rational {
  return Rational.of(a.numerator * b.numerator, a.denominator * b.denominator);
}

export function div(a: Rational, b: Rational): Rational {
  if (b.numerator === 0n) {
    throw new DomainError("DIVISION_BY_ZERO", "Division by zero.");
  }
  return Rational.of(a.numerator * b.denominator, a.denominator * b.numerator);
}

export function negate(a: Rational): Rational {
  return Rational.of(-a.numerator, a.denominator);
}

/** -1, 0 or 1, like a comparator (usable directly in Array.prototype.sort). */
export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function equals(a: Rational, b: Rational): boolean {
  // Normalisation makes equal values structurally identical.
  return a.numerator === b.numerator && a.denominator === b.denominator;
}

export function isZero(a: Rational): boolean {
  return a.numerator === 0n;
}

export function sum(values: readonly Rational[]): Rational {
  return values.reduce(add, ZERO);
}

/** Arithmetic mean; `null` for an empty list, because a mean of nothing has no value. */
export function mean(values: readonly Rational[]): Rational | null {
  if (values.length === 0) return null;
  return div(sum(values), fromInteger(values.length));
}

function checkDecimals(decimals: number): bigint {
  if (!Number.isSafeInteger(decimals) || decimals < 0) {
    throw new DomainError("INVALID_NUMBER", `The number of decimals must be an integer >= 0, got ${decimals}.`);
  }
  return 10n ** BigInt(decimals);
}

/**
 * The value scaled by 10^decimals and rounded half up, as a bigint (e.g. hundredths for 2).
 *
 * docs/domain.md §5: "round half up to 2 decimals only to publish and to classify": 4.505 → 451.
 * Scores are never negative; for a negative value the rounding is symmetric (half away from
 * zero: -4.505 → -451), so that rounding commutes with negation.
 */
export function roundHalfUpScaled(value: Rational, decimals: number): bigint {
  const scale = checkDecimals(decimals);
  const magnitude = abs(value.numerator) * scale;
  let quotient = magnitude / value.denominator;
  const remainder = magnitude % value.denominator;
  if (2n * remainder >= value.denominator) quotient += 1n;
  return value.numerator < 0n ? -quotient : quotient;
}

/** Half-up rounding (see `roundHalfUpScaled`) returned as a Rational. */
export function roundHalfUp(value: Rational, decimals: number): Rational {
  return Rational.of(roundHalfUpScaled(value, decimals), checkDecimals(decimals));
}

/** Writes an integer scaled by 10^decimals as a decimal: formatScaled(451n, 2) = "4.51". */
export function formatScaled(scaled: bigint, decimals: number): string {
  checkDecimals(decimals);
  const negative = scaled < 0n;
  const digits = abs(scaled)
    .toString()
    .padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  return `${negative ? "-" : ""}${whole}${decimals > 0 ? `.${fraction}` : ""}`;
}

/** The published form: half-up rounded, fixed digits ("4.51", "1.00", "0.00"). */
export function toDecimalString(value: Rational, decimals: number): string {
  return formatScaled(roundHalfUpScaled(value, decimals), decimals);
}

/**
 * Truncated (toward zero) decimal digits, for debugging only: shows more digits of the exact
 * value without any rounding, e.g. toTruncatedString(2/3, 4) = "0.6666". Never publish this.
 */
export function toTruncatedString(value: Rational, decimals: number): string {
  const scale = checkDecimals(decimals);
  const truncated = (abs(value.numerator) * scale) / value.denominator;
  return formatScaled(value.numerator < 0n ? -truncated : truncated, decimals);
}

/**
 * DISPLAY ONLY (charts, sparklines): an approximate JS number. Never store it, compare with it,
 * classify or rank with it; use the Rational for anything that matters (docs/domain.md §5).
 */
export function toNumberApprox(value: Rational): number {
  return Number(toTruncatedString(value, 17));
}
