import "server-only";
import pg from "pg";
import { env } from "@/lib/env";

/**
 * A plain node-postgres pool for the few hot paths where Prisma's per-query overhead matters
 * (autosave, the session check on every request). Everything else goes through Prisma.
 */
function createPool() {
  return new pg.Pool({ connectionString: env.DATABASE_URL, max: 10 });
}

const globalForPool = globalThis as unknown as { pekpppPgPool?: pg.Pool };
export const pgPool = globalForPool.pekpppPgPool ?? createPool();
if (env.NODE_ENV !== "production") globalForPool.pekpppPgPool = pgPool;
