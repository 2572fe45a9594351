import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  expectedZone,
  formatCorrelation,
  formatScore,
  parseScore,
  parseZone,
  pearsonCorrelation,
  planOmbudsmanImport,
  validateOmbudsmanTable,
} from "@/lib/domain/ombudsman";

describe("Ombudsman zones (docs/domain.md §7)", () => {
  it("uses the bands up to 2021 at their exact edges", () => {
    expect(expectedZone(2021, 10_000)).toBe("GREEN");
    expect(expectedZone(2021, 8100)).toBe("GREEN");
    expect(expectedZone(2021, 8099)).toBe("YELLOW");
    expect(expectedZone(2019, 5100)).toBe("YELLOW");
    expect(expectedZone(2019, 5099)).toBe("RED");
    expect(expectedZone(2020, 0)).toBe("RED");
  });

  it("knows no bands after 2021: the zone is stored unchecked", () => {
    expect(expectedZone(2022, 9000)).toBeNull();
    expect(expectedZone(2025, 100)).toBeNull();
  });

  it("every score up to 2021 falls in exactly one band, and the bands are ordered", () => {
    const order = { RED: 0, YELLOW: 1, GREEN: 2 } as const;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 2000, max: 2021 }), (score, year) => {
        expect(order[expectedZone(year, score + 1)!]).toBeGreaterThanOrEqual(order[expectedZone(year, score)!]);
      }),
    );
  });

  it("reads zones in Bahasa Indonesia or English, any case", () => {
    expect(parseZone(" Hijau ")).toBe("GREEN");
    expect(parseZone("KUNING")).toBe("YELLOW");
    expect(parseZone("red")).toBe("RED");
    expect(parseZone("biru")).toBeNull();
  });

  it("reads scores exactly in hundredths, with a decimal point or comma", () => {
    expect(parseScore("87.65")).toBe(8765);
    expect(parseScore("87,5")).toBe(8750);
    expect(parseScore("100")).toBe(10_000);
    expect(parseScore("0")).toBe(0);
    for (const bad of ["100.01", "87.655", "-1", "abc", "", "1e2", "101"]) expect(parseScore(bad)).toBeNull();
  });

  it("formats every score back to the text it was read from", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (h) => {
        expect(parseScore(formatScore(h))).toBe(h);
      }),
    );
    expect(formatScore(8705)).toBe("87.05");
  });
});

/** The floating-point Pearson r, as a reference (for values where rounding is not on an edge). */
function floatR(pairs: { x: number; y: number }[]) {
  const n = pairs.length;
  const mx = pairs.reduce((s, p) => s + p.x, 0) / n;
  const my = pairs.reduce((s, p) => s + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const p of pairs) {
    sxy += (p.x - mx) * (p.y - my);
    sxx += (p.x - mx) ** 2;
    syy += (p.y - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe("Pearson correlation (exact, rounded half away from zero to 2 decimals)", () => {
  it("is 1.00 and -1.00 on perfect lines, and undefined below 3 pairs or without spread", () => {
    expect(pearsonCorrelation([1, 2, 3, 4].map((x) => ({ x, y: 10 * x + 5 })))).toEqual({ n: 4, hundredths: 100 });
    expect(pearsonCorrelation([1, 2, 3].map((x) => ({ x, y: -x })))).toEqual({ n: 3, hundredths: -100 });
    expect(
      pearsonCorrelation([
        { x: 1, y: 2 },
        { x: 2, y: 3 },
      ]).hundredths,
    ).toBeNull();
    expect(pearsonCorrelation([1, 2, 3].map((x) => ({ x, y: 7 }))).hundredths).toBeNull();
  });

  it("matches a hand computation", () => {
    // x = 1,2,3 ; y = 1,3,2: Sxy = 1, Sxx = 2, Syy = 2 → r = 0.5 exactly, rounded up to 0.50.
    expect(
      pearsonCorrelation([
        { x: 1, y: 1 },
        { x: 2, y: 3 },
        { x: 3, y: 2 },
      ]).hundredths,
    ).toBe(50);
    // x = 0,1,2 ; y = 0,0,1: Sxy = 1, Sxx = 2, Syy = 2/3 → r = √3/2 = 0.866… → 0.87.
    expect(
      pearsonCorrelation([
        { x: 0, y: 0 },
        { x: 1, y: 0 },
        { x: 2, y: 1 },
      ]).hundredths,
    ).toBe(87);
  });

  it("rounds a value exactly on the half away from zero (r = ±0.875 → ±0.88)", () => {
    // x = 0,0,0,0,1 ; y = 0,0,0,1,2: N = 7, D = 64, r = 7/8 exactly.
    const xs = [0, 0, 0, 0, 1];
    const ys = [0, 0, 0, 1, 2];
    expect(pearsonCorrelation(xs.map((x, i) => ({ x, y: ys[i]! }))).hundredths).toBe(88);
    expect(pearsonCorrelation(xs.map((x, i) => ({ x, y: -ys[i]! }))).hundredths).toBe(-88);
  });

  it("equals the float computation rounded, away from rounding edges, and is symmetric", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ x: fc.integer({ min: 0, max: 500 }), y: fc.integer({ min: 0, max: 10_000 }) }), { minLength: 3, maxLength: 40 }),
        (pairs) => {
          const exact = pearsonCorrelation(pairs);
          const swapped = pearsonCorrelation(pairs.map((p) => ({ x: p.y, y: p.x })));
          expect(swapped.hundredths).toBe(exact.hundredths);
          if (exact.hundredths === null) return;
          const r = floatR(pairs);
          const scaled = Math.abs(r) * 100;
          if (Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-6) return;
          expect(exact.hundredths).toBe(Math.sign(r) * Math.round(scaled));
          expect(Math.abs(exact.hundredths)).toBeLessThanOrEqual(100);
        },
      ),
    );
  });

  it("prints r with 2 decimals", () => {
    expect(formatCorrelation(87)).toBe("0.87");
    expect(formatCorrelation(-5)).toBe("-0.05");
    expect(formatCorrelation(100)).toBe("1.00");
    expect(formatCorrelation(0)).toBe("0.00");
  });
});

