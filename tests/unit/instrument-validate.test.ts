import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatProblems, scoredIndicators, validateInstrument, type InstrumentProblem } from "@/lib/domain/instrument";
import { partition } from "./support/instrument-arbitrary";
import { readRealInstrumentJson } from "./support/real-instrument";

/** Loose view of the raw JSON, for mutating copies. */
interface RawLevel {
  level: unknown;
  description: unknown;
}
interface RawIndicator {
  code: unknown;
  name: unknown;
  weight: unknown;
  levels: RawLevel[];
  [key: string]: unknown;
}
interface RawAspect {
  code: unknown;
  name: unknown;
  weight: unknown;
  indicators: RawIndicator[];
}
interface RawInstrument {
  aspects: RawAspect[];
  surveyItems: { code: unknown; text: unknown }[];
  [key: string]: unknown;
}

function realCopy(): RawInstrument {
  return structuredClone(readRealInstrumentJson()) as RawInstrument;
}

function problemsOf(input: unknown): InstrumentProblem[] {
  const result = validateInstrument(input);
  if (result.ok) throw new Error("expected the instrument to be refused");
  return result.problems;
}

function aspect(raw: RawInstrument, code: string): RawAspect {
  const found = raw.aspects.find((item) => item.code === code);
  if (!found) throw new Error(`no aspect ${code}`);
  return found;
}

function indicator(raw: RawInstrument, code: string): RawIndicator {
  const found = raw.aspects.flatMap((item) => item.indicators).find((item) => item.code === code);
  if (!found) throw new Error(`no indicator ${code}`);
  return found;
}

/**
 * docs/domain.md §4, for cross-checking the file against the domain reference: aspect weights and, in
 * order, the indicator weights of each aspect (the queue item 31.c.K with weight 0 in aspect III).
 */
const DOC_WEIGHTS: Record<string, { weight: number; indicators: [string, number][] }> = {
  I: {
    weight: 24,
    indicators: [
      ["1.a.Ak", 17],
      ["2.a.P", 14],
      ["3.a.T", 7],
      ["4.a.K", 14],
      ["5.a.K", 10],
      ["6.a.B", 17],
      ["7.a.T", 7],
      ["8.a.Ak", 7],
      ["9.a.Ak", 7],
    ],
  },
  II: {
    weight: 25,
    indicators: [
      ["10.b.As", 10],
      ["11.b.K", 20],
      ["12.b.Ak", 20],
      ["13.b.K", 20],
      ["14.b.K", 30],
    ],
  },
  III: {
    weight: 18,
    indicators: [
      ["15.c.K", 15],
      ["16.c.As", 23],
      ["17.c.As", 20],
      ["18.c.K", 20],
      ["19.c.As", 11],
      ["20.c.B", 11],
      ["31.c.K", 0],
    ],
  },
  IV: {
    weight: 11,
    indicators: [
      ["21.d.T", 30],
      ["22.d.B", 20],
      ["23.d.As", 20],
      ["24.d.T", 30],
    ],
  },
  V: {
    weight: 10,
    indicators: [
      ["25.e.P", 20],
      ["26.e.P", 25],
      ["27.e.Ak", 25],
      ["28.e.Ak", 30],
    ],
  },
  VI: {
    weight: 12,
    indicators: [
      ["29.f.B", 50],
      ["30.f.B", 50],
    ],
  },
};

describe("the real instrument prisma/instruments/pekppp-a-2025.json", () => {
  const result = validateInstrument(readRealInstrumentJson());

  it("validates without problems", () => {
    expect(result.ok ? [] : formatProblems(result.problems)).toEqual([]);
  });

  it("has 6 aspects, 31 indicators of which 30 are scored, and 14 survey items", () => {
    if (!result.ok) throw new Error("invalid");
    const { instrument } = result;
    expect(instrument.aspects).toHaveLength(6);
    expect(instrument.aspects.flatMap((item) => item.indicators)).toHaveLength(31);
    expect(scoredIndicators(instrument)).toHaveLength(30);
    expect(scoredIndicators(instrument).map((item) => item.code)).not.toContain("31.c.K");
    expect(instrument.surveyItems).toHaveLength(14);
  });

  it("carries exactly the weights of docs/domain.md §4", () => {
    if (!result.ok) throw new Error("invalid");
    const actual = Object.fromEntries(
      result.instrument.aspects.map((item) => [item.code, { weight: item.weight, indicators: item.indicators.map((ind) => [ind.code, ind.weight]) }]),
    );
    expect(actual).toEqual(DOC_WEIGHTS);
  });
});

