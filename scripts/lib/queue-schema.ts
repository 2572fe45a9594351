import pg from "pg";
import { Logger, runMigrations } from "graphile-worker";

/** The job queue's schema (graphile-worker's default), used by lib/server/notifications/queue.ts too. */
export const QUEUE_SCHEMA = "graphile_worker";
const PORTAL_ROLE = "pekppp_app";

/**
 * Installs or upgrades the job queue's schema (graphile-worker's own migrations) as the owner,
 * then grants the portal's role what the worker and `graphile_worker.add_job` need: the schema,
 * its tables (read and write, but the queue's migration bookkeeping read-only), its sequences and
 * functions, and through the row-level security graphile-worker turns on. The portal's role never
 * creates anything, so its worker finds the schema current and only reads the bookkeeping. Idempotent: runs after the Prisma migrations on every start.
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
    // graphile-worker turns row-level security on for its tables (only their owner passes); the
    // portal's role gets a policy that lets it through, on every such table (re-made on each run,
    // so a table recreated by a later queue migration gets it too).
    await pool.query(`DO $$
      DECLARE t record;
      BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${PORTAL_ROLE}') THEN RETURN; END IF;
        FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = '${QUEUE_SCHEMA}' AND c.relkind = 'r' AND c.relrowsecurity LOOP
          EXECUTE format('DROP POLICY IF EXISTS ${PORTAL_ROLE}_all ON ${QUEUE_SCHEMA}.%I', t.relname);
          EXECUTE format('CREATE POLICY ${PORTAL_ROLE}_all ON ${QUEUE_SCHEMA}.%I FOR ALL TO ${PORTAL_ROLE} USING (true) WITH CHECK (true)', t.relname);
        END LOOP;
      END $$`);
  } finally {
    await pool.end();
  }
}

/** graphile-worker logs each migration at debug level; the start script prints its own lines. */
const quietLogger = new Logger((scope) => (level, message) => {
  if (level === "error" || level === "warning") console.error(`[queue${scope.label ? `:${scope.label}` : ""}] ${message}`);
});
