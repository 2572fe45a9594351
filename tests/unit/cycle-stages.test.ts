import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  endOfDayWib,
  isCalendarDate,
  shiftStagesByYears,
  shiftYearsWib,
  standardStageDates,
  startOfDayWib,
  STAGE_KINDS,
  validateStageDates,
  wibDate,
  type CycleStageDates,
  type StageKind,
} from "@/lib/domain/cycle";
import { stageHasStarted, stageWindow } from "@/lib/domain/workflow";

const day = (kind: StageKind, from: string, to: string): CycleStageDates => ({ kind, startsAt: startOfDayWib(from), endsAt: endOfDayWib(to) });

/** A valid schedule written out by hand: the 2026 practice. */
const schedule = (): CycleStageDates[] => [
  day("SELF_ASSESSMENT", "2026-05-01", "2026-07-31"),
  day("SURVEY", "2026-05-01", "2026-08-15"),
  day("VERIFICATION", "2026-08-01", "2026-10-15"),
  day("APPEAL", "2026-10-16", "2026-10-31"),
  day("FINALISATION", "2026-11-01", "2026-12-31"),
  day("PUBLICATION", "2027-03-15", "2027-03-31"),
  day("FOLLOW_UP", "2027-04-01", "2027-12-31"),
];
const replace = (stages: CycleStageDates[], stage: CycleStageDates) => stages.map((s) => (s.kind === stage.kind ? stage : s));

describe("stage days in WIB", () => {
  it("runs a stage from 00:00 WIB of its first day to 23:59:59.999 WIB of its last", () => {
    expect(startOfDayWib("2026-05-01").toISOString()).toBe("2026-04-30T17:00:00.000Z");
    expect(endOfDayWib("2026-07-31").toISOString()).toBe("2026-07-31T16:59:59.999Z");
    expect(wibDate(new Date("2026-07-31T16:59:59.999Z"))).toBe("2026-07-31");
    expect(wibDate(new Date("2026-07-31T17:00:00.000Z"))).toBe("2026-08-01");
  });

  it("knows real calendar days only", () => {
    expect(isCalendarDate("2028-02-29")).toBe(true);
    expect(isCalendarDate("2026-02-29")).toBe(false);
    expect(isCalendarDate("2026-13-01")).toBe(false);
    expect(isCalendarDate("1/5/2026")).toBe(false);
  });

  it("shifts a moment by whole years on the WIB calendar, 29 February becoming 28 February", () => {
    expect(shiftYearsWib(startOfDayWib("2026-05-01"), 1)).toEqual(startOfDayWib("2027-05-01"));
    expect(shiftYearsWib(endOfDayWib("2028-02-29"), 1)).toEqual(endOfDayWib("2029-02-28"));
    expect(shiftYearsWib(endOfDayWib("2026-12-31"), 2)).toEqual(endOfDayWib("2028-12-31"));
  });

  it("round-trips any day through its start and end instants", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }), (d) => {
        const text = d.toISOString().slice(0, 10);
        expect(wibDate(startOfDayWib(text))).toBe(text);
        expect(wibDate(endOfDayWib(text))).toBe(text);
      }),
    );
  });
});

