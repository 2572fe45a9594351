import "server-only";
import { wibDate } from "@/lib/domain/cycle/dates";
import { REMINDER_STAGES, type ReminderStage } from "@/lib/domain/notifications/events";
import { notificationLink } from "@/lib/domain/notifications/recipients";
import { dueReminderOffset, reminderKey } from "@/lib/domain/notifications/reminders";
import { db } from "../db/client";
import type { NotificationDraft } from "./write";
import { writeNotifications } from "./write";

/** Who still has work in a stage, with how much, and the institution it is about (none for a verifier's whole queue). */
interface Pending {
  userId: string;
  institutionId: string | null;
  count: number;
}

/**
 * The people who still have something to do in a stage of a cycle (docs/domain.md §3, §7):
 * evaluators of institutions with loci not submitted (draft or returned); verifiers with
 * submitted loci not yet decided in their assigned institutions; evaluators of institutions with
 * recommendations of the cycle past their target date and not complete.
 */
async function pendingWork(stage: ReminderStage, cycleId: string, today: string): Promise<Pending[]> {
  switch (stage) {
    case "SELF_ASSESSMENT":
      return db.$queryRaw<Pending[]>`
        SELECT u.id AS "userId", l."institutionId", count(*)::int AS count
        FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId"
        JOIN "User" u ON u."institutionId" = l."institutionId" AND u.role = 'EVALUATOR' AND u."isActive"
        WHERE a."cycleId" = ${cycleId}::uuid AND a.status IN ('DRAFT', 'RETURNED')
        GROUP BY u.id, l."institutionId"`;
    case "VERIFICATION":
      return db.$queryRaw<Pending[]>`
        SELECT v."verifierId" AS "userId", NULL::uuid AS "institutionId", count(*)::int AS count
        FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId"
        JOIN "VerifierAssignment" v ON v."cycleId" = a."cycleId" AND v."institutionId" = l."institutionId"
        JOIN "User" u ON u.id = v."verifierId" AND u."isActive"
        WHERE a."cycleId" = ${cycleId}::uuid AND a.status IN ('SUBMITTED', 'IN_REVIEW')
        GROUP BY v."verifierId"`;
    case "FOLLOW_UP":
      return db.$queryRaw<Pending[]>`
        SELECT u.id AS "userId", l."institutionId", count(*)::int AS count
        FROM "Recommendation" r JOIN "Assessment" a ON a.id = r."assessmentId" JOIN "Locus" l ON l.id = a."locusId"
        JOIN "User" u ON u."institutionId" = l."institutionId" AND u.role = 'EVALUATOR' AND u."isActive"
        WHERE a."cycleId" = ${cycleId}::uuid AND r.status = 'OPEN' AND r."targetDate" < ${today}::date
          AND NOT EXISTS (SELECT 1 FROM "FollowUpAction" f WHERE f."recommendationId" = r.id AND f.status = 'DONE' AND f.review = 'ACCEPTED')
        GROUP BY u.id, l."institutionId"`;
  }
}

/** Self-assessment and verification remind while the cycle runs; follow-up comes after it is finalised. */
const STATUSES_FOR: Record<ReminderStage, readonly ("ACTIVE" | "FINALISED")[]> = {
  SELF_ASSESSMENT: ["ACTIVE"],
  VERIFICATION: ["ACTIVE"],
  FOLLOW_UP: ["ACTIVE", "FINALISED"],
};

/**
 * Writes the deadline reminders due at `now` (lib/domain/notifications/reminders.ts): for each
 * running stage whose 7-, 3- or 1-day mark has passed, one notification per person who still has
 * work in it. Each is keyed by cycle, stage and offset per person, so any number of scans, on any
 * number of instances, before or after a restart, write it once. Returns the reminders written.
 */
export async function writeDueReminders(now: Date = new Date()): Promise<{ written: number; stages: number }> {
  const cycles = await db.cycle.findMany({
    where: { status: { in: ["ACTIVE", "FINALISED"] } },
    select: {
      id: true,
      name: true,
      status: true,
      stages: { where: { kind: { in: [...REMINDER_STAGES] } }, select: { kind: true, startsAt: true, endsAt: true } },
    },
  });
  let written = 0;
  let stages = 0;
  for (const cycle of cycles) {
    for (const stage of cycle.stages) {
      const kind = stage.kind as ReminderStage;
      if (!STATUSES_FOR[kind].includes(cycle.status as "ACTIVE" | "FINALISED")) continue;
      const offset = dueReminderOffset(stage, now);
      if (offset === null) continue;
      stages += 1;
      const pending = await pendingWork(kind, cycle.id, wibDate(now));
      const key = reminderKey(cycle.id, kind, offset);
      const drafts: NotificationDraft[] = pending.map((p) => ({
        userId: p.userId,
        kind: "reminder.deadline",
        institutionId: p.institutionId,
        cycleId: cycle.id,
        assessmentId: null,
        link: notificationLink("reminder.deadline", kind === "VERIFICATION" ? "VERIFIER" : "EVALUATOR", { stage: kind }),
        params: { stage: kind, days: offset, endsOn: wibDate(stage.endsAt), cycle: cycle.name, count: p.count },
        dedupeKey: key,
      }));
      // Skip the write when everyone due has theirs already (the common case of an hourly scan).
      const have = await db.notification.findMany({ where: { dedupeKey: key, userId: { in: drafts.map((d) => d.userId) } }, select: { userId: true } });
      const already = new Set(have.map((h) => h.userId));
      // In one order, so two instances writing the same reminders wait for each other, never deadlock.
      const missing = drafts.filter((d) => !already.has(d.userId)).sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
      for (let i = 0; i < missing.length; i += 1_000) {
        const batch = missing.slice(i, i + 1_000);
        written += await db.$transaction((tx) => writeNotifications(tx, batch), { timeout: 120_000 });
      }
    }
  }
  return { written, stages };
}