describe("mutated copies of the real instrument are refused, naming the offending item", () => {
  it("aspect weights summing to 99", () => {
    const raw = realCopy();
    aspect(raw, "I").weight = 23;
    expect(problemsOf(raw)).toEqual([{ code: "ASPECT_WEIGHTS_SUM", path: "aspects", message: "Jumlah bobot aspek adalah 99, seharusnya 100." }]);
  });

  it("indicator weights of aspect II summing to 110", () => {
    const raw = realCopy();
    indicator(raw, "11.b.K").weight = 30;
    expect(problemsOf(raw)).toEqual([
      {
        code: "INDICATOR_WEIGHTS_SUM",
        path: "aspects[II]",
        message: "Jumlah bobot indikator pada aspek II (Profesionalisme SDM) adalah 110, seharusnya 100.",
      },
    ]);
  });

  it("a duplicate indicator code", () => {
    const raw = realCopy();
    indicator(raw, "12.b.Ak").code = "11.b.K";
    expect(problemsOf(raw)).toEqual([
      {
        code: "DUPLICATE_CODE",
        path: "aspects[II].indicators[#2]",
        message: 'Kode indikator "11.b.K" dipakai lebih dari sekali (pertama kali di aspects[II].indicators[#1]).',
      },
    ]);
  });

  it("a duplicate indicator code across aspects, and a duplicate aspect code", () => {
    const raw = realCopy();
    indicator(raw, "30.f.B").code = "1.a.Ak";
    aspect(raw, "VI").code = "V";
    const problems = problemsOf(raw);
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ["DUPLICATE_CODE", "aspects[#5]"],
      ["DUPLICATE_CODE", "aspects[V].indicators[#1]"],
    ]);
    expect(problems[0]!.message).toContain('Kode aspek "V"');
    expect(problems[1]!.message).toContain('Kode indikator "1.a.Ak"');
  });

  it("a missing level 3", () => {
    const raw = realCopy();
    const target = indicator(raw, "14.b.K");
    target.levels = target.levels.filter((entry) => entry.level !== 3);
    expect(problemsOf(raw)).toEqual([
      {
        code: "MISSING_LEVEL",
        path: "aspects[II].indicators[14.b.K].levels",
        message: `Indikator 14.b.K (${String(target.name)}) tidak memiliki deskripsi level 3.`,
      },
    ]);
  });

  it("an extra level 6", () => {
    const raw = realCopy();
    const target = indicator(raw, "21.d.T");
    target.levels.push({ level: 6, description: "Melampaui rubrik" });
    expect(problemsOf(raw)).toEqual([
      {
        code: "EXTRA_LEVEL",
        path: "aspects[IV].indicators[21.d.T].levels[#6]",
        message: `Indikator 21.d.T (${String(target.name)}) memiliki level 6 di luar rentang 0–5.`,
      },
    ]);
  });

  it("several problems at once, all reported in one pass", () => {
    const raw = realCopy();
    aspect(raw, "I").weight = 23; // aspects sum 99
    indicator(raw, "11.b.K").weight = 30; // aspect II sums 110
    indicator(raw, "12.b.Ak").code = "13.b.K"; // duplicate
    const missing = indicator(raw, "14.b.K");
    missing.levels = missing.levels.filter((entry) => entry.level !== 3);
    indicator(raw, "21.d.T").levels.push({ level: 6, description: "Melampaui rubrik" });
    indicator(raw, "29.f.B").name = "   ";
    raw.surveyItems[1]!.code = "U01";
    const problems = problemsOf(raw);
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ["DUPLICATE_CODE", "aspects[II].indicators[#3]"],
      ["MISSING_LEVEL", "aspects[II].indicators[14.b.K].levels"],
      ["INDICATOR_WEIGHTS_SUM", "aspects[II]"],
      ["EXTRA_LEVEL", "aspects[IV].indicators[21.d.T].levels[#6]"],
      ["EMPTY_TEXT", "aspects[VI].indicators[29.f.B].name"],
      ["ASPECT_WEIGHTS_SUM", "aspects"],
      ["DUPLICATE_CODE", "surveyItems[#1]"],
    ]);
    const text = formatProblems(problems);
    expect(text.split("\n")).toHaveLength(7);
    expect(text).toContain("[ASPECT_WEIGHTS_SUM] aspects: Jumlah bobot aspek adalah 99, seharusnya 100.");
    expect(text).toContain('Kode butir survei "U01" dipakai lebih dari sekali');
  });
});

