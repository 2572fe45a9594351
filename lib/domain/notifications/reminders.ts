import type { StageWindow } from "../workflow/stage-window";
import type { ReminderStage } from "./events";

/**
 * Deadline reminders (issue 14): 7, 3 and 1 days before a stage closes, to the people who still
 * have something to do in it. A stage closes just after its last instant (23:59:59.999 WIB of its
 * last day, docs/domain.md §3.2), so the marks fall at 00:00 WIB, 7, 3 and 1 days before.
 */
export const REMINDER_OFFSETS_DAYS = [7, 3, 1] as const;
export type ReminderOffset = (typeof REMINDER_OFFSETS_DAYS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

/** The instant the stage is over: one millisecond after its inclusive end. */
export const closesAt = (stage: StageWindow) => new Date(stage.endsAt.getTime() + 1);

/** The instant the reminder `offset` days before the stage closes is due. */
export const reminderMark = (stage: StageWindow, offset: number) => new Date(closesAt(stage).getTime() - offset * DAY_MS);

/**
 * The reminder due at `now`, if any: while the stage is open, the smallest offset whose mark has
 * passed. One at a time, so a portal that was down over the 7-day mark and is back within 3 days
 * sends the 3-day reminder, not a stale 7-day one as well. Whether it was already sent is the
 * caller's unique key (`reminderKey`), so scanning often, or on several instances, sends each once.
 */
export function dueReminderOffset(stage: StageWindow, now: Date, offsets: readonly number[] = REMINDER_OFFSETS_DAYS): number | null {
  const t = now.getTime();
  if (t < stage.startsAt.getTime() || t > stage.endsAt.getTime()) return null;
  let due: number | null = null;
  for (const offset of offsets) {
    if (reminderMark(stage, offset).getTime() <= t && (due === null || offset < due)) due = offset;
  }
  return due;
}

/** Once per person, cycle, stage and offset: the notification's unique key for one user. */
export const reminderKey = (cycleId: string, stage: ReminderStage, offset: number) => `reminder:${cycleId}:${stage}:${offset}`;

/**
 * The next instant after `now` at which `dueReminderOffset` changes for this stage (a mark, or the
 * stage's start), or null when nothing more will fall due: lets a scheduler sleep until then.
 */
export function nextReminderChange(stage: StageWindow, now: Date, offsets: readonly number[] = REMINDER_OFFSETS_DAYS): Date | null {
  const t = now.getTime();
  const candidates = [stage.startsAt.getTime(), ...offsets.map((o) => reminderMark(stage, o).getTime())].filter((x) => x > t && x <= stage.endsAt.getTime());
  return candidates.length === 0 ? null : new Date(Math.min(...candidates));
}
