/**
 * Stage dates are chosen as calendar days in Western Indonesia Time (WIB, UTC+7, no daylight
 * saving), the time of the KemenPANRB secretariat that sets them: a stage runs from 00:00 WIB of
 * its first day to 23:59:59.999 WIB of its last day, both inclusive. The same convention as an
 * admin's reopening of one locus.
 */
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether text is a real calendar day written YYYY-MM-DD (no 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  const match = DATE_ONLY.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function dayStartUtc(text: string): number {
  if (!isCalendarDate(text)) throw new RangeError(`not a calendar date: ${text}`);
  const [year, month, day] = text.split("-").map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day);
}

/** 00:00 WIB of the day. */
export function startOfDayWib(date: string): Date {
  return new Date(dayStartUtc(date) - WIB_OFFSET_MS);
}

/** 23:59:59.999 WIB of the day. */
export function endOfDayWib(date: string): Date {
  return new Date(dayStartUtc(date) + DAY_MS - 1 - WIB_OFFSET_MS);
}

/** The WIB calendar day of an instant, as YYYY-MM-DD (what a date field shows). */
export function wibDate(instant: Date): string {
  return new Date(instant.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * A calendar date (YYYY-MM-DD) as a date-only (@db.Date) column stores it, and back: midnight UTC,
 * with no time zone involved. Shown with `timeZone: "UTC"` so the day does not move.
 */
export const dateOf = (iso: string) => new Date(`${iso}T00:00:00Z`);
export const isoDateOf = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The same WIB wall-clock moment `years` later. A 29 February that does not exist in the target
 * year becomes 28 February, so a shifted stage never ends later than its month.
 */
export function shiftYearsWib(instant: Date, years: number): Date {
  const wall = new Date(instant.getTime() + WIB_OFFSET_MS);
  const year = wall.getUTCFullYear() + years;
  const month = wall.getUTCMonth();
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const shifted = Date.UTC(
    year,
    month,
    Math.min(wall.getUTCDate(), lastDay),
    wall.getUTCHours(),
    wall.getUTCMinutes(),
    wall.getUTCSeconds(),
    wall.getUTCMilliseconds(),
  );
  return new Date(shifted - WIB_OFFSET_MS);
}