describe("structural problems", () => {
  it("non-integer and negative weights (sums of non-integers are not attempted)", () => {
    const raw = realCopy();
    indicator(raw, "10.b.As").weight = 9.5;
    indicator(raw, "11.b.K").weight = 20.5;
    aspect(raw, "VI").weight = -12;
    const problems = problemsOf(raw);
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ["WEIGHT_NOT_INTEGER", "aspects[II].indicators[10.b.As].weight"],
      ["WEIGHT_NOT_INTEGER", "aspects[II].indicators[11.b.K].weight"],
      ["WEIGHT_NEGATIVE", "aspects[VI].weight"],
      ["ASPECT_WEIGHTS_SUM", "aspects"],
    ]);
    expect(problems[2]!.message).toBe("Bobot aspek VI (Inovasi) adalah -12, tidak boleh negatif.");
    expect(problems[3]!.message).toBe("Jumlah bobot aspek adalah 76, seharusnya 100.");
  });

  it("empty texts", () => {
    const raw = realCopy();
    raw.name = "";
    aspect(raw, "III").name = "";
    indicator(raw, "15.c.K").question = " ";
    indicator(raw, "16.c.As").levels[0]!.description = "";
    raw.surveyItems[13]!.text = "";
    const problems = problemsOf(raw);
    expect(problems).toEqual([
      { code: "EMPTY_TEXT", path: "name", message: "Nama instrumen kosong." },
      { code: "EMPTY_TEXT", path: "aspects[III].name", message: "Nama aspek III kosong." },
      {
        code: "EMPTY_TEXT",
        path: "aspects[III].indicators[15.c.K].question",
        message: expect.stringContaining("Pertanyaan indikator 15.c.K") as unknown as string,
      },
      {
        code: "EMPTY_TEXT",
        path: "aspects[III].indicators[16.c.As].levels[#0].description",
        message: expect.stringContaining("Deskripsi level 0 pada indikator 16.c.As") as unknown as string,
      },
      { code: "EMPTY_TEXT", path: "surveyItems[U14].text", message: "Teks butir survei U14 kosong." },
    ]);
  });

  it("an empty code is reported by position, not as a duplicate", () => {
    const raw = realCopy();
    aspect(raw, "II").code = "";
    indicator(raw, "1.a.Ak").code = "";
    const problems = problemsOf(raw);
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ["EMPTY_TEXT", "aspects[I].indicators[#0].code"],
      ["EMPTY_TEXT", "aspects[#1].code"],
    ]);
  });

  it("levels that are not integers, duplicated, or out of range", () => {
    const raw = realCopy();
    const target = indicator(raw, "22.d.B");
    target.levels[2]!.level = 2.5; // level 2 is then missing too
    target.levels.push({ level: 4, description: "lagi" });
    target.levels.push({ level: -1, description: "negatif" });
    const problems = problemsOf(raw);
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ["LEVEL_NOT_INTEGER", "aspects[IV].indicators[22.d.B].levels[#2]"],
      ["DUPLICATE_LEVEL", "aspects[IV].indicators[22.d.B].levels[#6]"],
      ["EXTRA_LEVEL", "aspects[IV].indicators[22.d.B].levels[#7]"],
      ["MISSING_LEVEL", "aspects[IV].indicators[22.d.B].levels"],
    ]);
    expect(problems[3]!.message).toContain("level 2");
  });

  it("no aspects, an aspect without indicators, no survey items", () => {
    const none = realCopy();
    none.aspects = [];
    none.surveyItems = [];
    expect(problemsOf(none)).toEqual([
      { code: "NO_ASPECTS", path: "aspects", message: "Instrumen tidak memiliki aspek." },
      { code: "NO_SURVEY_ITEMS", path: "surveyItems", message: "Instrumen tidak memiliki butir survei F-03." },
    ]);
    const emptyAspect = realCopy();
    aspect(emptyAspect, "VI").indicators = [];
    expect(problemsOf(emptyAspect)).toEqual([
      {
        code: "NO_INDICATORS",
        path: "aspects[VI].indicators",
        message: "Aspek VI (Inovasi) tidak memiliki indikator.",
      },
    ]);
  });

  it("an aspect whose indicators all weigh 0 is refused by the sum rule", () => {
    const raw = realCopy();
    for (const item of aspect(raw, "VI").indicators) item.weight = 0;
    expect(problemsOf(raw).map((problem) => problem.code)).toEqual(["INDICATOR_WEIGHTS_SUM"]);
  });
});