describe("validation of a cycle's stage dates", () => {
  it("accepts the usual calendar and returns it in the stages' order", () => {
    const shuffled = [...schedule()].reverse();
    const result = validateStageDates(shuffled);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.stages.map((s) => s.kind)).toEqual([...STAGE_KINDS]);
    expect(validateStageDates(standardStageDates(2031)).ok).toBe(true);
  });

  it("refuses a stage that ends before, or when, it starts", () => {
    const same = { kind: "SURVEY" as const, startsAt: new Date("2026-06-01T00:00:00Z"), endsAt: new Date("2026-06-01T00:00:00Z") };
    expect(validateStageDates(replace(schedule(), same))).toEqual({ ok: false, problems: [{ code: "END_NOT_AFTER_START", kind: "SURVEY" }] });
  });

  it("accepts a stage of a single day", () => {
    expect(validateStageDates(replace(schedule(), day("PUBLICATION", "2027-03-15", "2027-03-15"))).ok).toBe(true);
  });

  it("names a missing and a doubled stage", () => {
    const stages = schedule().filter((s) => s.kind !== "FOLLOW_UP");
    stages.push(day("SURVEY", "2026-05-01", "2026-08-15"));
    expect(validateStageDates(stages)).toEqual({
      ok: false,
      problems: [
        { code: "DUPLICATE", kind: "SURVEY" },
        { code: "MISSING", kind: "FOLLOW_UP" },
      ],
    });
  });

  it("reports every order problem at once", () => {
    // Verification closes before the self-assessment does, and finalisation starts during the survey.
    const stages = replace(replace(schedule(), day("VERIFICATION", "2026-05-10", "2026-07-30")), day("FINALISATION", "2026-07-20", "2026-12-31"));
    const result = validateStageDates(stages);
    expect(result).toEqual({
      ok: false,
      problems: [
        { code: "OUT_OF_ORDER", kind: "VERIFICATION", edge: "endsAt", other: "SELF_ASSESSMENT", otherEdge: "endsAt" },
        { code: "OUT_OF_ORDER", kind: "FINALISATION", edge: "startsAt", other: "APPEAL", otherEdge: "endsAt" },
        { code: "OUT_OF_ORDER", kind: "FINALISATION", edge: "startsAt", other: "VERIFICATION", otherEdge: "endsAt" },
        { code: "OUT_OF_ORDER", kind: "FINALISATION", edge: "startsAt", other: "SURVEY", otherEdge: "endsAt" },
      ],
    });
  });

  it("puts appeals after verification starts, outlasting it, and before finalisation", () => {
    const early = replace(schedule(), day("APPEAL", "2026-07-31", "2026-10-31"));
    const short = replace(schedule(), day("APPEAL", "2026-08-01", "2026-10-14"));
    const late = replace(schedule(), day("APPEAL", "2026-10-16", "2026-11-02"));
    const problems = (stages: CycleStageDates[]) => {
      const result = validateStageDates(stages);
      return result.ok ? [] : result.problems.map((p) => `${p.kind}<${"other" in p ? p.other : ""}`);
    };
    expect(problems(early)).toEqual(["APPEAL<VERIFICATION"]);
    expect(problems(short)).toEqual(["APPEAL<VERIFICATION"]);
    expect(problems(late)).toEqual(["FINALISATION<APPEAL"]);
    // Appeals may run alongside verification: a locus verified early can be contested early.
    expect(problems(replace(schedule(), day("APPEAL", "2026-08-01", "2026-10-31")))).toEqual([]);
  });

  it("lets the survey and verification overlap the self-assessment, as in practice", () => {
    const stages = replace(schedule(), day("VERIFICATION", "2026-05-01", "2026-10-15"));
    expect(validateStageDates(stages).ok).toBe(true);
  });

  it("refuses a survey that opens before the self-assessment, and publication before finalisation ends", () => {
    const stages = replace(replace(schedule(), day("SURVEY", "2026-04-30", "2026-08-15")), day("PUBLICATION", "2026-12-30", "2027-03-31"));
    const result = validateStageDates(stages);
    expect(result.ok ? [] : result.problems.map((p) => `${p.kind}<${"other" in p ? p.other : ""}`)).toEqual([
      "SURVEY<SELF_ASSESSMENT",
      "PUBLICATION<FINALISATION",
    ]);
  });

  it("keeps a valid day-based schedule valid when shifted by whole years (copying a cycle)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2090 }), fc.integer({ min: 1, max: 5 }), (year, years) => {
        const shifted = shiftStagesByYears(standardStageDates(year), years);
        expect(shifted).toEqual(standardStageDates(year + years));
        expect(validateStageDates(shifted).ok).toBe(true);
      }),
    );
  });
});

describe("the one stage gate behind every date check", () => {
  const stages = schedule();
  const at = (iso: string) => new Date(iso);

  it.each([
    ["SELF_ASSESSMENT", "2026-04-30T16:59:59.999Z", { open: false, reason: "NOT_STARTED" }],
    ["SELF_ASSESSMENT", "2026-04-30T17:00:00.000Z", { open: true }],
    ["SELF_ASSESSMENT", "2026-07-31T16:59:59.999Z", { open: true }],
    ["SELF_ASSESSMENT", "2026-07-31T17:00:00.000Z", { open: false, reason: "ENDED" }],
    ["SURVEY", "2026-08-10T00:00:00.000Z", { open: true }],
    ["VERIFICATION", "2026-07-01T00:00:00.000Z", { open: false, reason: "NOT_STARTED" }],
    ["VERIFICATION", "2026-10-15T00:00:00.000Z", { open: true }],
  ] as const)("%s at %s", (kind, now, expected) => {
    expect(stageWindow(stages, kind, at(now))).toMatchObject(expected);
  });

  it("is closed for a stage the cycle does not have", () => {
    expect(
      stageWindow(
        stages.filter((s) => s.kind !== "SURVEY"),
        "SURVEY",
        at("2026-06-01T00:00:00Z"),
      ),
    ).toEqual({ open: false, reason: "NO_STAGE", window: null });
  });

  it("opens the self-assessment of a reopened locus past the deadline, never before the stage", () => {
    const reopened = endOfDayWib("2026-08-10");
    expect(stageWindow(stages, "SELF_ASSESSMENT", at("2026-08-05T00:00:00Z"), reopened)).toEqual({ open: true, until: reopened });
    expect(stageWindow(stages, "SELF_ASSESSMENT", at("2026-04-01T00:00:00Z"), reopened)).toMatchObject({ open: false, reason: "NOT_STARTED" });
  });

  it("says whether a stage has begun, for one-off decisions such as publishing", () => {
    expect(stageHasStarted(stages, "PUBLICATION", at("2027-03-14T00:00:00Z"))).toBe(false);
    expect(stageHasStarted(stages, "PUBLICATION", at("2027-03-20T00:00:00Z"))).toBe(true);
    expect(stageHasStarted(stages, "PUBLICATION", at("2028-01-01T00:00:00Z"))).toBe(true);
  });
});
