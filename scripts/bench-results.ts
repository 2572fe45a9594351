import type { ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import nodePath from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { seedDatabase } from "../prisma/seed/seed-database";
import { resolveAuthSecret } from "./lib/auth-secret";
import { percentile, run, signIn, summarise, waitForServer } from "./lib/bench-http";
import { withDatabaseName } from "./lib/database";
import { findFreePort } from "./lib/embedded-postgres";
import { UserFacingError, runMain } from "./lib/errors";
import { e2eDistDir, ensureNextBuild, startNext } from "./lib/next-build";
import { ensurePrismaClient } from "./lib/prisma-client";
import { createMigratedDatabase, dropDatabase, startTestServer, uniqueDatabaseName } from "./lib/test-database";

// [BENCH_PROFILE_DIR=dir] npm run bench:results [-- --loci 20000 --institutions 1500 --concurrency 8 --listing-clients 50 --seconds 10 --pages REGEX]
// Deadline day and publication day at PEKPPP Mandiri scale (issue 17), in a throw-away database:
//   0. the seed itself (target ≤ 3 min for 20,000 loci per cycle);
//   1. a full recompute of a cycle's results (target ≤ 5 s);
//   2. one approval with its (incremental) recompute, in-process as the server action runs it (target ≤ 200 ms);
//   3. every results page, the verifier's queue, the head's dashboard and the admin's cycle overview on a
//      production build at `concurrency` clients (target p95 ≤ 300 ms);
//   4. the published listing at `listing-clients` clients against the trivial route of the same
//      server in the same run (target ≥ 0.5 × its throughput, p95 ≤ 100 ms).
// --pages REGEX measures only the pages of 3. and 4. whose label matches (case-insensitive), e.g.
// "head" or "queue|admin cycle$" or "listing": for working on one page; the closing figures come from a whole run.
// The load generator runs on the same machine as the server and the database: figures from a
// shared 2-core machine are noisy, compare within one run.
// The production build's folder: E2E_PORT's own (a helper's), else the one of the full test run.
const BUILD_PORT = Number(process.env.E2E_PORT ?? 3100);

runMain(async () => {
  const { values } = parseArgs({
    options: {
      loci: { type: "string", default: "20000" },
      institutions: { type: "string", default: "1500" },
      seconds: { type: "string", default: "10" },
      concurrency: { type: "string", default: "8" },
      "listing-clients": { type: "string", default: "50" },
      approvals: { type: "string", default: "15" },
      pages: { type: "string" },
    },
  });
  const [loci, institutions, seconds, concurrency, listingClients, approvals] = [
    values.loci,
    values.institutions,
    values.seconds,
    values.concurrency,
    values["listing-clients"],
    values.approvals,
  ].map(Number) as [number, number, number, number, number, number];
  if (!Number.isInteger(institutions) || institutions < 3) throw new UserFacingError("--institutions harus bilangan bulat ≥ 3.");
  if (!Number.isInteger(loci) || loci < 3) throw new UserFacingError("--loci harus bilangan bulat ≥ 3.");
  if (!(seconds > 0) || !Number.isInteger(concurrency) || concurrency < 1 || !Number.isInteger(listingClients) || listingClients < 1)
    throw new UserFacingError("--seconds harus positif; --concurrency dan --listing-clients bilangan bulat ≥ 1.");
  const measured = (label: string) => !values.pages || new RegExp(values.pages, "i").test(label);
  const lociPerInstitution = Math.max(3, Math.ceil(loci / institutions));
  ensurePrismaClient();
  const server = await startTestServer();
  const name = uniqueDatabaseName("pekppp_bench_results");
  let portal: ChildProcess | null = null;
  const summary: string[] = [];
  try {
    const url = await createMigratedDatabase(server.serverUrl, name);
    const seed = await seedDatabase(url, { institutions, lociPerInstitution });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const cycles = (
      await client.query<{ id: string; name: string; status: string; loci: number; national: boolean }>(
        `SELECT c.id, c.name, c.status::text AS status, (c."ownerInstitutionId" IS NULL AND c."programmeCode" = 'PEKPPP') AS national, (SELECT count(*)::int FROM "Assessment" a WHERE a."cycleId" = c.id) AS loci FROM "Cycle" c ORDER BY year DESC, ("ownerInstitutionId" IS NOT NULL), ("programmeCode" <> 'PEKPPP')`,
      )
    ).rows;
    const running = cycles.find((c) => c.national && c.status === "ACTIVE")!;
    console.log(
      `0. seed: ${institutions} institutions × ${lociPerInstitution} loci, ${cycles.map((c) => `${c.name} ${c.loci.toLocaleString("en")} loci`).join(", ")}: ` +
        `${seed.rows.toLocaleString("en")} rows in ${(seed.milliseconds / 1000).toFixed(1)} s (target ≤ 180 s)`,
    );
    summary.push(`seed ${(seed.milliseconds / 1000).toFixed(1)} s (≤ 180 s)`);

    process.env.DATABASE_URL = url;
    process.env.AUTH_SECRET ??= "benchmark-secret-benchmark-secret-benchmark";
    const { recomputeCycleResults } = await import("../lib/server/results/recompute");
    const { approveAssessment } = await import("../lib/server/verification/review");
    const { pgPool } = await import("../lib/server/db/pg-pool");
    const { db } = await import("../lib/server/db/client");

    console.log("\n1. full recompute of every verified index of a cycle (target ≤ 5 s)");
    // The national running cycle and the one before it (every locus verified): the Mandiri and Ramah
    // Kelompok Rentan demo cycles are small.
    for (const cycle of cycles.filter((c) => c.national).slice(0, 2)) {
      const runs = [];
      for (let i = 0; i < 2; i += 1) runs.push(await recomputeCycleResults(cycle.id));
      console.log(
        `   ${cycle.name} (${cycle.status}): ${runs[0]!.loci} loci, ${runs[0]!.institutions} institutions: ${runs.map((r) => `${(r.milliseconds / 1000).toFixed(2)} s`).join(", ")}`,
      );
      summary.push(`full recompute ${cycle.name} ${runs.map((r) => (r.milliseconds / 1000).toFixed(2)).join("/")} s (≤ 5 s)`);
    }

    // Loci in review of different institutions, their verified levels completed as a verifier would.
    const targets = (
      await client.query<{ id: string; verifierId: string; email: string; name: string }>(
        `SELECT DISTINCT ON (l."institutionId") a.id, va."verifierId", u.email, u.name
         FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId"
         JOIN "VerifierAssignment" va ON va."cycleId" = a."cycleId" AND va."institutionId" = l."institutionId" JOIN "User" u ON u.id = va."verifierId"
         WHERE a."cycleId" = $1 AND a.status = 'IN_REVIEW' ORDER BY l."institutionId", a.id LIMIT $2`,
        [running.id, approvals],
      )
    ).rows;
    await client.query(
      `INSERT INTO "VerifiedAnswer" ("assessmentId", "indicatorId", level, note, "updatedAt")
       SELECT a.id, i.id, 3, 'Sesuai bukti dukung.', now() FROM "Assessment" a JOIN "Cycle" c ON c.id = a."cycleId"
       JOIN "InstrumentIndicator" i ON i."instrumentVersionId" = c."instrumentVersionId" WHERE a.id = ANY($1::uuid[])
       ON CONFLICT ("assessmentId", "indicatorId") DO UPDATE SET level = COALESCE("VerifiedAnswer".level, 3)`,
      [targets.map((t) => t.id)],
    );
    console.log(`\n2. one approval with its recompute of the locus and its institution, in-process (target ≤ 200 ms), ${targets.length} approvals`);
    const approvalMs: number[] = [];
    for (const target of targets) {
      const actor = { id: target.verifierId, email: target.email, name: target.name, role: "VERIFIER" as const, institutionId: null };
      const started = performance.now();
      await approveAssessment(actor, target.id, { confirmOpenQuestions: true });
      approvalMs.push(performance.now() - started);
    }
    approvalMs.sort((a, b) => a - b);
    console.log(
      `   p50 ${percentile(approvalMs, 50).toFixed(1)} ms  p95 ${percentile(approvalMs, 95).toFixed(1)} ms  max ${approvalMs.at(-1)!.toFixed(1)} ms (first, with the instrument read: included)`,
    );
    summary.push(`approval p50 ${percentile(approvalMs, 50).toFixed(0)} ms p95 ${percentile(approvalMs, 95).toFixed(0)} ms (≤ 200 ms)`);
    // Issue 18: the calibration's answers counted for every cycle it shows (once per results generation;
    // the approvals above moved the running cycle's), what the first calibration request after a change pays.
    const { ensureCalibrationFacts } = await import("../lib/server/calibration/facts");
    const shown = await client.query<{ id: string; generation: number }>(
      `SELECT id, "resultsGeneration" AS generation FROM "Cycle" WHERE status IN ('ACTIVE', 'FINALISED', 'ARCHIVED')`,
    );
    const counting = performance.now();
    await ensureCalibrationFacts(shown.rows);
    const countedMs = performance.now() - counting;
    const facts = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "CalibrationFact"`)).rows[0]!.n;
    console.log(`   calibration answers counted for ${shown.rowCount} cycles: ${countedMs.toFixed(0)} ms, ${facts.toLocaleString("en")} rows`);
    summary.push(`calibration counting (per results generation) ${countedMs.toFixed(0)} ms`);
    await Promise.all([pgPool.end(), db.$disconnect()]);

    const province = (await client.query<{ id: string }>(`SELECT id FROM "Province" WHERE name = 'Jawa Timur'`)).rows[0]!.id;
    await explainHotQueries(client, running.id);
    await client.end();
    const port = await findFreePort(3300);
    const base = `http://127.0.0.1:${port}`;
    const env = {
      ...process.env,
      DATABASE_URL: withDatabaseName(server.appServerUrl, name),
      AUTH_SECRET: resolveAuthSecret(),
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
    };
    // BENCH_REUSE_BUILD=1 measures an existing build as it is (a shared tree changes under it).
    if (!process.env.BENCH_REUSE_BUILD) ensureNextBuild(e2eDistDir(BUILD_PORT), env, (line) => console.log(line));
    // BENCH_PROFILE_DIR=dir writes a CPU profile of the server there when it stops (summarise its self time per
    // function), and each measured page's HTML.
    const profile = process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
    portal = startNext({ distDir: e2eDistDir(BUILD_PORT), port, env, stdio: ["ignore", "ignore", "inherit"], nodeArgs: profile });
    await waitForServer(`${base}/api/health`);
    const [head, verifier, admin] = await Promise.all([
      signIn(base, "pimpinan.palembang@pekppp.test", "pekppp-demo"),
      signIn(base, "verifikator@pekppp.test", "pekppp-demo"),
      signIn(base, "admin@pekppp.test", "pekppp-demo"),
    ]);
    const allPages: [string, string, string | null][] = [
      ["rankings K/L", "/results?group=KL", null],
      ["rankings Kab.", "/results?group=KABUPATEN", null],
      ["rankings Kab. p.3", "/results?group=KABUPATEN&page=3", null],
      ["rankings search", "/results?group=KOTA&q=kota&grade=B", null],
      ["rankings prov.", `/results?group=PROVINCE&province=${province}`, null],
      ["awards", "/results/awards", null],
      ["export Kab. CSV", "/api/results/rankings?group=KABUPATEN&format=csv", null],
      ["head dashboard", "/dashboard", head],
      ["verifier queue", "/verification", verifier],
      ["queue in review", "/verification?status=IN_REVIEW&page=2", verifier],
      ["admin cycle", `/admin/cycles/${running.id}`, admin],
      ["admin cycle loci", `/admin/cycles/${running.id}/loci`, admin],
      // Issue 18: calibration analytics (cached per results generation) and explain my score.
      ["calibration", "/admin/calibration", admin],
      ["calibration Kab. aspect I", "/admin/calibration?type=KABUPATEN&aspect=I", admin],
      ["verifier calibration", "/verification/calibration", verifier],
      ["head explain", "/dashboard/explain", head],
    ];
    const pages = allPages.filter(([label]) => measured(label));
    const get = (path: string, cookie: string | null) => async () => {
      const response = await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
      await response.arrayBuffer();
      return response.status === 200;
    };
    for (const [label, path, cookie] of pages) {
      const started = performance.now();
      const samples = await run(1, 0.001, get(path, cookie));
      if (!samples.every((s) => s.ok)) throw new UserFacingError(`${label} (${path}) did not answer 200.`);
      // The first request of a page builds what it caches: shown, so an uncached calibration's cost is known too.
      console.log(`   first request ${label}: ${(performance.now() - started).toFixed(0)} ms`);
    }
    // The server's own CPU time per request, requests one after the other: what a page costs,
    // whatever else the machine runs (a shared machine's p95 at load mostly measures its neighbours).
    const cpuPages: [string, string, string | null][] = [
      ...pages,
      ...(measured("listing")
        ? ([
            ["listing Kab.", "/results?group=KABUPATEN", null],
            ["listing CSV", "/api/results/rankings?group=KABUPATEN&format=csv", null],
            ["trivial route", "/api/health", null],
          ] as [string, string, null][])
        : []),
    ];
    console.log(`\n   server CPU time per request, ${CPU_REQUESTS} requests one after the other (gzip accepted), and the page's size`);
    for (const [label, path, cookie] of cpuPages) {
      const before = serverCpuMs(portal.pid!);
      let body = new ArrayBuffer(0);
      for (let i = 0; i < CPU_REQUESTS; i += 1) {
        const response = await fetch(`${base}${path}`, { headers: { "accept-encoding": "gzip", ...(cookie ? { cookie } : {}) }, redirect: "manual" });
        body = await response.arrayBuffer();
      }
      const perRequest = (serverCpuMs(portal.pid!) - before) / CPU_REQUESTS;
      const bytes = body.byteLength;
      // Beside the profile, each page as served: what its bytes are made of.
      if (process.env.BENCH_PROFILE_DIR) writeFileSync(nodePath.join(process.env.BENCH_PROFILE_DIR, `${label.replaceAll(" ", "-")}.html`), Buffer.from(body));
      console.log(`   ${label.padEnd(18)} ${perRequest.toFixed(1).padStart(6)} ms CPU  ${(bytes / 1024).toFixed(0).padStart(5)} kB`);
      summary.push(`${label} server CPU ${perRequest.toFixed(1)} ms/request`);
    }
    console.log(`\n3. page response times, production build, ${concurrency} concurrent clients, ${seconds} s each (target p95 ≤ 300 ms)`);
    for (const [label, path, cookie] of pages) {
      const { p95 } = summarise(label, await run(concurrency, seconds, get(path, cookie)), seconds);
      summary.push(`${label} p95 ${p95.toFixed(0)} ms (≤ 300 ms)`);
    }

    if (!measured("listing")) {
      console.log(`\nsummary\n${summary.map((s) => `  ${s}`).join("\n")}`);
      return;
    }
    console.log(
      `\n4. published listing against the trivial route, ${listingClients} concurrent clients, ${seconds} s each (target ≥ 0.5 × trivial, p95 ≤ 100 ms)`,
    );
    const trivial = summarise("trivial route", await run(listingClients, seconds, get("/api/health", null)), seconds);
    const listing = summarise("listing Kab.", await run(listingClients, seconds, get("/results?group=KABUPATEN", null)), seconds);
    const exported = summarise("listing CSV", await run(listingClients, seconds, get("/api/results/rankings?group=KABUPATEN&format=csv", null)), seconds);
    const again = summarise("trivial again", await run(listingClients, seconds, get("/api/health", null)), seconds);
    const floor = (trivial.throughput + again.throughput) / 2;
    console.log(
      `   ratio to the trivial route (mean of both runs, ${floor.toFixed(0)} req/s): listing ${(listing.throughput / floor).toFixed(2)}, CSV ${(exported.throughput / floor).toFixed(2)}`,
    );
    summary.push(
      `listing ${listing.throughput.toFixed(0)} req/s = ${(listing.throughput / floor).toFixed(2)} × trivial, p95 ${listing.p95.toFixed(0)} ms; CSV ${(exported.throughput / floor).toFixed(2)} × trivial, p95 ${exported.p95.toFixed(0)} ms`,
    );
    console.log(`\nsummary\n${summary.map((s) => `  ${s}`).join("\n")}`);
  } finally {
    // SIGINT lets node write its CPU profile before it exits.
    portal?.kill(process.env.BENCH_PROFILE_DIR ? "SIGINT" : "SIGTERM");
    if (process.env.BENCH_PROFILE_DIR) await new Promise((r) => setTimeout(r, 5_000));
    await dropDatabase(server.serverUrl, name).catch(() => undefined);
    await server.stop();
  }
});

const CPU_REQUESTS = 30;

/** A process's CPU time so far (user and system, ms) from /proc (Linux; 0 elsewhere). */
function serverCpuMs(pid: number): number {
  try {
    // Fields 14 and 15 of proc(5) (utime, stime, in clock ticks of 10 ms), counted after the command's ")".
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/**
 * EXPLAIN ANALYZE of the hot reads at this scale: the time of each and the largest table a plan
 * reads whole (a sequential scan), so a missing index shows. The SQL is the pages' own, or the
 * equivalent of the queue's Prisma query.
 */
async function explainHotQueries(client: pg.Client, cycleId: string) {
  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const verifierId = (await one(`SELECT id FROM "User" WHERE email = 'verifikator@pekppp.test'`)).id;
  const institutionId = (
    await one(`SELECT l."institutionId" FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a."cycleId" = $1 LIMIT 1`, [cycleId])
  ).institutionId;
  const queries: [string, string, unknown[]][] = [
    [
      "published cycles (per results request)",
      `SELECT id, name, year, "publishedAt", "resultsGeneration" FROM "Cycle" WHERE status = 'FINALISED' AND "publishedAt" IS NOT NULL ORDER BY year DESC, name`,
      [],
    ],
    [
      "incremental recompute: the institution's loci",
      `SELECT a.id, a.status = ANY('{VERIFIED,FINAL}'::"AssessmentStatus"[]) AS verified, r."indexNumerator"::text AS n FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId"
       LEFT JOIN "LocusResult" r ON r."assessmentId" = a.id AND r.kind = 'VERIFIED' WHERE a."cycleId" = $1 AND l."institutionId" = $2`,
      [cycleId, institutionId],
    ],
    [
      "head dashboard: the institution's stored results",
      `SELECT a.id, a.status::text, l.name, r."f02TenThousandths", r."indexNumerator"::text FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId"
       LEFT JOIN "LocusResult" r ON r."assessmentId" = a.id AND r.kind = 'VERIFIED' WHERE a."cycleId" = $1 AND l."institutionId" = $2 ORDER BY l."serviceType", l.name`,
      [cycleId, institutionId],
    ],
    [
      "head dashboard: self and verified sums per indicator",
      `SELECT 'S' AS kind, i.code, sum(s.level) FROM "SelfAnswer" s JOIN "InstrumentIndicator" i ON i.id = s."indicatorId"
       WHERE s."assessmentId" IN (SELECT a.id FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a."cycleId" = $1 AND l."institutionId" = $2) GROUP BY i.code
       UNION ALL
       SELECT 'V', i.code, sum(v.level) FROM "VerifiedAnswer" v JOIN "InstrumentIndicator" i ON i.id = v."indicatorId"
       WHERE v."assessmentId" IN (SELECT a.id FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" WHERE a."cycleId" = $1 AND l."institutionId" = $2) GROUP BY i.code`,
      [cycleId, institutionId],
    ],
    [
      "queue: counts per status (verifier, kept counts)",
      `SELECT s.status, sum(s.count)::int AS count FROM "VerifierAssignment" va
       JOIN "InstitutionStatusCount" s ON s."cycleId" = va."cycleId" AND s."institutionId" = va."institutionId"
       WHERE va."verifierId" = $2 AND va."cycleId" = $1 AND s.count > 0 GROUP BY s.status`,
      [cycleId, verifierId],
    ],
    [
      "queue: first page (verifier)",
      `SELECT a.id FROM "Locus" l JOIN "Assessment" a ON a."locusId" = l.id AND a."cycleId" = $1
       WHERE l."institutionId" = ANY(ARRAY(SELECT va."institutionId" FROM "VerifierAssignment" va WHERE va."verifierId" = $2 AND va."cycleId" = $1))
       ORDER BY a."submittedAt" ASC NULLS LAST, a.id LIMIT 50`,
      [cycleId, verifierId],
    ],
    [
      "admin overview: overdue loci counted (kept counts less running reopenings)",
      `SELECT (SELECT coalesce(sum(count), 0) FROM "CycleStatusCount" WHERE "cycleId" = $1 AND status IN ('DRAFT', 'RETURNED'))
            - (SELECT count(*) FROM "Assessment" a
               WHERE a."cycleId" = $1 AND a."reopenedUntil" IS NOT NULL AND a.status IN ('DRAFT', 'RETURNED') AND a."reopenedUntil" >= now())`,
      [cycleId],
    ],
    [
      "admin overview: overdue loci first page",
      `SELECT a.id FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
       WHERE a."cycleId" = $1 AND a.status IN ('DRAFT', 'RETURNED') AND NOT (a."reopenedUntil" IS NOT NULL AND a."reopenedUntil" >= now())
       ORDER BY i.name, l."serviceType", l.name LIMIT 50`,
      [cycleId],
    ],
    [
      "admin overview: status matrix (kept counts)",
      `SELECT "institutionType", status, count FROM "CycleStatusCount" WHERE "cycleId" = $1 AND count > 0`,
      [cycleId],
    ],
    [
      "admin overview: verifier workload (kept counts)",
      `SELECT va."verifierId", va."institutionId", s.status, coalesce(s.count, 0) AS count FROM "VerifierAssignment" va
       LEFT JOIN "InstitutionStatusCount" s ON s."cycleId" = va."cycleId" AND s."institutionId" = va."institutionId" AND s.count > 0
       WHERE va."cycleId" = $1`,
      [cycleId],
    ],
    [
      "admin loci list: first page",
      `SELECT a.id, l.name, i.name FROM "Assessment" a JOIN "Locus" l ON l.id = a."locusId" JOIN "Institution" i ON i.id = l."institutionId"
       WHERE a."cycleId" = $1 ORDER BY i.name, l."serviceType", l.name LIMIT 50`,
      [cycleId],
    ],
  ];
  console.log("\n   EXPLAIN ANALYZE of the hot reads (execution time; tables read whole)");
  for (const [label, sql, params] of queries) {
    const plan = (await one(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params))["QUERY PLAN"][0];
    const scans: string[] = [];
    const walk = (node: { "Node Type": string; "Relation Name"?: string; Plans?: unknown[] }) => {
      if (node["Node Type"] === "Seq Scan" && node["Relation Name"]) scans.push(node["Relation Name"]);
      for (const child of (node.Plans ?? []) as (typeof node)[]) walk(child);
    };
    walk(plan.Plan);
    console.log(`   ${label.padEnd(46)} ${plan["Execution Time"].toFixed(1).padStart(7)} ms${scans.length ? `  seq scan: ${scans.join(", ")}` : ""}`);
  }
}
