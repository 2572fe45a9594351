import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The job queue (graphile-worker, schema graphile_worker, installed by the owner at migration
 * time: scripts/lib/queue-schema.ts). Jobs are added with its SQL function inside the caller's
 * transaction, so a job exists if and only if the change that needs it commits.
 */
/** Task names (graphile-worker allows letters, digits, `_`, `-` and `:`). */
export const TASKS = {
  /** Send one outbox message (payload: { outboxId }). */
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

/**
 * Attempts of one delivery before it is FAILED for good. graphile-worker waits exp(min(n, 10))
 * seconds after the n-th failure (3 s, 7 s, 20 s, 55 s, 2.5 min … then 6 h each): about four days.
 */
export const DELIVERY_MAX_ATTEMPTS = 25;

type Sql = Pick<Prisma.TransactionClient, "$executeRaw">;

/**
 * Queues the delivery of outbox messages. The job key is the message's: queuing one again (an
 * admin's resend) replaces a waiting job instead of adding a second one.
 */
export async function queueDeliveries(tx: Sql, outboxIds: readonly string[]) {
  if (outboxIds.length === 0) return;
  await tx.$executeRaw`
    SELECT graphile_worker.add_job(${TASKS.deliver}, json_build_object('outboxId', id), max_attempts => ${DELIVERY_MAX_ATTEMPTS}::int, job_key => 'outbox:' || id::text)
    FROM unnest(${outboxIds}::uuid[]) AS id`;
}
