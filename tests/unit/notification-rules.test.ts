import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { endOfDayWib, startOfDayWib } from "@/lib/domain/cycle/dates";
import { afterFailure, DELIVERY_MAX_ATTEMPTS, retryDelaySeconds } from "@/lib/domain/notifications/delivery";
import { NOTIFICATION_KINDS } from "@/lib/domain/notifications/events";
import { channelFor, DEFAULT_CHANNEL } from "@/lib/domain/notifications/preferences";
import { AUDIENCE, commentRecipients, notificationLink } from "@/lib/domain/notifications/recipients";
import { closesAt, dueReminderOffset, nextReminderChange, REMINDER_OFFSETS_DAYS, reminderKey, reminderMark } from "@/lib/domain/notifications/reminders";
import { ROLES } from "@/lib/domain/roles";

const DAY = 24 * 60 * 60 * 1000;
const stage = { startsAt: startOfDayWib("2026-05-01"), endsAt: endOfDayWib("2026-07-31") };

/** A stage of 1 to 120 whole WIB days, starting somewhere in 2026–2027. */
const stageArb = fc.record({ startDay: fc.integer({ min: 0, max: 700 }), length: fc.integer({ min: 1, max: 120 }) }).map(({ startDay, length }) => {
  const startsAt = new Date(startOfDayWib("2026-01-01").getTime() + startDay * DAY);
  return { startsAt, endsAt: new Date(startsAt.getTime() + length * DAY - 1) };
});
/** An instant from a little before the stage to a little after it. */
const instantIn = (s: { startsAt: Date; endsAt: Date }) =>
  fc.integer({ min: s.startsAt.getTime() - 3 * DAY, max: s.endsAt.getTime() + 3 * DAY }).map((t) => new Date(t));

describe("deadline reminders: which offset is due at time t (docs/domain.md §3.2)", () => {
  it("puts the marks at 00:00 WIB, 7, 3 and 1 days before the day after the last day", () => {
    expect(closesAt(stage).toISOString()).toBe("2026-07-31T17:00:00.000Z");
    expect(REMINDER_OFFSETS_DAYS.map((d) => reminderMark(stage, d).toISOString())).toEqual([
      "2026-07-24T17:00:00.000Z",
      "2026-07-28T17:00:00.000Z",
      "2026-07-30T17:00:00.000Z",
    ]);
    expect(dueReminderOffset(stage, new Date("2026-07-24T16:59:59.999Z"))).toBeNull();
    expect(dueReminderOffset(stage, new Date("2026-07-24T17:00:00.000Z"))).toBe(7);
    expect(dueReminderOffset(stage, new Date("2026-07-29T03:00:00.000Z"))).toBe(3);
    expect(dueReminderOffset(stage, new Date("2026-07-31T16:59:59.999Z"))).toBe(1);
    expect(dueReminderOffset(stage, new Date("2026-07-31T17:00:00.000Z"))).toBeNull();
    expect(reminderKey("c1", "SELF_ASSESSMENT", 3)).toBe("reminder:c1:SELF_ASSESSMENT:3");
  });

  it("is due only while the stage is open, and then is the smallest offset whose mark has passed", () => {
    fc.assert(
      fc.property(
        stageArb.chain((s) => fc.tuple(fc.constant(s), instantIn(s))),
        ([s, now]) => {
          const due = dueReminderOffset(s, now);
          const open = now >= s.startsAt && now <= s.endsAt;
          if (!open) {
            expect(due).toBeNull();
            return;
          }
          const passed = REMINDER_OFFSETS_DAYS.filter((d) => reminderMark(s, d) <= now);
          expect(due).toBe(passed.length === 0 ? null : Math.min(...passed));
        },
      ),
    );
  });

  it("never goes back to a larger offset as time moves on (so a mark, once passed, is never due again)", () => {
    fc.assert(
      fc.property(
        stageArb.chain((s) => fc.tuple(fc.constant(s), instantIn(s), instantIn(s))),
        ([s, a, b]) => {
          const [early, late] = a <= b ? [a, b] : [b, a];
          const first = dueReminderOffset(s, early);
          const second = dueReminderOffset(s, late);
          if (first !== null && second !== null) expect(second).toBeLessThanOrEqual(first);
        },
      ),
    );
  });

  it("scanned at any times, each offset is sent at most once per person, and every mark inside an open stage is sent when scanned hourly", () => {
    fc.assert(
      fc.property(
        stageArb.chain((s) => fc.tuple(fc.constant(s), fc.array(instantIn(s), { maxLength: 40 }))),
        ([s, scans]) => {
          // The unique key is what the database enforces: a set of keys sent.
          const sent = new Set<string>();
          const attempts: string[] = [];
          for (const now of [...scans].sort((x, y) => x.getTime() - y.getTime())) {
            const due = dueReminderOffset(s, now);
            if (due === null) continue;
            const key = reminderKey("cycle", "VERIFICATION", due);
            attempts.push(key);
            sent.add(key);
          }
          expect([...sent].every((k) => attempts.includes(k))).toBe(true);
          expect(sent.size).toBeLessThanOrEqual(REMINDER_OFFSETS_DAYS.length);
        },
      ),
    );
    fc.assert(
      fc.property(stageArb, (s) => {
        const sent = new Set<number>();
        for (let t = s.startsAt.getTime(); t <= s.endsAt.getTime(); t += 60 * 60 * 1000) {
          const due = dueReminderOffset(s, new Date(t));
          if (due !== null) sent.add(due);
        }
        const expected = REMINDER_OFFSETS_DAYS.filter((d) => reminderMark(s, d) > s.startsAt);
        // Each mark after the start is due at its own hour; marks before the start collapse into the
        // first due offset at the start (the smallest passed one), never several at once.
        for (const d of expected) expect(sent.has(d)).toBe(true);
        expect(sent.size).toBeLessThanOrEqual(expected.length + 1);
      }),
    );
  });

  it("knows the next instant the due offset changes, and nothing changes before it", () => {
    fc.assert(
      fc.property(
        stageArb.chain((s) => fc.tuple(fc.constant(s), instantIn(s), fc.double({ min: 0, max: 1, noNaN: true }))),
        ([s, now, fraction]) => {
          const next = nextReminderChange(s, now);
          if (next === null) {
            expect(dueReminderOffset(s, new Date(Math.max(now.getTime(), s.endsAt.getTime())))).toBe(now > s.endsAt ? null : dueReminderOffset(s, s.endsAt));
            return;
          }
          expect(next.getTime()).toBeGreaterThan(now.getTime());
          const between = new Date(now.getTime() + Math.floor((next.getTime() - 1 - now.getTime()) * fraction));
          if (now >= s.startsAt) expect(dueReminderOffset(s, between)).toBe(dueReminderOffset(s, now));
        },
      ),
    );
  });
});

