import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { noteDatabaseAvailable, onIdleConnectionError } from "./availability";
import { UTC_SESSION_OPTIONS, utcTypes } from "./utc";

/**
 * A plain node-postgres pool for the few hot paths where Prisma's per-query overhead matters
 * (autosave, the session check on every request). Everything else goes through Prisma.
 */
function createPool() {
  // A connection that cannot be made in 5 s fails (503, lib/server/db/availability.ts) instead of
  // holding the request forever.
  const pool = new pg.Pool({
    connectionString: env.DATABASE_URL,
    max: 10,
    connectionTimeoutMillis: 5_000,
    options: UTC_SESSION_OPTIONS,
    types: utcTypes,
  });
  pool.on("error", onIdleConnectionError);
  pool.on("connect", noteDatabaseAvailable);
  return pool;
}

const globalForPool = globalThis as unknown as { pekpppPgPool?: pg.Pool };
export const pgPool = globalForPool.pekpppPgPool ?? createPool();
if (env.NODE_ENV !== "production") globalForPool.pekpppPgPool = pgPool;
