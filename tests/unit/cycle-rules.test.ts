import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  archivableFrom,
  areSettingsEditable,
  DEFAULT_ARCHIVE_AFTER_MONTHS,
  areStagesEditable,
  checkNewVersionLabel,
  copyDefinition,
  decideCycleAction,
  endOfDayWib,
  isOverdue,
  isPubliclyVisible,
  isVersionReadOnly,
  keepsIdentity,
  standardStageDates,
  startOfDayWib,
  statusMatrix,
  suggestNextVersionLabel,
  verifierWorkload,
  type CycleFacts,
} from "@/lib/domain/cycle";
import { validateInstrument } from "@/lib/domain/instrument";
import { ASSESSMENT_STATUSES } from "@/lib/domain/workflow";
import { readRealInstrument } from "./support/real-instrument";

const NOW = new Date("2027-04-10T03:00:00Z");
const facts = (overrides: Partial<CycleFacts> = {}): CycleFacts => ({
  status: "PREPARATION",
  publishedAt: null,
  stages: standardStageDates(2026),
  otherActiveCycle: false,
  lociInVerification: 0,
  ...overrides,
});

describe("a cycle's life: start, close, publish, unpublish", () => {
  it("starts a cycle in preparation with a valid schedule while no other cycle runs", () => {
    expect(decideCycleAction("START", facts(), NOW)).toEqual({ ok: true, status: "ACTIVE", published: false });
    expect(decideCycleAction("START", facts({ otherActiveCycle: true }), NOW)).toEqual({ ok: false, reason: "ANOTHER_ACTIVE" });
    expect(decideCycleAction("START", facts({ stages: standardStageDates(2026).slice(1) }), NOW)).toEqual({ ok: false, reason: "STAGES_INVALID" });
    expect(decideCycleAction("START", facts({ status: "ACTIVE" }), NOW)).toEqual({ ok: false, reason: "WRONG_STATUS" });
  });

  it("closes a running cycle only once finalisation has begun and no locus is still with the verifiers", () => {
    const running = facts({ status: "ACTIVE" });
    expect(decideCycleAction("CLOSE", running, NOW)).toEqual({ ok: true, status: "FINALISED", published: false });
    expect(decideCycleAction("CLOSE", { ...running, lociInVerification: 3 }, NOW)).toEqual({ ok: false, reason: "LOCI_IN_VERIFICATION" });
    expect(decideCycleAction("CLOSE", running, new Date("2026-10-01T00:00:00Z"))).toEqual({ ok: false, reason: "FINALISATION_NOT_STARTED" });
    expect(decideCycleAction("CLOSE", facts(), NOW)).toEqual({ ok: false, reason: "WRONG_STATUS" });
  });

  it("archives a published cycle once its retention has passed and no correction is open, for good", () => {
    const published = facts({ status: "FINALISED", publishedAt: new Date("2026-01-31T05:00:00Z"), archiveAfterMonths: 1 });
    // One month after 31 January is the last day of February, at the same time of day.
    expect(archivableFrom(new Date("2026-01-31T05:00:00Z"), 1)).toEqual(new Date("2026-02-28T05:00:00Z"));
    expect(decideCycleAction("ARCHIVE", published, new Date("2026-02-28T04:59:59Z"))).toEqual({ ok: false, reason: "RETENTION_NOT_REACHED" });
    expect(decideCycleAction("ARCHIVE", published, new Date("2026-02-28T05:00:00Z"))).toEqual({ ok: true, status: "ARCHIVED", published: true });
    expect(decideCycleAction("ARCHIVE", { ...published, openCorrections: 1 }, NOW)).toEqual({ ok: false, reason: "CORRECTION_OPEN" });
    expect(decideCycleAction("ARCHIVE", { ...published, publishedAt: null }, NOW)).toEqual({ ok: false, reason: "NOT_PUBLISHED" });
    // Without a deployment setting, a year.
    expect(decideCycleAction("ARCHIVE", { ...published, archiveAfterMonths: undefined }, new Date("2027-01-30T00:00:00Z"))).toEqual({
      ok: false,
      reason: "RETENTION_NOT_REACHED",
    });
    expect(DEFAULT_ARCHIVE_AFTER_MONTHS).toBe(12);
    for (const status of ["PREPARATION", "ACTIVE", "ARCHIVED"] as const) {
      expect(decideCycleAction("ARCHIVE", { ...published, status }, NOW)).toEqual({ ok: false, reason: "WRONG_STATUS" });
    }
    // Archived results stay public, and can no longer be withdrawn.
    expect(isPubliclyVisible({ status: "ARCHIVED", publishedAt: NOW })).toBe(true);
    expect(decideCycleAction("UNPUBLISH", { ...published, status: "ARCHIVED" }, NOW)).toEqual({ ok: false, reason: "WRONG_STATUS" });
  });

  it("never archives before the retention has passed, whatever the month lengths", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: 1, max: 60 }),
        (publishedAt, months) => {
          const from = archivableFrom(publishedAt, months);
          const monthsApart = (from.getUTCFullYear() - publishedAt.getUTCFullYear()) * 12 + from.getUTCMonth() - publishedAt.getUTCMonth();
          expect(monthsApart).toBe(months);
          expect(from.getTime()).toBeGreaterThan(publishedAt.getTime());
          expect(from.getUTCDate()).toBeLessThanOrEqual(publishedAt.getUTCDate());
        },
      ),
    );
  });

  it("publishes a finalised cycle once the publication stage has begun, and only once", () => {
    const finalised = facts({ status: "FINALISED" });
    expect(decideCycleAction("PUBLISH", finalised, NOW)).toEqual({ ok: true, status: "FINALISED", published: true });
    expect(decideCycleAction("PUBLISH", finalised, new Date("2027-03-01T00:00:00Z"))).toEqual({ ok: false, reason: "PUBLICATION_NOT_STARTED" });
    expect(decideCycleAction("PUBLISH", { ...finalised, publishedAt: NOW }, NOW)).toEqual({ ok: false, reason: "ALREADY_PUBLISHED" });
    for (const status of ["PREPARATION", "ACTIVE", "ARCHIVED"] as const) {
      expect(decideCycleAction("PUBLISH", facts({ status }), NOW)).toEqual({ ok: false, reason: "WRONG_STATUS" });
    }
  });

  it("unpublishes a published cycle at any time, leaving its status", () => {
    expect(decideCycleAction("UNPUBLISH", facts({ status: "FINALISED", publishedAt: NOW }), NOW)).toEqual({ ok: true, status: "FINALISED", published: false });
    expect(decideCycleAction("UNPUBLISH", facts({ status: "FINALISED" }), NOW)).toEqual({ ok: false, reason: "NOT_PUBLISHED" });
  });

  it("shows results publicly only when finalised and published", () => {
    expect(isPubliclyVisible({ status: "FINALISED", publishedAt: NOW })).toBe(true);
    expect(isPubliclyVisible({ status: "FINALISED", publishedAt: null })).toBe(false);
    expect(isPubliclyVisible({ status: "ACTIVE", publishedAt: NOW })).toBe(false);
  });

  it("never publishes what is not finalised, whatever the facts (property)", () => {
    const status = fc.constantFrom("PREPARATION", "ACTIVE", "FINALISED", "ARCHIVED" as const);
    fc.assert(
      fc.property(status, fc.boolean(), fc.boolean(), fc.nat(5), fc.date({ noInvalidDate: true }), (s, published, other, open, now) => {
        const decision = decideCycleAction(
          "PUBLISH",
          facts({ status: s, publishedAt: published ? NOW : null, otherActiveCycle: other, lociInVerification: open }),
          now,
        );
        if (decision.ok) expect(isPubliclyVisible({ status: decision.status, publishedAt: decision.published ? now : null })).toBe(true);
        expect(decision.ok).toBe(
          s === "FINALISED" &&
            !published &&
            now.getTime() >=
              standardStageDates(2026)
                .find((st) => st.kind === "PUBLICATION")!
                .startsAt.getTime(),
        );
      }),
    );
  });

  it("keeps the settings fixed once a cycle runs, while its dates can still move", () => {
    expect(["PREPARATION", "ACTIVE", "FINALISED", "ARCHIVED"].map((s) => [areSettingsEditable(s as never), areStagesEditable(s as never)])).toEqual([
      [true, true],
      [false, true],
      [false, false],
      [false, false],
    ]);
  });
});

