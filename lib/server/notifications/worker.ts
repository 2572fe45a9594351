import "server-only";
import { Logger, parseCrontab, type Runner, run, type Task } from "graphile-worker";
import { z } from "zod";
import { env } from "@/lib/env";
import { logger } from "../logger";
import { deliverOutboxBatch, type Mailer, smtpMailer } from "./delivery";
import { writeDigests } from "./digest";
import { CRONTAB, TASKS } from "./queue";
import { writeDueReminders } from "./reminders";

export interface WorkerOptions {
  /** The portal's database, as the portal's role (DATABASE_URL). */
  connectionString?: string;
  /** Jobs run at once by this instance. */
  concurrency?: number;
  /** Hourly reminder scans and the daily digest (graphile-worker's cron, once per tick across instances). */
  schedule?: boolean;
  /** The clock of reminders and digests (tests move it). */
  now?: () => Date;
  /** The SMTP transport; by default nodemailer over SMTP_URL, or none (the outbox keeps mail). */
  transport?: { mailer: Mailer; from: string } | null;
}

/** A batch of outbox messages (a job queued by an earlier version carries one `outboxId`). */
const ZDeliverPayload = z.union([
  z.object({ outboxIds: z.array(z.uuid()).min(1).max(1_000) }),
  z.object({ outboxId: z.uuid() }).transform(({ outboxId }) => ({ outboxIds: [outboxId] })),
]);

/** graphile-worker's log in the portal's (pino): failures and warnings as such, each job's completion at debug. */
const graphileLogger = new Logger((scope) => (level, message, meta) => {
  const job = (meta as { job?: { id?: string; task_identifier?: string; attempts?: number } } | undefined)?.job;
  const fields = { queue: scope.label, task: scope.taskIdentifier ?? job?.task_identifier, jobId: scope.jobId ?? job?.id, attempts: job?.attempts };
  const firstLine = message.split("\n")[0];
  if (level === "error") logger.error(fields, firstLine);
  else if (level === "warning") logger.warn(fields, firstLine);
  else logger.debug(fields, firstLine);
});

/**
 * The notification worker (graphile-worker on the portal's PostgreSQL): delivers outbox messages
 * (retrying failures with backoff), writes deadline reminders every hour and the daily digests at
 * 00:00 UTC (07:00 WIB). Any number may run, in `npm start` (scripts/serve.ts) or as `npm run
 * worker`: a job is taken by one of them, a cron tick runs once, and reminders are unique per
 * person, stage and offset. Stop it with `runner.stop()`.
 */
export async function startNotificationWorker(options: WorkerOptions = {}): Promise<Runner> {
  const now = options.now ?? (() => new Date());
  const transport = options.transport === undefined ? smtpMailer() : options.transport;
  const deliver: Task = async (payload, helpers) => {
    const { outboxIds } = ZDeliverPayload.parse(payload);
    const counts = await deliverOutboxBatch(outboxIds, transport);
    helpers.logger.debug(`outbox batch of ${outboxIds.length}: ${JSON.stringify(counts)}`);
  };
  const reminders: Task = async (_payload, helpers) => {
    const result = await writeDueReminders(now());
    if (result.written > 0) helpers.logger.info(`deadline reminders written: ${result.written}`);
  };
  const digest: Task = async (_payload, helpers) => {
    const written = await writeDigests(now());
    if (written > 0) helpers.logger.info(`daily digests written: ${written}`);
  };
  const schedule = options.schedule ?? true;
  const runner = await run({
    connectionString: options.connectionString ?? env.DATABASE_URL,
    concurrency: options.concurrency ?? 4,
    noHandleSignals: true,
    pollInterval: 2_000,
    logger: graphileLogger,
    taskList: { [TASKS.deliver]: deliver, [TASKS.reminders]: reminders, [TASKS.digest]: digest },
    parsedCronItems: schedule ? parseCrontab(CRONTAB) : [],
  });
  // Catch up at start (a restart after a mark): one scan, however many instances start together.
  if (schedule) await runner.addJob(TASKS.reminders, {}, { jobKey: "reminders:start", maxAttempts: 3 });
  return runner;
}
