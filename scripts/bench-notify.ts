import type { ChildProcess } from "node:child_process";
import { parseArgs } from "node:util";
import bcrypt from "bcryptjs";
import pg from "pg";
import { seedDatabase } from "../prisma/seed/seed-database";
import { resolveAuthSecret } from "./lib/auth-secret";
import { percentile, run, signIn, summarise, waitForServer } from "./lib/bench-http";
import { withDatabaseName } from "./lib/database";
import { findFreePort } from "./lib/embedded-postgres";
import { UserFacingError, runMain } from "./lib/errors";
import { e2eDistDir, ensureNextBuild, startNext } from "./lib/next-build";
import { startWorkerProcess } from "./lib/notification-worker";
import { ensurePrismaClient } from "./lib/prisma-client";
import { createMigratedDatabase, dropDatabase, startTestServer, uniqueDatabaseName } from "./lib/test-database";

// npm run bench:notify [-- --institutions 1500 --savers 100 --seconds 20]
// The deadline-reminder fan-out of a national cycle: the demo data at that size, an evaluator and
// a head for every institution, the self-assessment and verification stages closing in two and a
// half days (the 3-day reminders are due). The notification worker (scripts/worker.ts, its own
// process, as in `npm start`) writes every reminder and delivers every e-mail to the outbox (no
// SMTP). Meanwhile a production build serves the paced autosave load of bench:autosave; its p95 is
// measured before and during the fan-out.

const PASSWORD = "bench-password-2026";