describe("instrument versions: read-only once used, new versions by copy", () => {
  const future = { status: "PREPARATION" as const, selfAssessmentStartsAt: new Date("2027-05-01T00:00:00Z") };

  it("is editable while only cycles in preparation, before their self-assessment, use it", () => {
    expect(isVersionReadOnly({ lockedAt: null }, [], NOW)).toBe(false);
    expect(isVersionReadOnly({ lockedAt: null }, [future], NOW)).toBe(false);
    expect(isVersionReadOnly({ lockedAt: null }, [{ status: "PREPARATION", selfAssessmentStartsAt: null }], NOW)).toBe(false);
  });

  it("is read-only once a cycle using it has started or its self-assessment has begun, and stays so", () => {
    expect(isVersionReadOnly({ lockedAt: null }, [future, { status: "ACTIVE", selfAssessmentStartsAt: null }], NOW)).toBe(true);
    expect(isVersionReadOnly({ lockedAt: null }, [{ status: "PREPARATION", selfAssessmentStartsAt: new Date("2027-04-10T03:00:00Z") }], NOW)).toBe(true);
    expect(isVersionReadOnly({ lockedAt: new Date("2026-01-01") }, [], NOW)).toBe(true);
    expect(isVersionReadOnly({ lockedAt: null, answered: true }, [future], NOW)).toBe(true);
  });

  it("needs a version label that is not blank and not taken by the same code (case and spaces ignored)", () => {
    expect(checkNewVersionLabel("  ", ["2025.1"])).toBe("EMPTY");
    expect(checkNewVersionLabel(" 2025.1 ", ["2025.1"])).toBe("TAKEN");
    expect(checkNewVersionLabel("2026-draf", ["2026-DRAF"])).toBe("TAKEN");
    expect(checkNewVersionLabel("2026.1", ["2025.1"])).toBeNull();
  });

  it("suggests a free next label", () => {
    expect(suggestNextVersionLabel(["2025.1"], 2025)).toBe("2025.2");
    expect(suggestNextVersionLabel(["2025.1", "2025.3"], 2025)).toBe("2025.4");
    expect(suggestNextVersionLabel(["2025.1"], 2027)).toBe("2027.1");
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 8 }), { maxLength: 10 }), fc.integer({ min: 2000, max: 2100 }), (existing, year) => {
        expect(checkNewVersionLabel(suggestNextVersionLabel(existing, year), existing)).toBeNull();
      }),
    );
  });

  it("copies a whole definition under a new label without touching the source, and the copy is valid", () => {
    const source = readRealInstrument();
    const before = JSON.stringify(source);
    const copy = copyDefinition(source, " 2026.1 ", "Instrumen 2026");
    expect(JSON.stringify(source)).toBe(before);
    expect(copy).toMatchObject({ code: source.code, version: "2026.1", name: "Instrumen 2026" });
    expect(copy.aspects).toEqual(source.aspects);
    copy.aspects[0]!.indicators[0]!.levels[0]!.description = "diubah";
    expect(source.aspects[0]!.indicators[0]!.levels[0]!.description).not.toBe("diubah");
    expect(validateInstrument(copyDefinition(source, "2026.1")).ok).toBe(true);
  });

  it("keeps a version's code and label when it is edited", () => {
    expect(keepsIdentity({ code: "PEKPPP-A", version: "2026.1" }, { code: "PEKPPP-A", version: "2026.1" })).toBe(true);
    expect(keepsIdentity({ code: "PEKPPP-B", version: "2026.1" }, { code: "PEKPPP-A", version: "2026.1" })).toBe(false);
  });
});

