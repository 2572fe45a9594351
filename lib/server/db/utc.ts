// No "server-only" guard here on purpose: the demo seed (a plain Node script) writes times with
// the same settings as the portal. Nothing in this file reads a session or trusts a caller.
import pg from "pg";

/**
 * Every time column holds a UTC wall-clock time (`timestamp(3)`, as Prisma writes it), so every
 * connection of the portal runs its session in UTC: `now()` compared with a stage's end or a
 * session's expiry, and `now()` written into a column, then mean the same instant as Prisma's
 * values. A ministry's own PostgreSQL often has its server's zone as `timezone` (Debian's initdb
 * takes the system's); in WIT a session would have expired an hour before it began.
 * tests/integration/time-zones.test.ts runs the portal against a database in Asia/Jayapura.
 */
export const UTC_SESSION_OPTIONS = "-c TimeZone=UTC";

/** `timestamp` values as the UTC instants they are, whatever the process's own zone (TZ). */
export const utcTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === pg.types.builtins.TIMESTAMP && format !== "binary"
      ? (value: string) => new Date(`${value.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};

// Dates sent as query values by the plain pool (and the seed) are written as UTC too (node-postgres writes local
// time by default, which a `timestamp` column would store as if it were UTC). Prisma's adapter
// formats its own dates in UTC and does not depend on this.
pg.defaults.parseInputDatesAsUTC = true;
