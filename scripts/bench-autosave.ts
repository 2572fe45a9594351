import type { ChildProcess } from "node:child_process";
import http from "node:http";
import { parseArgs } from "node:util";
import bcrypt from "bcryptjs";
import pg from "pg";
import { resolveAuthSecret } from "./lib/auth-secret";
import { withDatabaseName } from "./lib/database";
import { findFreePort } from "./lib/embedded-postgres";
import { UserFacingError, runMain } from "./lib/errors";
import { e2eDistDir, ensureNextBuild, startNext } from "./lib/next-build";
import { ensurePrismaClient } from "./lib/prisma-client";
import { run, signIn, summarise, waitForServer, type Sample } from "./lib/bench-http";
import { createMigratedDatabase, dropDatabase, startTestServer, uniqueDatabaseName } from "./lib/test-database";

// npm run bench:autosave [-- --savers 100 --seconds 20] | [-- --rate 500 [--seconds 30]]
// N simulated evaluators, each signed in with its own account and working on its own draft locus,
// save answers through the same HTTP route the workspace page uses, against a production build.
// Then the same load on a trivial route of the same server (the framework's floor).
// --rate R (issue 17, deadline day): an open-loop offered load of R saves/s from R evaluators (each
// saving once a second, whatever the answers' delays), latency counted from each save's scheduled
// time (no coordinated omission); target p95 ≤ 100 ms and no errors.

const PASSWORD = "bench-password-2026";
/**
 * An evaluator's page has one save in flight at a time (use-autosave's sendAll sends its drafts
 * one by one), so one connection per evaluator: a save due while the last is unanswered waits in
 * its page, and that wait counts in its latency (from the scheduled time).
 */
const BROWSER_CONNECTIONS = 1;

// The production build's folder: E2E_PORT's own (a helper's), else the one of the full test run.
const BUILD_PORT = Number(process.env.E2E_PORT ?? 3100);