describe("the cycle overview", () => {
  const stage = { startsAt: startOfDayWib("2027-05-01"), endsAt: endOfDayWib("2027-07-31") };
  const after = new Date("2027-08-01T00:00:00Z");

  it("counts a locus overdue when the deadline has passed while it is still with the unit", () => {
    const overdue = ASSESSMENT_STATUSES.filter((s) => isOverdue(s, stage, null, after));
    expect(overdue).toEqual(["DRAFT", "RETURNED"]);
    expect(isOverdue("DRAFT", stage, null, new Date("2027-07-31T12:00:00Z"))).toBe(false);
    expect(isOverdue("DRAFT", stage, endOfDayWib("2027-08-05"), after)).toBe(false);
    expect(isOverdue("DRAFT", null, null, after)).toBe(false);
  });

  it("fills every institution type and status, with totals that add up", () => {
    const matrix = statusMatrix([
      { type: "KOTA", status: "DRAFT", count: 4 },
      { type: "KOTA", status: "FINAL", count: 1 },
      { type: "KL", status: "SUBMITTED", count: 2 },
    ]);
    expect(matrix.rows.map((r) => r.type)).toEqual(["KL", "PROVINSI", "KABUPATEN", "KOTA", "BUMN"]);
    expect(matrix.rows[3]).toMatchObject({ type: "KOTA", total: 5, counts: { DRAFT: 4, FINAL: 1, IN_REVIEW: 0 } });
    expect(matrix.totals).toMatchObject({ DRAFT: 4, SUBMITTED: 2, IN_REVIEW: 0, RETURNED: 0, VERIFIED: 0, FINAL: 1, AWAITING_VALIDATION: 0 });
    expect(matrix.total).toBe(7);
  });

  it("adds up each verifier's institutions and loci, open work first", () => {
    const rows = verifierWorkload([
      { verifierId: "a", institutions: 2, status: "DRAFT", count: 3 },
      { verifierId: "a", institutions: 2, status: "FINAL", count: 3 },
      { verifierId: "b", institutions: 1, status: "SUBMITTED", count: 2 },
      { verifierId: "b", institutions: 1, status: "IN_REVIEW", count: 1 },
      { verifierId: "c", institutions: 1, status: null, count: 0 },
    ]);
    expect(rows.map((r) => [r.verifierId, r.institutions, r.loci, r.open])).toEqual([
      ["b", 1, 3, 3],
      ["a", 2, 6, 0],
      ["c", 1, 0, 0],
    ]);
  });
});

