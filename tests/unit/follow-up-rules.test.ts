import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  actionDateProblem,
  calendarDate,
  completionPercent,
  countCompletion,
  daysBetween,
  FOLLOW_UP_REVIEWS,
  FOLLOW_UP_STATUSES,
  followUpEditProblem,
  groupCompletion,
  isCompleted,
  isOverdue,
  previousCycleOf,
  progressOf,
  reviewOutcome,
  type FollowUpFacts,
  type RecommendationFacts,
} from "@/lib/domain/follow-up";

const action = (status: FollowUpFacts["status"], review: FollowUpFacts["review"] = "PENDING"): FollowUpFacts => ({ status, review });
const rec = (followUps: FollowUpFacts[] = [], targetDate: string | null = "2026-09-30", status: "OPEN" | "CLOSED" = "OPEN"): RecommendationFacts => ({
  status,
  targetDate,
  followUps,
});

const followUpArb = fc.record({ status: fc.constantFrom(...FOLLOW_UP_STATUSES), review: fc.constantFrom(...FOLLOW_UP_REVIEWS) });
const dateArb = fc
  .date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const recArb = fc.record({
  status: fc.constantFrom("OPEN" as const, "CLOSED" as const),
  targetDate: fc.option(dateArb, { nil: null }),
  followUps: fc.array(followUpArb, { maxLength: 5 }),
});

describe("progress of a recommendation", () => {
  it("names each state from its follow-up actions, in the documented precedence", () => {
    expect(progressOf(rec())).toBe("NONE");
    expect(progressOf(rec([action("PLANNED")]))).toBe("PLANNED");
    expect(progressOf(rec([action("PLANNED"), action("IN_PROGRESS", "ACCEPTED")]))).toBe("IN_PROGRESS");
    expect(progressOf(rec([action("IN_PROGRESS"), action("PLANNED", "MORE_REQUESTED")]))).toBe("MORE_REQUESTED");
    expect(progressOf(rec([action("DONE", "MORE_REQUESTED")]))).toBe("MORE_REQUESTED");
    expect(progressOf(rec([action("DONE", "MORE_REQUESTED"), action("DONE")]))).toBe("AWAITING_REVIEW");
    expect(progressOf(rec([action("DONE"), action("DONE", "ACCEPTED")]))).toBe("COMPLETED");
    expect(progressOf(rec([], null, "CLOSED"))).toBe("COMPLETED");
  });

  it("is completed only when closed or when a DONE action was accepted", () => {
    fc.assert(
      fc.property(recArb, (r) => {
        expect(isCompleted(r)).toBe(r.status === "CLOSED" || r.followUps.some((f) => f.status === "DONE" && f.review === "ACCEPTED"));
        expect(progressOf(r) === "COMPLETED").toBe(isCompleted(r));
      }),
    );
  });

  it("accepting a DONE action always completes the recommendation, whatever else was reported", () => {
    fc.assert(
      fc.property(recArb, (r) => {
        expect(progressOf({ ...r, followUps: [...r.followUps, action("DONE", "ACCEPTED")] })).toBe("COMPLETED");
      }),
    );
  });
});

describe("overdue rule: target date before today and not completed", () => {
  it("is in time on the target date itself and overdue from the next day", () => {
    expect(isOverdue(rec([], "2026-09-30"), "2026-09-30")).toBe(false);
    expect(isOverdue(rec([], "2026-09-30"), "2026-10-01")).toBe(true);
  });

  it("is never overdue without a target date, nor once completed", () => {
    expect(isOverdue(rec([], null), "2099-01-01")).toBe(false);
    expect(isOverdue(rec([action("DONE", "ACCEPTED")], "2020-01-01"), "2026-01-01")).toBe(false);
    expect(isOverdue(rec([], "2020-01-01", "CLOSED"), "2026-01-01")).toBe(false);
  });

  it("keeps counting a DONE action that still waits for the verifier, or was sent back", () => {
    expect(isOverdue(rec([action("DONE")], "2026-01-01"), "2026-02-01")).toBe(true);
    expect(isOverdue(rec([action("DONE", "MORE_REQUESTED")], "2026-01-01"), "2026-02-01")).toBe(true);
  });

  it("once overdue, stays overdue on every later day while nothing changes", () => {
    fc.assert(
      fc.property(recArb, dateArb, dateArb, (r, a, b) => {
        const [earlier, later] = a <= b ? [a, b] : [b, a];
        if (isOverdue(r, earlier)) expect(isOverdue(r, later)).toBe(true);
      }),
    );
  });

  it("takes today as the calendar date in Jakarta (UTC+7)", () => {
    expect(calendarDate(new Date("2026-09-30T16:59:59Z"))).toBe("2026-09-30");
    expect(calendarDate(new Date("2026-09-30T17:00:00Z"))).toBe("2026-10-01");
    expect(daysBetween("2026-09-30", "2026-10-02")).toBe(2);
    expect(daysBetween("2026-10-02", "2026-09-30")).toBe(-2);
  });
});

