import { describe, expect, it } from "vitest";
import { CYCLE_ACTIONS, decideCycleAction, type CycleFacts } from "@/lib/domain/cycle";
import { isScoredIndicator } from "@/lib/domain/instrument";
import { missingVerifiedLevels, whyNotApprove, whyNotFinalise, type StageKind } from "@/lib/domain/workflow";
import { readRealInstrument } from "./support/real-instrument";

const day = (d: number) => new Date(Date.UTC(2026, 5, d));
const stage = (kind: StageKind, from: number, to: number) => ({ kind, startsAt: day(from), endsAt: day(to) });

describe("missingVerifiedLevels: the approval's rule", () => {
  const instrument = readRealInstrument();
  const scored = instrument.aspects.flatMap((a) => a.indicators.filter(isScoredIndicator));
  const unscored = instrument.aspects.flatMap((a) => a.indicators.filter((i) => !isScoredIndicator(i)));

  it("lists every scored indicator, in instrument order, with its aspect and title, when nothing is verified", () => {
    const missing = missingVerifiedLevels(instrument, {});
    expect(missing.map((m) => m.indicatorCode)).toEqual(scored.map((i) => i.code));
    expect(missing[0]).toEqual({ aspectCode: instrument.aspects[0]!.code, indicatorCode: scored[0]!.code, indicatorName: scored[0]!.name });
  });

  it("is empty once every scored indicator has a level (0 counts), whatever the unscored ones hold", () => {
    const levels = Object.fromEntries(scored.map((i) => [i.code, { level: 0 }]));
    expect(unscored.length).toBeGreaterThan(0);
    expect(missingVerifiedLevels(instrument, levels)).toEqual([]);
  });

  it("counts a saved note without a level (null) as missing", () => {
    const levels = Object.fromEntries(scored.map((i) => [i.code, { level: 3 }]));
    levels[scored[5]!.code] = { level: null as unknown as number };
    expect(missingVerifiedLevels(instrument, levels).map((m) => m.indicatorCode)).toEqual([scored[5]!.code]);
  });
});

describe("whyNotApprove", () => {
  const stages = [stage("VERIFICATION", 10, 20)];
  const missing = [{ aspectCode: "1", indicatorCode: "1.a.Ak", indicatorName: "Standar Pelayanan" }];
  const base = { status: "IN_REVIEW" as const, role: "VERIFIER" as const, stages, now: day(15), missing: [] };

  it("allows an approval in review, within the stage, with every level set", () => {
    expect(whyNotApprove(base)).toBeNull();
  });
  it("names the missing indicators", () => {
    expect(whyNotApprove({ ...base, missing })).toEqual({ reason: "LEVELS_MISSING", missing });
  });
  it("refuses from a status APPROVE does not leave (a submitted locus needs its review started)", () => {
    expect(whyNotApprove({ ...base, status: "SUBMITTED", missing })).toEqual({ reason: "WRONG_STATUS", status: "SUBMITTED" });
    expect(whyNotApprove({ ...base, role: "ADMIN" })).toEqual({ reason: "WRONG_STATUS", status: "IN_REVIEW" });
  });
  it("says the stage is closed before anything else, with its dates", () => {
    expect(whyNotApprove({ ...base, now: day(21), missing })).toEqual({ reason: "ENDED", window: { startsAt: day(10), endsAt: day(20) } });
    expect(whyNotApprove({ ...base, now: day(9) })).toMatchObject({ reason: "NOT_STARTED" });
    expect(whyNotApprove({ ...base, stages: [] })).toEqual({ reason: "NO_STAGE" });
  });
});

describe("whyNotFinalise", () => {
  const stages = [stage("FINALISATION", 10, 20)];
  const base = { stages, now: day(12), verified: 3, openAppeals: 0 };

  it("allows finalising within the stage with verified loci and no open appeal", () => {
    expect(whyNotFinalise(base)).toBeNull();
  });
  it("refuses before and after the finalisation stage, and without one", () => {
    expect(whyNotFinalise({ ...base, now: day(5) })).toEqual({ reason: "NOT_STARTED", window: { startsAt: day(10), endsAt: day(20) } });
    expect(whyNotFinalise({ ...base, now: day(25) })).toMatchObject({ reason: "ENDED" });
    expect(whyNotFinalise({ ...base, stages: [stage("VERIFICATION", 1, 9)] })).toEqual({ reason: "NO_STAGE" });
  });
  it("has nothing to do without a verified locus", () => {
    expect(whyNotFinalise({ ...base, verified: 0, openAppeals: 2 })).toEqual({ reason: "NOTHING_VERIFIED" });
  });
  it("waits for open appeals, with their count", () => {
    expect(whyNotFinalise({ ...base, openAppeals: 2 })).toEqual({ reason: "APPEALS_OPEN", count: 2 });
  });
  it("includes both ends of the stage (inclusive instants)", () => {
    expect(whyNotFinalise({ ...base, now: day(10) })).toBeNull();
    expect(whyNotFinalise({ ...base, now: day(20) })).toBeNull();
  });
});

describe("the cycle page's reasons come from decideCycleAction", () => {
  const facts: CycleFacts = {
    status: "ACTIVE",
    publishedAt: null,
    stages: [stage("FINALISATION", 10, 20), stage("PUBLICATION", 21, 25)],
    otherActiveCycle: false,
    lociInVerification: 0,
  };
  it("closing before the finalisation stage is refused with FINALISATION_NOT_STARTED, and allowed once it has begun", () => {
    expect(decideCycleAction("CLOSE", facts, day(5))).toEqual({ ok: false, reason: "FINALISATION_NOT_STARTED" });
    expect(decideCycleAction("CLOSE", facts, day(10))).toMatchObject({ ok: true, status: "FINALISED" });
    expect(decideCycleAction("CLOSE", { ...facts, lociInVerification: 2 }, day(12))).toEqual({ ok: false, reason: "LOCI_IN_VERIFICATION" });
  });
  it("gives every action a decision for a running cycle", () => {
    const reasons = CYCLE_ACTIONS.map((a) => decideCycleAction(a, facts, day(5)));
    expect(reasons.map((r) => (r.ok ? "ok" : r.reason))).toEqual(["WRONG_STATUS", "FINALISATION_NOT_STARTED", "WRONG_STATUS", "NOT_PUBLISHED", "WRONG_STATUS"]);
  });
});
