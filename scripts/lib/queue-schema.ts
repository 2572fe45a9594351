import pg from "pg";
import { Logger, runMigrations } from "graphile-worker";

/** The job queue's schema (graphile-worker's default), used by lib/server/notifications/queue.ts too. */
export const QUEUE_SCHEMA = "graphile_worker";
const PORTAL_ROLE = "pekppp_app";

/**
 * Installs or upgrades the job queue's schema (graphile-worker's own migrations) as the owner,
 * then grants the portal's role what the worker and `graphile_worker.add_job` need: the schema,
 * its tables (read and write, but the queue's migration bookkeeping read-only), its sequences and
 * functions. The portal's role never creates anything, so its worker finds the schema current
 * and only reads the bookkeeping. Idempotent: runs after the Prisma migrations on every start.
 */
export async function migrateQueueSchema(ownerUrl: string) {
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 1 });
  try {
    await runMigrations({ pgPool: pool, schema: QUEUE_SCHEMA, logger: quietLogger });
    await pool.query(`DO $$
      BEGIN
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = '${PORTAL_ROLE}') THEN
          GRANT USAGE ON SCHEMA ${QUEUE_SCHEMA} TO ${PORTAL_ROLE};
          GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${QUEUE_SCHEMA} TO ${PORTAL_ROLE};
          REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${QUEUE_SCHEMA}.migrations FROM ${PORTAL_ROLE};
          GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${QUEUE_SCHEMA} TO ${PORTAL_ROLE};
          GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${QUEUE_SCHEMA} TO ${PORTAL_ROLE};
        END IF;
      END $$`);
  } finally {
    await pool.end();
  }
}

/** graphile-worker logs each migration at debug level; the start script prints its own lines. */
const quietLogger = new Logger((scope) => (level, message) => {
  if (level === "error" || level === "warning") console.error(`[queue${scope.label ? `:${scope.label}` : ""}] ${message}`);
});