describe("completion rate", () => {
  it("counts completed and overdue recommendations", () => {
    const today = "2026-11-23";
    const rows = [rec([action("DONE", "ACCEPTED")], "2026-01-01"), rec([action("IN_PROGRESS")], "2026-01-01"), rec([], "2027-01-01")];
    expect(countCompletion(rows, today)).toEqual({ total: 3, completed: 1, overdue: 1 });
  });

  it("rounds half up to one decimal with integers only", () => {
    expect(completionPercent({ completed: 2, total: 3 })).toBe("66.7");
    expect(completionPercent({ completed: 1, total: 3 })).toBe("33.3");
    expect(completionPercent({ completed: 1, total: 8 })).toBe("12.5");
    expect(completionPercent({ completed: 1, total: 16 })).toBe("6.3"); // 6.25 → 6.3
    expect(completionPercent({ completed: 0, total: 5 })).toBe("0.0");
    expect(completionPercent({ completed: 5, total: 5 })).toBe("100.0");
    expect(completionPercent({ completed: 0, total: 0 })).toBeNull();
  });

  it("stays within 0–100 and matches the exact ratio within half a tenth", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.nat(), (total, n) => {
        const completed = n % (total + 1);
        const percent = Number(completionPercent({ completed, total }));
        expect(percent).toBeGreaterThanOrEqual(0);
        expect(percent).toBeLessThanOrEqual(100);
        expect(Math.abs(percent - (completed * 100) / total)).toBeLessThanOrEqual(0.05 + 1e-9);
      }),
    );
  });

  it("groups add up to the whole: per institution, province or aspect nothing is lost or counted twice", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(recArb, fc.constantFrom("A", "B", "C")), { maxLength: 40 }), dateArb, (rows, today) => {
        const items = rows.map(([r, group]) => ({ ...r, group }));
        const groups = groupCompletion(items, (r) => r.group, today);
        const sum = [...groups.values()].reduce(
          (s, c) => ({ total: s.total + c.total, completed: s.completed + c.completed, overdue: s.overdue + c.overdue }),
          { total: 0, completed: 0, overdue: 0 },
        );
        expect(sum).toEqual(countCompletion(items, today));
        for (const count of groups.values()) expect(count.completed + count.overdue).toBeLessThanOrEqual(count.total);
      }),
    );
  });

  it("leaves rows without a group out of the grouping", () => {
    const groups = groupCompletion(
      [
        { ...rec(), province: null },
        { ...rec(), province: "Sumatera Selatan" },
      ],
      (r) => r.province,
      "2026-01-01",
    );
    expect([...groups.keys()]).toEqual(["Sumatera Selatan"]);
  });
});

describe("who may change what", () => {
  it("refuses new or changed actions on a closed recommendation and on an action DONE and ACCEPTED", () => {
    expect(followUpEditProblem({ status: "CLOSED" })).toBe("followUp.recommendationClosed");
    expect(followUpEditProblem({ status: "OPEN" }, action("DONE", "ACCEPTED"))).toBe("followUp.settled");
    expect(followUpEditProblem({ status: "OPEN" }, action("IN_PROGRESS", "ACCEPTED"))).toBeNull();
    expect(followUpEditProblem({ status: "OPEN" }, action("DONE", "MORE_REQUESTED"))).toBeNull();
    expect(followUpEditProblem({ status: "OPEN" })).toBeNull();
  });

  it("refuses a DONE action dated after today; a planned one may lie ahead", () => {
    expect(actionDateProblem("DONE", "2026-11-24", "2026-11-23")).toBe("followUp.doneInFuture");
    expect(actionDateProblem("DONE", "2026-11-23", "2026-11-23")).toBeNull();
    expect(actionDateProblem("PLANNED", "2027-03-01", "2026-11-23")).toBeNull();
  });

  it("lets the verifier decide only on a pending action; accepting a DONE one closes the recommendation", () => {
    expect(reviewOutcome(action("DONE"), "ACCEPT")).toEqual({ ok: true, review: "ACCEPTED", closesRecommendation: true });
    expect(reviewOutcome(action("IN_PROGRESS"), "ACCEPT")).toEqual({ ok: true, review: "ACCEPTED", closesRecommendation: false });
    expect(reviewOutcome(action("DONE"), "REQUEST_MORE")).toEqual({ ok: true, review: "MORE_REQUESTED", closesRecommendation: false });
    for (const review of ["ACCEPTED", "MORE_REQUESTED"] as const) {
      expect(reviewOutcome(action("DONE", review), "ACCEPT")).toEqual({ ok: false, problem: "followUp.notPending" });
    }
  });
});

describe("the previous cycle of a locus", () => {
  const at = (iso: string) => new Date(iso);
  const cycles = [
    { id: "c2024", year: 2024, createdAt: at("2024-01-01") },
    { id: "c2025", year: 2025, createdAt: at("2025-01-01") },
    { id: "c2026", year: 2026, createdAt: at("2026-01-01") },
  ];

  it("is the cycle of the latest earlier year", () => {
    expect(previousCycleOf(cycles, cycles[2]!)?.id).toBe("c2025");
    expect(previousCycleOf(cycles, cycles[1]!)?.id).toBe("c2024");
    expect(previousCycleOf(cycles, cycles[0]!)).toBeNull();
  });

  it("skips a missing year, and takes the latest created among cycles of the same year", () => {
    expect(previousCycleOf([cycles[0]!, cycles[2]!], cycles[2]!)?.id).toBe("c2024");
    const rerun = { id: "c2025b", year: 2025, createdAt: at("2025-06-01") };
    expect(previousCycleOf([...cycles, rerun], cycles[2]!)?.id).toBe("c2025b");
  });
});
