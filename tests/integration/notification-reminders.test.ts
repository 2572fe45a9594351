import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Runner } from "graphile-worker";
import { endOfDayWib, wibDate } from "@/lib/domain/cycle/dates";
import { closesAt, REMINDER_OFFSETS_DAYS, reminderMark } from "@/lib/domain/notifications/reminders";
import { waitFor } from "./support/smtp";
import { closeServerLayer, configureServerEnvironment, useSeededDatabase } from "./support/test-database";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/**
 * Deadline reminders with two worker instances (and a restart) while the clock moves over the 7-,
 * 3- and 1-day marks of two stages: exactly one reminder, and one e-mail, per person and mark.
 */
describe("deadline reminders: once per person, stage and mark, across instances and restarts", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let startWorker: typeof import("@/lib/server/notifications/worker").startNotificationWorker;
  const workers: Runner[] = [];
  let clock = new Date();
  let cycleId: string;
  let stage: { startsAt: Date; endsAt: Date };
  /** Who still has work: evaluators with unsubmitted loci, verifiers with undecided ones. */
  let evaluatorsDue: string[];
  let verifiersDue: string[];

  const rows = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows;
  const one = async (sql: string, params: unknown[] = []) => (await rows(sql, params))[0];
  /** A worker instance on the test's clock, without SMTP; `schedule`: with its cron and start-up scan, as in `npm start`. */
  const start = async (schedule = false) => {
    const runner = await startWorker({ connectionString: database.url, schedule, concurrency: 3, now: () => clock, transport: null });
    workers.push(runner);
    return runner;
  };
  /** Every instance scans twice at the current clock (as overlapping cron ticks would), then the queue drains. */
  async function scanEverywhere() {
    await Promise.all(workers.flatMap((w) => [w.addJob("notifications:reminders", {}), w.addJob("notifications:reminders", {})]));
    await waitFor("the queue to drain", async () => Number((await one(`SELECT count(*) AS n FROM graphile_worker._private_jobs`)).n) === 0, 60_000);
  }
  const remindersWritten = () =>
    rows(
      `SELECT "userId", "dedupeKey", (SELECT count(*)::int FROM "OutboxMessage" o WHERE o."notificationId" = n.id) AS emails FROM "Notification" n WHERE "dedupeKey" LIKE $1`,
      [`reminder:${cycleId}:%`],
    );

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    startWorker = (await import("@/lib/server/notifications/worker")).startNotificationWorker;
    client = new pg.Client({ connectionString: database.ownerUrl });
    await client.connect();
    cycleId = (await one(`SELECT id FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL`)).id;
    // Both stages close at the end of the WIB day ten days from now; reminders of other cycles are left out of the count.
    const now = new Date();
    stage = { startsAt: new Date(now.getTime() - 60 * DAY), endsAt: endOfDayWib(wibDate(new Date(now.getTime() + 10 * DAY))) };
    await client.query(`UPDATE "CycleStage" SET "startsAt" = $2, "endsAt" = $3 WHERE "cycleId" = $1 AND kind IN ('SELF_ASSESSMENT', 'VERIFICATION')`, [
      cycleId,
      stage.startsAt,
      stage.endsAt,
    ]);
    // An evaluator account for every institution (the seed has the demo accounts only).
    await client.query(
      `INSERT INTO "User" (email, name, role, "institutionId", "updatedAt")
       SELECT 'evaluator.' || lower(i.code) || '@uji.test', 'Evaluator ' || i.name, 'EVALUATOR', i.id, now() FROM "Institution" i ON CONFLICT (email) DO NOTHING`,
    );
    evaluatorsDue = (
      await rows(
        `SELECT DISTINCT u.id FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "User" u ON u."institutionId" = l."institutionId" AND u.role = 'EVALUATOR' AND u."isActive"
         WHERE a."cycleId" = $1 AND a.status IN ('DRAFT', 'RETURNED') ORDER BY u.id`,
        [cycleId],
      )
    ).map((r) => r.id);
    verifiersDue = (
      await rows(
        `SELECT DISTINCT v."verifierId" AS id FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "VerifierAssignment" v ON v."cycleId" = a."cycleId" AND v."institutionId" = l."institutionId"
         JOIN "User" u ON u.id = v."verifierId" AND u."isActive" WHERE a."cycleId" = $1 AND a.status IN ('SUBMITTED', 'IN_REVIEW') ORDER BY 1`,
        [cycleId],
      )
    ).map((r) => r.id);
    await start(true);
    await start();
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop().catch(() => undefined)));
    await client?.end();
    if (database) await closeServerLayer(database);
  });

  it("has people with work left in both stages (the seed's loci at every status)", () => {
    expect(evaluatorsDue.length).toBeGreaterThan(10);
    expect(verifiersDue.length).toBeGreaterThan(0);
  });

  it("moves the clock over the marks and finds exactly one reminder and one e-mail per person and mark", async () => {
    const [seven, three, one_] = REMINDER_OFFSETS_DAYS.map((d) => reminderMark(stage, d).getTime());
    const steps: { at: number; restart?: boolean; expect: number[] }[] = [
      { at: seven! - HOUR, expect: [] },
      { at: seven! + 60_000, expect: [7] },
      { at: seven! + 5 * HOUR, expect: [7] },
      { at: three! + 60_000, expect: [7, 3], restart: true },
      { at: three! + 30 * HOUR, expect: [7, 3] },
      { at: one_! + 60_000, expect: [7, 3, 1] },
      { at: one_! + 20 * HOUR, expect: [7, 3, 1], restart: true },
      { at: closesAt(stage).getTime() + HOUR, expect: [7, 3, 1] },
    ];
    for (const step of steps) {
      clock = new Date(step.at);
      if (step.restart) {
        // One instance stops (a deploy, a crash) and another takes its place.
        await workers.shift()!.stop();
        await start();
      }
      await scanEverywhere();
      const written = await remindersWritten();
      const expected = [
        ...evaluatorsDue.flatMap((id) => step.expect.map((d) => `${id} reminder:${cycleId}:SELF_ASSESSMENT:${d}`)),
        ...verifiersDue.flatMap((id) => step.expect.map((d) => `${id} reminder:${cycleId}:VERIFICATION:${d}`)),
      ].sort();
      expect(written.map((r) => `${r.userId} ${r.dedupeKey}`).sort(), `at ${clock.toISOString()}`).toEqual(expected);
      expect(written.every((r) => r.emails === 1)).toBe(true);
    }
    // Without SMTP (transport null here) every reminder e-mail is kept in the outbox, none lost.
    const kept = await one(
      `SELECT count(*)::int AS n FROM "OutboxMessage" o JOIN "Notification" n ON n.id = o."notificationId" WHERE n."dedupeKey" LIKE $1 AND o.status = 'KEPT'`,
      [`reminder:${cycleId}:%`],
    );
    expect(kept.n).toBe((evaluatorsDue.length + verifiersDue.length) * 3);
  });
});