describe("the rows that store a version", () => {
  it("keep every aspect, indicator, level and survey item in the definition's order, linked by id", async () => {
    const { instrumentRows } = await import("@/lib/domain/cycle");
    const source = readRealInstrument();
    let n = 0;
    const rows = instrumentRows(source, "v1", () => `id-${++n}`);
    expect(rows.aspects.map((a) => [a.code, a.weight, a.position])).toEqual(source.aspects.map((a, i) => [a.code, a.weight, i]));
    expect(rows.indicators.map((i) => i.code)).toEqual(source.aspects.flatMap((a) => a.indicators.map((i) => i.code)));
    expect(rows.indicators.map((i) => i.position)).toEqual(rows.indicators.map((_, i) => i));
    const aspectOf = new Map(rows.aspects.map((a) => [a.id, a.code]));
    expect(rows.indicators.find((i) => i.code === "11.b.K")).toMatchObject({ weight: 20, instrumentVersionId: "v1" });
    expect(aspectOf.get(rows.indicators.find((i) => i.code === "11.b.K")!.aspectId)).toBe("II");
    expect(rows.levels).toHaveLength(rows.indicators.length * 6);
    expect(rows.surveyItems.map((s) => s.code)).toEqual(source.surveyItems.map((s) => s.code));
  });
});

describe("locating a validation problem in the editor", () => {
  it("finds the item of every problem the validator reports, by code or by position", async () => {
    const { locateProblem } = await import("@/lib/domain/cycle");
    const broken = structuredClone(readRealInstrument());
    broken.aspects[0]!.weight = 30;
    broken.aspects[1]!.indicators[2]!.code = broken.aspects[1]!.indicators[0]!.code;
    broken.aspects[2]!.indicators[1]!.levels[3]!.description = " ";
    broken.aspects[3]!.indicators[0]!.weight = 31;
    broken.surveyItems[4]!.text = "";
    const result = validateInstrument(broken);
    expect(result.ok).toBe(false);
    const located = result.ok ? [] : result.problems.map((p) => [p.code, locateProblem(broken, p.path)]);
    expect(located).toEqual(
      expect.arrayContaining([
        ["DUPLICATE_CODE", { aspect: 1, indicator: 2 }],
        ["EMPTY_TEXT", { aspect: 2, indicator: 1, level: 3, field: "description" }],
        ["INDICATOR_WEIGHTS_SUM", { aspect: 3 }],
        ["ASPECT_WEIGHTS_SUM", { field: "aspects" }],
        ["EMPTY_TEXT", { surveyItem: 4, field: "text" }],
      ]),
    );
    expect(locateProblem(broken, "aspects[II].indicators[11.b.K].weight")).toEqual({ aspect: 1, indicator: 1, field: "weight" });
    expect(locateProblem(broken, "aspects[ZZ].weight")).toEqual({ aspect: undefined, field: "weight" });
  });
});
