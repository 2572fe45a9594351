/**
 * Whether an error means "the database cannot be reached" (down, restarting, unreachable, out of
 * connections) rather than a bug or a refused statement: errors of node-postgres (`pg`), of the
 * Prisma client and of its pg adapter, however deeply wrapped (`cause`, AggregateError, Auth.js's
 * `cause.err`). Pure: no imports, so tests and every layer may use it. The answer to such an
 * error is 503 with Retry-After (lib/server/db/availability.ts), not a 500 with a stack in the log.
 */

/** Socket errors of connecting to, or talking with, the server. */
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "EPIPE",
]);

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), the server shutting down or starting up
 * (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now), too many connections.
 */
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);
const isConnectionSqlState = (code: string) => /^08[0-9A-Z]{3}$/.test(code) || SQLSTATES.has(code);

/**
 * Prisma: P1001 can't reach the server, P1002 it timed out, P1017 it closed the connection, P2024
 * no connection from the pool in time.
 */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);

/** The kinds of @prisma/adapter-pg's DriverAdapterError (meta.driverAdapterError.cause.kind). */
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

/** node-postgres errors that carry no code. */
const PG_MESSAGES = [
  /^Connection terminated/, // "… unexpectedly", "… due to connection timeout"
  /^timeout exceeded when trying to connect/, // pg-pool's connectionTimeoutMillis
  /^Client has encountered a connection error and is not queryable/,
];

type Loose = Record<string, unknown>;
const asObject = (value: unknown): Loose | null => (value !== null && typeof value === "object" ? (value as Loose) : null);

function matchesItself(error: Loose): boolean {
  // PrismaClientInitializationError names its code errorCode.
  const code = typeof error.code === "string" ? error.code : typeof error.errorCode === "string" ? error.errorCode : undefined;
  if (code) {
    if (SOCKET_CODES.has(code) || PRISMA_CODES.has(code) || isConnectionSqlState(code)) return true;
    // A Unix socket that is not there: the server is not running.
    if (code === "ENOENT" && error.syscall === "connect") return true;
  }
  if (typeof error.kind === "string" && ADAPTER_KINDS.has(error.kind)) return true;
  if (typeof error.originalCode === "string" && isConnectionSqlState(error.originalCode)) return true;
  const message = typeof error.message === "string" ? error.message : "";
  return PG_MESSAGES.some((pattern) => pattern.test(message));
}

/** Whether the error, or anything it wraps, says the database cannot be reached. */
export function isDatabaseUnavailableError(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.size < 20) {
    const current = asObject(queue.shift());
    if (!current || seen.has(current)) continue;
    seen.add(current);
    if (matchesItself(current)) return true;
    queue.push(current.cause);
    // Auth.js: its errors carry the thrown error as cause.err.
    queue.push(current.err);
    // Prisma: meta.driverAdapterError.cause; AggregateError (every address of a host refused).
    queue.push(asObject(current.meta)?.driverAdapterError);
    if (Array.isArray(current.errors)) queue.push(...current.errors);
  }
  return false;
}

/** A short description for the log (no stack): the code and message of the outermost error. */
export function describeDatabaseError(error: unknown): { code?: string; message: string } {
  const object = asObject(error);
  const code = object && typeof object.code === "string" ? object.code : undefined;
  const message = object && typeof object.message === "string" ? object.message.trim().split("\n").at(-1)!.trim() : String(error);
  return code ? { code, message } : { message };
}