const HEADER = ["kode_instansi", "nama_instansi", "tahun", "nilai", "zona", "peringkat"];

describe("Ombudsman file validation", () => {
  it("reads good rows (checked zones up to 2021, unchecked later) and reports every bad row with its reason", () => {
    const result = validateOmbudsmanTable([
      HEADER,
      ["kota-plg", "Kota Palembang", "2021", "88,5", "Hijau", "3"],
      ["KEMENKES", "", "2025", "72.10", "kuning", ""],
      ["", "", "", "", "", ""],
      ["KOTA-PLG", "", "2021", "60", "hijau", ""],
      ["X1", "", "20x1", "101", "biru", "0"],
      ["KOTA-PLG", "", "2021", "88.50", "green", ""],
    ]);
    expect(result.fileProblems).toEqual([]);
    expect(result.dataRows).toBe(5);
    expect(result.rows).toEqual([
      { row: 2, code: "KOTA-PLG", year: 2021, score: 8850, zone: "GREEN", rank: 3 },
      { row: 3, code: "KEMENKES", year: 2025, score: 7210, zone: "YELLOW", rank: null },
    ]);
    expect(result.uncheckedYears).toEqual([2025]);
    expect(result.errors).toEqual([
      { row: 5, column: "zone", code: "zoneMismatch", value: "hijau", expected: "YELLOW" },
      { row: 6, column: "year", code: "yearInvalid", value: "20x1" },
      { row: 6, column: "score", code: "scoreInvalid", value: "101" },
      { row: 6, column: "zone", code: "zoneInvalid", value: "biru" },
      { row: 6, column: "rank", code: "rankInvalid", value: "0" },
      { row: 7, column: "institutionCode", code: "duplicateRow", value: "KOTA-PLG", otherRow: 2 },
    ]);
  });

  it("refuses a file without its required columns or with unknown ones", () => {
    expect(validateOmbudsmanTable([["kode_instansi", "tahun", "nilai", "warna"]]).fileProblems).toEqual([
      { code: "unknownColumn", column: "warna" },
      { code: "missingColumn", column: "zona" },
    ]);
    expect(validateOmbudsmanTable([]).fileProblems).toEqual([{ code: "emptyFile" }]);
  });
});

describe("Ombudsman import plan", () => {
  const rows = [
    { row: 2, code: "A", year: 2024, score: 9000, zone: "GREEN" as const, rank: 1 },
    { row: 3, code: "B", year: 2024, score: 5000, zone: "RED" as const, rank: null },
    { row: 4, code: "C", year: 2024, score: 6000, zone: "YELLOW" as const, rank: null },
    { row: 5, code: "Z", year: 2024, score: 6000, zone: "YELLOW" as const, rank: null },
  ];
  const ids = new Map([
    ["A", "ia"],
    ["B", "ib"],
    ["C", "ic"],
  ]);

  it("creates new results, updates changed ones, leaves equal ones, and names unknown codes", () => {
    const plan = planOmbudsmanImport(rows, ids, [
      { id: "ra", institutionId: "ia", year: 2024, score: 9000, zone: "GREEN", rank: 1 },
      { id: "rb", institutionId: "ib", year: 2024, score: 5100, zone: "YELLOW", rank: null },
    ]);
    expect(plan.counts).toEqual({ create: 1, update: 1, unchanged: 1 });
    expect(plan.rows.map((r) => [r.code, r.action, r.id])).toEqual([
      ["A", "unchanged", "ra"],
      ["B", "update", "rb"],
      ["C", "create", null],
    ]);
    expect(plan.errors).toEqual([{ row: 5, column: "institutionCode", code: "institutionUnknown", value: "Z" }]);
  });

  it("is idempotent: planning against its own outcome changes nothing", () => {
    const first = planOmbudsmanImport(rows, ids, []);
    const stored = first.rows.map((r, i) => ({ id: `r${i}`, institutionId: r.institutionId, year: r.year, ...r.after }));
    expect(planOmbudsmanImport(rows, ids, stored).counts).toEqual({ create: 0, update: 0, unchanged: 3 });
  });
});