describe("shape problems (a corrupt file)", () => {
  it("refuses values that are not an instrument object", () => {
    for (const input of [null, undefined, 42, "instrumen", [], true]) {
      const problems = problemsOf(input);
      expect(problems).toHaveLength(1);
      expect(problems[0]!.path).toBe("");
      expect(["INVALID_TYPE", "MISSING_FIELD"]).toContain(problems[0]!.code);
      expect(problems[0]!.message).toContain("Berkas instrumen");
    }
    expect(formatProblems(problemsOf(null))).toMatch(/^\[(INVALID_TYPE|MISSING_FIELD)\] \(berkas\): /);
  });

  it("names wrong types and missing fields by item code, all at once", () => {
    const raw = realCopy();
    aspect(raw, "I").weight = "24";
    delete (indicator(raw, "11.b.K") as Partial<RawIndicator>).levels;
    indicator(raw, "20.c.B").levels[1]!.level = "1";
    delete raw.version;
    const problems = problemsOf(raw);
    expect(problems).toEqual(
      expect.arrayContaining([
        { code: "MISSING_FIELD", path: "version", message: "Isian version wajib ada dan harus berupa teks." },
        { code: "INVALID_TYPE", path: "aspects[I].weight", message: "Isian aspects[I].weight harus berupa angka." },
        {
          code: "MISSING_FIELD",
          path: "aspects[II].indicators[11.b.K].levels",
          message: "Isian aspects[II].indicators[11.b.K].levels wajib ada dan harus berupa daftar (array).",
        },
        {
          code: "INVALID_TYPE",
          path: "aspects[III].indicators[20.c.B].levels[#1].level",
          message: "Isian aspects[III].indicators[20.c.B].levels[#1].level harus berupa angka.",
        },
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it("ignores unknown extra fields and returns the instrument without them", () => {
    const raw = realCopy();
    raw.$schema = "./instrument.schema.json";
    const result = validateInstrument(raw);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.instrument).not.toHaveProperty("$schema");
  });
});

describe("property: perturbing a weight of a valid instrument is always caught", () => {
  it("reports the sum for the aspect whose weights no longer sum to 100", () => {
    const arb = fc.tuple(
      fc.integer({ min: 1, max: 6 }).chain((count) => partition(count)),
      fc.integer({ min: 1, max: 50 }),
      fc.boolean(),
      fc.nat(),
    );
    fc.assert(
      fc.property(arb, ([weights, delta, up, pick]) => {
        const raw = realCopy();
        const target = aspect(raw, "II");
        // Replace aspect II's indicators by a random valid split, then break one weight.
        target.indicators = weights.map((weight, index) => ({
          ...structuredClone(target.indicators[0]!),
          code: `X.${index}`,
          weight,
        }));
        const victim = target.indicators[pick % weights.length]!;
        const changed = (victim.weight as number) + (up ? delta : -delta);
        victim.weight = changed;
        const problems = problemsOf(raw);
        const expectedSum = 100 + (up ? delta : -delta);
        expect(problems).toContainEqual({
          code: "INDICATOR_WEIGHTS_SUM",
          path: "aspects[II]",
          message: `Jumlah bobot indikator pada aspek II (Profesionalisme SDM) adalah ${expectedSum}, seharusnya 100.`,
        });
        if (changed < 0) expect(problems.map((problem) => problem.code)).toContain("WEIGHT_NEGATIVE");
      }),
      { numRuns: 60 },
    );
  });
});