runMain(async () => {
  const { values } = parseArgs({
    options: { institutions: { type: "string", default: "1500" }, savers: { type: "string", default: "100" }, seconds: { type: "string", default: "20" } },
  });
  const institutions = Number(values.institutions);
  const savers = Number(values.savers);
  const seconds = Number(values.seconds);
  if (!Number.isInteger(institutions) || institutions < 3) throw new UserFacingError("--institutions harus bilangan bulat ≥ 3.");
  if (!Number.isInteger(savers) || savers < 1 || savers > institutions || !(seconds > 0)) {
    throw new UserFacingError("--savers harus bilangan bulat 1…institutions dan --seconds positif.");
  }

  ensurePrismaClient();
  const server = await startTestServer();
  const name = uniqueDatabaseName("pekppp_bench_notify");
  let portal: ChildProcess | null = null;
  let worker: ChildProcess | null = null;
  const owner = () => new pg.Client({ connectionString: withDatabaseName(server.serverUrl, name) });
  try {
    const url = await createMigratedDatabase(server.serverUrl, name);
    const seed = await seedDatabase(url, { institutions });
    console.log(`seed: ${seed.rows.toLocaleString("en")} rows in ${(seed.milliseconds / 1000).toFixed(1)} s (${institutions} institutions)`);

    const client = owner();
    client.on("error", () => undefined);
    await client.connect();
    // Every institution gets an evaluator and a head (the demo data has accounts for two only).
    const hash = await bcrypt.hash(PASSWORD, 10);
    await client.query(
      `INSERT INTO "User" (email, name, role, "institutionId", "passwordHash", "updatedAt")
       SELECT lower(r.role) || '.' || lower(i.code) || '@bench.test', r.role || ' ' || i.name, r.role::"Role", i.id, $1, now()
       FROM "Institution" i CROSS JOIN (VALUES ('EVALUATOR'), ('HEAD')) AS r(role) ON CONFLICT (email) DO NOTHING`,
      [hash],
    );
    const cycleId = (await client.query<{ id: string }>(`SELECT id FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL`)).rows[0]!.id;
    // Nothing is due yet: both stages close in 30 days.
    const setClose = (days: number) =>
      client.query(
        `UPDATE "CycleStage" SET "startsAt" = now() - interval '30 days', "endsAt" = now() + make_interval(secs => $2) WHERE "cycleId" = $1 AND kind IN ('SELF_ASSESSMENT', 'VERIFICATION')`,
        [cycleId, days * 86_400],
      );
    await setClose(30);
    // The savers: one bench evaluator per institution, each on its own draft locus.
    const targets = await client.query<{ assessmentId: string; email: string }>(
      `SELECT DISTINCT ON (l."institutionId") a.id AS "assessmentId", 'evaluator.' || lower(i.code) || '@bench.test' AS email
       FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
       WHERE a."cycleId" = $1 ORDER BY l."institutionId", a.id LIMIT $2`,
      [cycleId, savers],
    );
    await client.query(`UPDATE "Assessment" SET status = 'DRAFT' WHERE id = ANY($1::uuid[])`, [targets.rows.map((t) => t.assessmentId)]);
    const codes = (
      await client.query<{ code: string }>(
        `SELECT code FROM "InstrumentIndicator" i JOIN "Cycle" c ON c."instrumentVersionId" = i."instrumentVersionId" WHERE c.id = $1`,
        [cycleId],
      )
    ).rows.map((r) => r.code);
    const stored = await client.query<{ assessmentId: string; code: string; version: number }>(
      `SELECT s."assessmentId", i.code, s.version FROM "SelfAnswer" s JOIN "InstrumentIndicator" i ON i.id = s."indicatorId" WHERE s."assessmentId" = ANY($1::uuid[])`,
      [targets.rows.map((t) => t.assessmentId)],
    );

    const port = await findFreePort(3200);
    const base = `http://127.0.0.1:${port}`;
    const env = {
      ...process.env,
      DATABASE_URL: withDatabaseName(server.appServerUrl, name),
      AUTH_SECRET: resolveAuthSecret(),
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
      SMTP_URL: "",
      MAIL_FROM: "",
    };
    ensureNextBuild(e2eDistDir(3100), env, (line) => console.log(line));
    portal = startNext({ distDir: e2eDistDir(3100), port, env, stdio: ["ignore", "ignore", "inherit"] });
    worker = startWorkerProcess(env, base);
    await waitForServer(`${base}/api/health`);

    const accounts = targets.rows;
    const cookies = await Promise.all(accounts.map((a) => signIn(base, a.email, PASSWORD)));
    const versions = accounts.map((a) => new Map(stored.rows.filter((r) => r.assessmentId === a.assessmentId).map((r) => [r.code, r.version])));
    let counter = 0;
    const save = async (i: number) => {
      const indicatorCode = codes[(counter += 1) % codes.length]!;
      const response = await fetch(`${base}/api/assessments/${accounts[i]!.assessmentId}/answers`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: cookies[i]!, origin: base },
        body: JSON.stringify({
          indicatorCode,
          level: counter % 6,
          justification: `Penjelasan tolok ukur ${counter}`,
          baseVersion: versions[i]!.get(indicatorCode) ?? 0,
        }),
      });
      const body = (await response.json()) as { answer?: { version: number }; current?: { version: number } };
      const version = body.answer?.version ?? body.current?.version;
      if (version !== undefined) versions[i]!.set(indicatorCode, version);
      return response.status === 200;
    };
    await run(Math.min(savers, 20), 3, save);

    console.log(`\npaced autosave, ${savers} evaluators saving once a second, ${seconds} s; production build and worker on this 2-core machine`);
    const before = summarise("before fan-out", await run(savers, seconds, save, 1_000), seconds);

    // The fan-out: the stages now close in 2.5 days (the 3-day reminders are due), and one scan is queued.
    await setClose(2.5);
    const due = await client.query<{ evaluators: number; verifiers: number }>(
      `SELECT
         (SELECT count(DISTINCT u.id)::int FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "User" u ON u."institutionId" = l."institutionId" AND u.role = 'EVALUATOR'
           WHERE a."cycleId" = $1 AND a.status IN ('DRAFT', 'RETURNED')) AS evaluators,
         (SELECT count(DISTINCT v."verifierId")::int FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "VerifierAssignment" v ON v."cycleId" = a."cycleId" AND v."institutionId" = l."institutionId"
           WHERE a."cycleId" = $1 AND a.status IN ('SUBMITTED', 'IN_REVIEW')) AS verifiers`,
      [cycleId],
    );
    const expected = due.rows[0]!.evaluators + due.rows[0]!.verifiers;
    const started = performance.now();
    await client.query(`SELECT graphile_worker.add_job('notifications:reminders', '{}'::json)`);
    let written = 0;
    let delivered = 0;
    let writtenAt = 0;
    let deliveredAt = 0;
    const watch = (async () => {
      for (;;) {
        const state = await client.query<{ written: number; delivered: number; jobs: number }>(
          `SELECT (SELECT count(*)::int FROM "Notification" WHERE "dedupeKey" LIKE $1) AS written,
                  (SELECT count(*)::int FROM "OutboxMessage" o JOIN "Notification" n ON n.id = o."notificationId" WHERE n."dedupeKey" LIKE $1 AND o.status = 'KEPT') AS delivered,
                  (SELECT count(*)::int FROM graphile_worker._private_jobs) AS jobs`,
          [`reminder:${cycleId}:%`],
        );
        ({ written, delivered } = state.rows[0]!);
        if (!writtenAt && written >= expected) writtenAt = performance.now();
        if (written >= expected && delivered >= written && state.rows[0]!.jobs === 0) {
          deliveredAt = performance.now();
          return;
        }
        if (performance.now() - started > 15 * 60_000) throw new UserFacingError(`fan-out not done after 15 min (${written} written, ${delivered} delivered)`);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    // Each save's start and duration, to single out those that ran while the fan-out was going on.
    const timed: { at: number; ms: number }[] = [];
    const timedSave = async (i: number) => {
      const at = performance.now();
      const ok = await save(i);
      timed.push({ at, ms: performance.now() - at });
      return ok;
    };
    const during = summarise("during fan-out", await run(savers, seconds, timedSave, 1_000), seconds);
    await watch;
    // A third window after it, so that noise from anything else on the machine shows.
    const after = summarise("after fan-out", await run(savers, seconds, save, 1_000), seconds);
    const outside = deliveredAt - started > seconds * 1000 ? "the fan-out outlasted the measured window" : "the fan-out ended inside the measured window";
    const overlapping = timed
      .filter((t) => t.at >= started && t.at <= deliveredAt)
      .map((t) => t.ms)
      .sort((a, b) => a - b);
    console.log(
      `\nfan-out: ${expected} people due (${due.rows[0]!.evaluators} evaluators with unsubmitted loci, ${due.rows[0]!.verifiers} verifiers with undecided loci)` +
        `\n  reminders written: ${written} in ${((writtenAt - started) / 1000).toFixed(2)} s` +
        `\n  e-mails delivered to the outbox: ${delivered}, all done in ${((deliveredAt - started) / 1000).toFixed(2)} s (${(delivered / ((deliveredAt - started) / 1000)).toFixed(0)} messages/s)` +
        `\n  autosave p95: ${before.p95.toFixed(1)} ms before, ${during.p95.toFixed(1)} ms during (${outside}), ${after.p95.toFixed(1)} ms after` +
        `\n  saves started while the fan-out ran: ${overlapping.length}, p50 ${percentile(overlapping, 50).toFixed(1)} ms, p95 ${percentile(overlapping, 95).toFixed(1)} ms`,
    );
    if (written !== expected) throw new UserFacingError(`expected ${expected} reminders, found ${written}`);
    await client.end();
  } finally {
    worker?.kill("SIGTERM");
    portal?.kill("SIGINT");
    await new Promise((r) => setTimeout(r, 1_000));
    await dropDatabase(server.serverUrl, name).catch(() => undefined);
    await server.stop();
  }
});