runMain(async () => {
  const { values } = parseArgs({ options: { savers: { type: "string" }, seconds: { type: "string" }, rate: { type: "string" } } });
  const rate = values.rate === undefined ? null : Number(values.rate);
  if (rate !== null && !(Number.isInteger(rate) && rate >= 1)) throw new UserFacingError("--rate must be a positive integer (saves per second).");
  const savers = Number(values.savers ?? rate ?? 100);
  const seconds = Number(values.seconds ?? (rate ? 30 : 20));
  if (!Number.isInteger(savers) || savers < 1 || !(seconds > 0)) throw new UserFacingError("--savers must be a positive integer and --seconds positive.");

  ensurePrismaClient();
  const server = await startTestServer();
  const name = uniqueDatabaseName("pekppp_bench_autosave");
  let portal: ChildProcess | null = null;
  try {
    const url = await createMigratedDatabase(server.serverUrl, name, Math.max(40, savers + 10));
    // One evaluator account per simulated saver, each on a different institution's draft locus.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const hash = await bcrypt.hash(PASSWORD, 10);
    await client.query(`UPDATE "CycleStage" SET "startsAt" = now() - interval '30 days', "endsAt" = now() + interval '30 days' WHERE kind = 'SELF_ASSESSMENT'`);
    const targets = await client.query<{ assessmentId: string; institutionId: string }>(
      `SELECT DISTINCT ON (l."institutionId") a.id AS "assessmentId", l."institutionId"
       FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "Cycle" c ON c.id = a."cycleId"
       WHERE c.status = 'ACTIVE' AND c."ownerInstitutionId" IS NULL ORDER BY l."institutionId", a.id LIMIT $1`,
      [savers],
    );
    if (targets.rowCount! < savers) throw new UserFacingError(`Only ${targets.rowCount} institutions for ${savers} savers.`);
    await client.query(`UPDATE "Assessment" SET status = 'DRAFT' WHERE id = ANY($1::uuid[])`, [targets.rows.map((t) => t.assessmentId)]);
    const accounts = targets.rows.map((t, i) => ({ ...t, email: `bench${i}@pekppp.test` }));
    for (const account of accounts) {
      await client.query(`INSERT INTO "User" (email, name, role, "institutionId", "passwordHash", "updatedAt") VALUES ($1, $2, 'EVALUATOR', $3, $4, now())`, [
        account.email,
        `Bench ${account.email}`,
        account.institutionId,
        hash,
      ]);
    }
    const codes = (
      await client.query<{ code: string }>(
        `SELECT code FROM "InstrumentIndicator" WHERE "instrumentVersionId" = (SELECT "instrumentVersionId" FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL ORDER BY year DESC LIMIT 1)`,
      )
    ).rows.map((r) => r.code);
    // What the page knows when it loads: the stored version of every answer.
    const stored = await client.query<{ assessmentId: string; code: string; version: number }>(
      `SELECT s."assessmentId", i.code, s.version FROM "SelfAnswer" s JOIN "InstrumentIndicator" i ON i.id = s."indicatorId" WHERE s."assessmentId" = ANY($1::uuid[])`,
      [accounts.map((a) => a.assessmentId)],
    );
    await client.end();

    const port = await findFreePort(3200);
    const base = `http://127.0.0.1:${port}`;
    const env = {
      ...process.env,
      DATABASE_URL: withDatabaseName(process.env.BENCH_TCP ? server.appServerTcpUrl : server.appServerUrl, name),
      AUTH_SECRET: resolveAuthSecret(),
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
    };
    // BENCH_REUSE_BUILD=1 measures an existing build as it is (a shared tree changes under it).
    if (!process.env.BENCH_REUSE_BUILD) ensureNextBuild(e2eDistDir(BUILD_PORT), env, (line) => console.log(line));
    const profile = process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
    portal = startNext({ distDir: e2eDistDir(BUILD_PORT), port, env, stdio: ["ignore", "ignore", "inherit"], nodeArgs: profile });
    await waitForServer(`${base}/api/health`);

    // Signed in a few at a time, each retried: 500 password checks at once only measure bcrypt.
    const cookies: string[] = new Array(accounts.length);
    let nextAccount = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = nextAccount++; i < accounts.length; i = nextAccount++) {
          for (let attempt = 1; ; attempt += 1) {
            try {
              cookies[i] = await signIn(base, accounts[i]!.email, PASSWORD);
              break;
            } catch (error) {
              if (attempt >= 5) throw error;
              await new Promise((r) => setTimeout(r, 500 * attempt));
            }
          }
        }
      }),
    );
    const versions = accounts.map((a) => new Map(stored.rows.filter((r) => r.assessmentId === a.assessmentId).map((r) => [r.code, r.version])));
    let counter = 0;
    const statuses = new Map<number, number>();
    const save = async (worker: number) => {
      const indicatorCode = codes[(counter += 1) % codes.length]!;
      const response = await fetch(`${base}/api/assessments/${accounts[worker]!.assessmentId}/answers`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: cookies[worker]!, origin: base },
        body: JSON.stringify({
          indicatorCode,
          level: counter % 6,
          justification: `Penjelasan tolok ukur ${counter}`,
          baseVersion: versions[worker]!.get(indicatorCode) ?? 0,
        }),
      });
      const body = (await response.json()) as { answer?: { version: number }; current?: { version: number } };
      const version = body.answer?.version ?? body.current?.version;
      if (version !== undefined) versions[worker]!.set(indicatorCode, version);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      return response.status === 200;
    };
    const trivial = async () => (await fetch(`${base}/api/health`)).ok;

    // Warm up both paths (JIT, connection pools) before measuring.
    await run(Math.min(savers, 20), 3, save);
    if (process.env.BENCH_PROFILE_DIR) {
      // Profile the save path alone: mark where it starts in the profile by a burst of health checks.
      await run(1, 1, trivial);
      summarise("autosave route", await run(savers, seconds, save), seconds);
      return;
    }
    await run(Math.min(savers, 20), 2, trivial);

    if (rate !== null) {
      // Each evaluator's k-th save of the run goes to its k-th indicator: saves of one evaluator that
      // overlap (the load does not wait for answers) never race on one answer's version.
      const sent = accounts.map(() => 0);
      // Each evaluator is a page with its own keep-alive connection (BROWSER_CONNECTIONS). fetch's
      // one shared pool opened a new connection for every save in flight instead, ten thousand of
      // them once answers lagged: the server's accept queue overflowed (511 of 511) and what it
      // could not read in time was reset (ECONNRESET, 408), on top of the load being measured.
      const browsers = accounts.map(() => new http.Agent({ keepAlive: true, maxSockets: BROWSER_CONNECTIONS }));
      const saveNext = async (worker: number) => {
        const k = (sent[worker] = (sent[worker] ?? 0) + 1);
        const indicatorCode = codes[k % codes.length]!;
        const response = await postJson(
          `${base}/api/assessments/${accounts[worker]!.assessmentId}/answers`,
          { cookie: cookies[worker]!, origin: base },
          { indicatorCode, level: k % 6, justification: `Penjelasan tolok ukur ${k}`, baseVersion: versions[worker]!.get(indicatorCode) ?? 0 },
          browsers[worker]!,
        );
        // The versions it makes are the next phase's base versions (else its saves conflict, 409).
        const body = response.body as { answer?: { version: number }; current?: { version: number } };
        const version = body.answer?.version ?? body.current?.version;
        if (version !== undefined) versions[worker]!.set(indicatorCode, version);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        return response.status === 200;
      };
      statuses.clear();
      console.log(
        `\nopen loop: ${rate} saves/s offered by ${savers} evaluators (each once a second) for ${seconds} s; production build, load generator on the same 2-core machine`,
      );
      const open = await openLoop(rate, seconds, savers, saveNext);
      for (const browser of browsers) browser.destroy();
      const offered = summarise("autosave open", open.samples, seconds);
      console.log(
        `  sent ${open.samples.length} saves in ${(open.sendMs / 1000).toFixed(1)} s (the generator's own lag: max ${open.maxLagMs.toFixed(1)} ms late); ` +
          `all answered after ${(open.doneMs / 1000).toFixed(1)} s; responses by status: ${[...statuses].map(([status, n]) => `${status}×${n}`).join(", ")}` +
          (open.failures.size > 0 ? `; no answer: ${[...open.failures].map(([code, n]) => `${code}×${n}`).join(", ")}` : ""),
      );
      const floor = summarise("trivial route", await run(savers, 10, trivial), 10);
      statuses.clear();
      const saturated = summarise("autosave satur.", await run(savers, 10, save), 10);
      console.log(`  saturated responses by status: ${[...statuses].map(([status, n]) => `${status}×${n}`).join(", ")}`);
      console.log(
        `target p95 ≤ 100 ms, no errors at ${rate} saves/s offered: p95 ${offered.p95.toFixed(1)} ms (${offered.p95 <= 100 ? "met" : "NOT met"}), ` +
          `${open.samples.filter((x) => !x.ok).length} failed; offered load = ${(rate / floor.throughput).toFixed(2)} × the trivial route's saturated throughput; ` +
          `saturated autosave/trivial ${(saturated.throughput / floor.throughput).toFixed(2)}`,
      );
      return;
    }

    console.log(`\n${savers} concurrent savers, ${seconds} s each run, production build, 2-core machine (load generator on the same machine)`);
    console.log("paced: each saver saves once a second, as the page does");
    const paced = summarise("autosave paced", await run(savers, seconds, save, 1_000), seconds);
    console.log("saturation: each saver sends its next save as soon as the last one is answered");
    const autosave = summarise("autosave route", await run(savers, seconds, save), seconds);
    console.log(`autosave responses by status: ${[...statuses].map(([status, n]) => `${status}×${n}`).join(", ")}`);
    const floor = summarise("trivial route", await run(savers, seconds, trivial), seconds);
    console.log(`throughput ratio autosave/trivial: ${(autosave.throughput / floor.throughput).toFixed(2)}`);
    console.log(
      `target: p95 ≤ 100 ms at ${savers} savers: paced ${paced.p95.toFixed(1)} ms (${paced.p95 <= 100 ? "met" : "NOT met"}), ` +
        `saturated ${autosave.p95.toFixed(1)} ms (${autosave.p95 <= 100 ? "met" : "NOT met"}); ` +
        `throughput ≥ 0.50 × trivial: ${(autosave.throughput / floor.throughput).toFixed(2)} (${autosave.throughput / floor.throughput >= 0.5 ? "met" : "NOT met"})`,
    );
  } finally {
    portal?.kill("SIGINT");
    await new Promise((r) => setTimeout(r, process.env.BENCH_PROFILE_DIR ? 5_000 : 500));
    await dropDatabase(server.serverUrl, name).catch(() => undefined);
    await server.stop();
  }
});

