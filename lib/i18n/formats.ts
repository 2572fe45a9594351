/**
 * The portal's date formats, one set for Bahasa Indonesia and English (issue 19: dates were
 * printed "medium" on one page and "long" on the next). Pass them to next-intl's formatter:
 * `format.dateTime(date, DAY)`. The time zone is the request's (Asia/Jakarta, lib/i18n/request.ts);
 * a calendar date stored as UTC midnight adds `timeZone: "UTC"` (`{ ...DAY, timeZone: "UTC" }`).
 */

/** A calendar day: "7 Desember 2026" / "December 7, 2026". */
export const DAY = { dateStyle: "long" } as const satisfies Intl.DateTimeFormatOptions;

/** A moment: "7 Desember 2026 pukul 09.30" / "December 7, 2026 at 9:30 AM". */
export const MOMENT = { dateStyle: "long", timeStyle: "short" } as const satisfies Intl.DateTimeFormatOptions;

/** A moment to the second, as signatures are shown: "7 Desember 2026 pukul 09.30.15". */
export const SECOND = { dateStyle: "long", timeStyle: "medium" } as const satisfies Intl.DateTimeFormatOptions;
