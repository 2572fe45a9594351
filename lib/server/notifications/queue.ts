import "server-only";
import { DELIVERY_BATCH } from "@/lib/domain/notifications/delivery";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The job queue (graphile-worker, schema graphile_worker, installed by the owner at migration
 * time: scripts/lib/queue-schema.ts). Jobs are added with its SQL function inside the caller's
 * transaction, so a job exists if and only if the change that needs it commits.
 */
/** Task names (graphile-worker allows letters, digits, `_`, `-` and `:`). */
export const TASKS = {
  /** Send outbox messages (payload: { outboxIds }). */
  deliver: "notifications:deliver",
  /** Write the deadline reminders due now (hourly, and at worker start). */
  reminders: "notifications:reminders",
  /** Write each user's daily digest (daily, 00:00 UTC = 07:00 WIB). */
  digest: "notifications:digest",
} as const;

/**
 * The schedule (graphile-worker's crontab, UTC; each tick runs once however many workers run):
 * reminder scans every hour, the daily digest at 00:00 UTC (07:00 WIB).
 */
export const CRONTAB = `0 * * * * ${TASKS.reminders} ?max=1\n0 0 * * * ${TASKS.digest} ?max=1\n`;

type Sql = Pick<Prisma.TransactionClient, "$executeRaw">;

/**
 * Queues the delivery of outbox messages, in batches of DELIVERY_BATCH per job. A batch job fails
 * (and graphile-worker retries it) only when the database does; a message the SMTP server refuses
 * gets a retry job of its own (`queueRetry`).
 */
export async function queueDeliveries(tx: Sql, outboxIds: readonly string[]) {
  if (outboxIds.length === 0) return;
  await tx.$executeRaw`
    SELECT graphile_worker.add_job(${TASKS.deliver}, json_build_object('outboxIds', array_agg(id)), max_attempts => 10)
    FROM (SELECT id, (row_number() OVER () - 1) / ${DELIVERY_BATCH}::int AS batch FROM unnest(${outboxIds}::uuid[]) AS id) AS numbered
    GROUP BY batch`;
}

/**
 * Queues one message's next attempt after `delaySeconds` (0: now, an admin's resend). The job key
 * is the message's: a later call replaces a waiting retry instead of adding a second one.
 */
export async function queueRetry(tx: Sql, outboxId: string, delaySeconds: number) {
  await tx.$executeRaw`
    SELECT graphile_worker.add_job(${TASKS.deliver}, json_build_object('outboxIds', json_build_array(${outboxId}::uuid)),
      run_at => now() + make_interval(secs => ${delaySeconds}::int), max_attempts => 10, job_key => ${`outbox:${outboxId}`})`;
}

/** Jobs waiting in the queue (for /api/metrics): ready to run now, and all, failed ones included. */
export async function queueDepth(query: (sql: string) => Promise<{ rows: { ready: number; total: number }[] }>) {
  const { rows } = await query(
    `SELECT count(*) FILTER (WHERE run_at <= now() AND locked_at IS NULL AND attempts < max_attempts)::int AS ready, count(*)::int AS total FROM graphile_worker.jobs`,
  );
  return rows[0] ?? { ready: 0, total: 0 };
}