describe("recipients and links", () => {
  it("sends a comment to participants and mentioned users in scope, once each, never to the author; a mention wins", () => {
    const ids = fc.constantFrom<string>("a", "b", "c", "d", "e");
    fc.assert(
      fc.property(ids, fc.array(ids), fc.array(ids), fc.subarray(["a", "b", "c", "d", "e"]), (author, participants, mentioned, inScope) => {
        const out = commentRecipients({ authorId: author, participantIds: participants, mentionedUserIds: mentioned }, (id) => inScope.includes(id));
        expect(out.has(author)).toBe(false);
        for (const [id, kind] of out) {
          expect(inScope).toContain(id);
          expect(kind).toBe(mentioned.includes(id) ? "comment.mentioned" : "comment.posted");
          expect(participants.includes(id) || mentioned.includes(id)).toBe(true);
        }
        for (const id of new Set([...participants, ...mentioned])) if (id !== author && inScope.includes(id)) expect(out.has(id)).toBe(true);
      }),
    );
  });

  it("has an audience for every event and a link inside the portal for every kind and role", () => {
    for (const kind of NOTIFICATION_KINDS) {
      for (const role of ROLES) {
        const link = notificationLink(kind, role, { assessmentId: "a1", indicatorCode: "1.a.Ak", recommendationId: "r1", stage: "FOLLOW_UP" });
        expect(link).toMatch(/^\/[a-z]/);
      }
    }
    expect(Object.keys(AUDIENCE).sort()).toEqual(NOTIFICATION_KINDS.filter((k) => k !== "comment.mentioned" && k !== "reminder.deadline").sort());
    expect(notificationLink("assessment.returned", "EVALUATOR", { assessmentId: "a1", indicatorCode: "1.a.Ak" })).toBe("/assessments/a1#indikator-1.a.Ak");
    expect(notificationLink("assessment.submitted", "VERIFIER", { assessmentId: "a1" })).toBe("/assessments/a1/review");
    expect(notificationLink("comment.posted", "VERIFIER", { assessmentId: "a1", indicatorCode: "1.a.Ak" })).toBe("/assessments/a1/review#indikator-1.a.Ak");
    expect(notificationLink("reminder.deadline", "VERIFIER", { stage: "VERIFICATION" })).toBe("/verification");
  });

  it("uses the user's own choice per kind, e-mail at once otherwise", () => {
    expect(channelFor("assessment.approved", new Map([["assessment.approved", "DIGEST"]]))).toBe("DIGEST");
    expect(channelFor("assessment.returned", new Map([["assessment.approved", "DIGEST"]]))).toBe(DEFAULT_CHANNEL);
  });
});

describe("delivery retries", () => {
  it("waits longer after each failure, like graphile-worker (3 s, 7 s, 20 s … at most 6 h), and gives up after the last attempt", () => {
    expect([1, 2, 3, 4, 10, 11, 24].map(retryDelaySeconds)).toEqual([3, 7, 20, 55, 22026, 22026, 22026]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), (n) => {
        expect(retryDelaySeconds(n + 1)).toBeGreaterThanOrEqual(retryDelaySeconds(n));
        const next = afterFailure(n);
        expect(next).toEqual(
          n >= DELIVERY_MAX_ATTEMPTS ? { status: "FAILED", retryInSeconds: null } : { status: "RETRYING", retryInSeconds: retryDelaySeconds(n) },
        );
      }),
    );
    const total = Array.from({ length: DELIVERY_MAX_ATTEMPTS - 1 }, (_, i) => retryDelaySeconds(i + 1)).reduce((a, b) => a + b, 0);
    expect(total / 86_400).toBeGreaterThan(3);
  });
});

describe("the worker's schedule", () => {
  it("is a crontab graphile-worker accepts, with its task names", async () => {
    const { parseCrontab } = await import("graphile-worker");
    const { CRONTAB, TASKS } = await import("@/lib/server/notifications/queue");
    expect(parseCrontab(CRONTAB).map((item) => item.task)).toEqual([TASKS.reminders, TASKS.digest]);
  });
});
