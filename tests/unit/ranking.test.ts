import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compare, equals, parseDecimal, Rational, roundHalfUpScaled } from "@/lib/domain/rational";
import { rank } from "@/lib/domain/ranking";

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function items(entries: [string, string][]): { key: string; index: Rational }[] {
  return entries.map(([key, value]) => ({ key, index: parseDecimal(value) }));
}

function summary(entries: [string, string][]): [string, string, number, boolean][] {
  return rank(items(entries), byName).map((row) => [row.key, row.published, row.rank, row.tied]);
}

describe("rank (docs/domain.md §5: order by full precision, equal published values show as ties)", () => {
  it("ties 4.504 and 4.496 (both publish 4.50) but lists 4.504 first", () => {
    expect(
      summary([
        ["Kota B", "4.496"],
        ["Kota A", "4.504"],
      ]),
    ).toEqual([
      ["Kota A", "4.50", 1, true],
      ["Kota B", "4.50", 1, true],
    ]);
    // The order follows the exact value even when the names would order it otherwise.
    expect(
      summary([
        ["Kota A", "4.496"],
        ["Kota Z", "4.504"],
      ]).map((row) => row[0]),
    ).toEqual(["Kota Z", "Kota A"]);
  });

  it("uses standard competition ranking: 1, 1, 3", () => {
    expect(
      summary([
        ["C", "4.10"],
        ["A", "4.504"],
        ["B", "4.496"],
        ["D", "3.9"],
      ]),
    ).toEqual([
      ["A", "4.50", 1, true],
      ["B", "4.50", 1, true],
      ["C", "4.10", 3, false],
      ["D", "3.90", 4, false],
    ]);
  });

  it("ties on the half-up published value, not on truncation", () => {
    // 4.505 publishes 4.51; 4.504 and 4.495 publish 4.50; 4.4949 publishes 4.49.
    expect(
      summary([
        ["W", "4.4949"],
        ["X", "4.505"],
        ["Y", "4.504"],
        ["Z", "4.495"],
      ]),
    ).toEqual([
      ["X", "4.51", 1, false],
      ["Y", "4.50", 2, true],
      ["Z", "4.50", 2, true],
      ["W", "4.49", 4, false],
    ]);
  });

  it("breaks exact ties by the secondary key, sharing the rank", () => {
    expect(
      summary([
        ["Kabupaten C", "3.58"],
        ["Kabupaten A", "3.58"],
        ["Kabupaten B", "3.58"],
        ["D", "4.0"],
      ]),
    ).toEqual([
      ["D", "4.00", 1, false],
      ["Kabupaten A", "3.58", 2, true],
      ["Kabupaten B", "3.58", 2, true],
      ["Kabupaten C", "3.58", 2, true],
    ]);
  });

  it("keeps input order when the secondary key cannot decide either", () => {
    const result = rank(
      items([
        ["same", "2.18"],
        ["same", "2.18"],
      ]),
      () => 0,
    );
    expect(result.map((row) => row.rank)).toEqual([1, 1]);
    const first = { key: { id: 1 }, index: parseDecimal("2") };
    const second = { key: { id: 2 }, index: parseDecimal("2") };
    expect(rank([first, second], () => 0).map((row) => row.key.id)).toEqual([1, 2]);
  });

  it("handles no items and a single item", () => {
    expect(rank([], byName)).toEqual([]);
    const [only] = rank(items([["Solo", "4.92"]]), byName);
    expect(only).toMatchObject({ key: "Solo", published: "4.92", rank: 1, tied: false });
    expect(equals(only!.index, parseDecimal("4.92"))).toBe(true);
  });

  it("counts ranks after a three-way tie: 1, 2, 2, 2, 5", () => {
    expect(
      summary([
        ["a", "5"],
        ["b", "4.001"],
        ["c", "3.995"],
        ["d", "4.004"],
        ["e", "3.9"],
      ]).map((row) => row[2]),
    ).toEqual([1, 2, 2, 2, 5]);
  });
});

describe("rank properties", () => {
  const entryArb = fc
    .tuple(fc.bigInt({ min: 0n, max: 5000n }), fc.constantFrom(1n, 2n, 3n, 7n, 1000n))
    .map(([num, den]) => Rational.of(num % (5n * den + 1n), den));
  const listArb = fc
    .array(entryArb, { maxLength: 30 })
    .map((indices) => indices.map((index, position) => ({ key: `L${String(position).padStart(2, "0")}`, index })));

  it("orders by exact value and gives rank = 1 + number of strictly higher published values", () => {
    fc.assert(
      fc.property(listArb, (list) => {
        const ranked = rank(list, byName);
        expect(ranked).toHaveLength(list.length);
        for (let i = 1; i < ranked.length; i += 1) {
          expect(compare(ranked[i - 1]!.index, ranked[i]!.index)).toBeGreaterThanOrEqual(0);
        }
        for (const row of ranked) {
          const mine = roundHalfUpScaled(row.index, 2);
          const higher = list.filter((item) => roundHalfUpScaled(item.index, 2) > mine).length;
          const same = list.filter((item) => roundHalfUpScaled(item.index, 2) === mine).length;
          expect(row.rank).toBe(1 + higher);
          expect(row.tied).toBe(same > 1);
        }
      }),
    );
  });

  it("does not depend on the input order when keys are distinct", () => {
    fc.assert(
      fc.property(
        listArb.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length }))),
        ([list, shuffled]) => {
          const strip = (rows: ReturnType<typeof rank<string>>) => rows.map((row) => [row.key, row.rank, row.tied]);
          expect(strip(rank(shuffled, byName))).toEqual(strip(rank(list, byName)));
        },
      ),
    );
  });
});