/** POSTs JSON through the given agent (one evaluator's browser); the status and the parsed body ({} if none). */
function postJson(url: string, headers: Record<string, string>, payload: unknown, agent: http.Agent) {
  const body = JSON.stringify(payload);
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const request = http.request(
      url,
      { method: "POST", agent, headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          let parsed: unknown = {};
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString("utf8"));
          } catch {
            // Not JSON (a proxy's or the server's own error page): counted by its status alone.
          }
          resolve({ status: response.statusCode ?? 0, body: parsed });
        });
        response.on("error", reject);
      },
    );
    // As fetch's errors: the network error's code on `cause`, which openLoop counts.
    request.on("error", (error) => reject(Object.assign(new Error(error.message), { cause: error })));
    request.end(body);
  });
}

/**
 * Sends `rate` requests a second for `seconds`, on schedule whatever the answers' delays (open
 * loop), worker i % workers taking the i-th; each latency counts from the scheduled time.
 */
async function openLoop(rate: number, seconds: number, workers: number, request: (worker: number) => Promise<boolean>) {
  const samples: Sample[] = [];
  const failures = new Map<string, number>();
  const pending: Promise<void>[] = [];
  const total = Math.round(rate * seconds);
  const start = performance.now();
  let maxLagMs = 0;
  for (let i = 0; i < total; i += 1) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    maxLagMs = Math.max(maxLagMs, performance.now() - due);
    pending.push(
      request(i % workers).then(
        (ok) => void samples.push({ ms: performance.now() - due, ok }),
        (error: unknown) => {
          // A request with no answer at all: by the network error's code (connection reset, refused, timeout…).
          const code = String((error as { cause?: { code?: string } })?.cause?.code ?? (error as Error)?.name ?? "error");
          failures.set(code, (failures.get(code) ?? 0) + 1);
          samples.push({ ms: performance.now() - due, ok: false });
        },
      ),
    );
  }
  const sendMs = performance.now() - start;
  await Promise.all(pending);
  return { samples, sendMs, doneMs: performance.now() - start, maxLagMs, failures };
}
