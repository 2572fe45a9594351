import { DomainError } from "../errors";
import { add, div, fromFraction, fromInteger, mul, parseDecimal, type Rational, sum } from "../rational";

/**
 * One line of an explanation: an operation, the values it takes and the value it gives, every one
 * written exactly (docs/domain.md §5.13). A reader (or a test) recomputes `result` from `operands`
 * alone: `evaluateStep`.
 *
 * - product: operands multiplied (weight share × level, share × F-02);
 * - sum: operands added (Σ contributions);
 * - quotient: the first divided by the second (Σ ratings / number of ratings);
 * - mean: the operands' sum divided by how many there are (institution = mean of its loci).
 */
export type StepOp = "product" | "sum" | "quotient" | "mean";

export interface Step {
  op: StepOp;
  operands: string[];
  result: string;
}

/** The most decimals written for a value whose decimal expansion ends; beyond it the fraction is written. */
const MAX_EXACT_DECIMALS = 12;

/**
 * A value written exactly: a decimal when its expansion ends ("0.96", "3.9808", at least
 * `minDecimals` digits), else the fraction in lowest terms ("10/3"). Never rounded.
 */
export function exactText(value: Rational, minDecimals = 0): string {
  let denominator = value.denominator;
  let decimals = 0;
  let twos = 0;
  let fives = 0;
  while (denominator % 2n === 0n) {
    denominator /= 2n;
    twos += 1;
  }
  while (denominator % 5n === 0n) {
    denominator /= 5n;
    fives += 1;
  }
  if (denominator !== 1n) return `${value.numerator}/${value.denominator}`;
  decimals = Math.max(twos, fives, minDecimals);
  if (decimals > MAX_EXACT_DECIMALS) return `${value.numerator}/${value.denominator}`;
  const scaled = (value.numerator * 10n ** BigInt(decimals)) / value.denominator;
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals);
  return `${negative ? "-" : ""}${whole}${decimals > 0 ? `.${fraction}` : ""}`;
}

/** Reads what `exactText` writes ("0.96", "-1.5", "10/3") back, exactly. */
export function parseExact(text: string): Rational {
  const fraction = /^(-?\d+)\/(\d+)$/.exec(text);
  if (fraction) return fromFraction(BigInt(fraction[1] ?? "0"), BigInt(fraction[2] ?? "1"));
  return parseDecimal(text);
}

/** A step whose result is the value the scoring module computed (never recomputed here). */
export function step(op: StepOp, operands: readonly Rational[], result: Rational, minDecimals = 2): Step {
  return { op, operands: operands.map((operand) => exactText(operand)), result: exactText(result, minDecimals) };
}

/** The value a step's operands give: what a reader recomputes from the shown inputs. */
export function evaluateStep(shown: Pick<Step, "op" | "operands">): Rational {
  const values = shown.operands.map(parseExact);
  switch (shown.op) {
    case "product":
      return values.reduce(mul, fromInteger(1));
    case "sum":
      return sum(values);
    case "quotient": {
      const [dividend, divisor] = values;
      if (values.length !== 2 || !dividend || !divisor) throw new DomainError("INVALID_NUMBER", "A quotient has exactly two operands.");
      return div(dividend, divisor);
    }
    case "mean":
      if (values.length === 0) throw new DomainError("INVALID_NUMBER", "A mean needs at least one operand.");
      return div(values.reduce(add), fromInteger(values.length));
  }
}

/** A shown value: the exact text, with a 4-digit reading after it when it is a fraction ("10/3 ≈ 3.3333"). */
export function shownValue(text: string): string {
  if (!text.includes("/")) return text;
  const value = parseExact(text);
  const approx = (value.numerator * 10_000n) / value.denominator;
  const sign = approx < 0n ? "-" : "";
  const digits = (approx < 0n ? -approx : approx).toString().padStart(5, "0");
  return `${text} ≈ ${sign}${digits.slice(0, -4)}.${digits.slice(-4)}`;
}

/** A step as one line of arithmetic with the actual values: "0.24 × 4 = 0.96", "(4.125 + 3.9) ÷ 2 = 4.0125". */
export function formulaText(shown: Step): string {
  const operands = shown.operands.map(shownValue);
  const result = shownValue(shown.result);
  switch (shown.op) {
    case "product":
      return `${operands.join(" × ")} = ${result}`;
    case "sum":
      return `${operands.length > 0 ? operands.join(" + ") : "0"} = ${result}`;
    case "quotient":
      return `${operands.join(" ÷ ")} = ${result}`;
    case "mean":
      return `(${operands.join(" + ")}) ÷ ${operands.length} = ${result}`;
  }
}
