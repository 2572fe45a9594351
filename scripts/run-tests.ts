import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { E2E_BASE_PORT } from "../tests/e2e/stacks";
import { resolveAuthSecret } from "./lib/auth-secret";
import { ensureChromium } from "./lib/chromium";
import { PROJECT_ROOT } from "./lib/database";
import { e2eDistDir, ensureNextBuildInBackground } from "./lib/next-build";
import { ensurePrismaClient } from "./lib/prisma-client";

// Every test of the project: type check, format and lint, unit and integration (Vitest, real PostgreSQL), browser
// end-to-end (Playwright, Debian's Chromium). Ends with one line "N passed, M failed".

const RESULTS = path.join(PROJECT_ROOT, ".data", "test-results");
const bin = (name: string) => path.join(PROJECT_ROOT, "node_modules", ".bin", name);

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

function run(title: string, command: string, args: string[], env: Record<string, string> = {}) {
  console.log(`\n━━ ${title} ━━`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: PROJECT_ROOT, stdio: "inherit", env: { ...process.env, ...env } });
  console.log(`   (${title}: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return result.status === 0;
}

function readJson(file: string): unknown {
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
}

function vitestTally(file: string): Tally | null {
  const report = readJson(file) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number } | null;
  if (!report) return null;
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}

function playwrightTally(file: string): Tally | null {
  const report = readJson(file) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } } | null;
  if (!report) return null;
  return { passed: report.stats.expected, failed: report.stats.unexpected + report.stats.flaky, skipped: report.stats.skipped };
}

rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });
ensurePrismaClient();
// The browser first, so that a fresh Debian machine needs nobody: Debian's package is installed
// when allowed (root with apt-get), otherwise the one command to run is reported (scripts/lib/chromium.ts).
const chromiumProblem = ensureChromium();

const problems: string[] = [];
const typesChecked = run("Pemeriksaan tipe (tsc)", bin("tsc"), ["--noEmit", "-p", "."]);
if (!typesChecked) problems.push("pemeriksaan tipe gagal");
// The browser tests' build of the portal, made while Biome and Vitest run (about a minute less in
// all on two cores). Only after tsc: a build rewrites next-env.d.ts, which tsc reads. It reads no
// database; scripts/e2e-server.ts finds it made and serves it. It skips Next's own type check only
// when tsc has just passed (next.config.ts).
const backgroundBuild = chromiumProblem
  ? Promise.resolve(null)
  : ensureNextBuildInBackground(
      e2eDistDir(E2E_BASE_PORT),
      {
        ...process.env,
        DATABASE_URL: process.env.DATABASE_URL || "postgresql://localhost/pekppp_build",
        AUTH_SECRET: resolveAuthSecret(),
        ...(typesChecked ? { PEKPPP_TYPES_CHECKED: "1" } : {}),
      },
      path.join(RESULTS, "next-build.log"),
    );
// Formatting and lint rules (biome.json); `npx biome check --write .` fixes what it can.
if (!run("Format & lint (Biome)", bin("biome"), ["ci", "--reporter=summary", "."])) problems.push("format atau lint tidak sesuai (npx biome check --write .)");

const vitestFile = path.join(RESULTS, "vitest.json");
const vitestOk = run("Uji unit & integrasi (Vitest, PostgreSQL sungguhan)", bin("vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestFile}`,
]);
const vitest = vitestTally(vitestFile);
if (!vitestOk && (!vitest || vitest.failed === 0)) problems.push("Vitest berhenti sebelum melaporkan hasil");

const playwrightFile = path.join(RESULTS, "playwright.json");
let browser: Tally | null = null;
if (chromiumProblem) {
  problems.push(chromiumProblem);
} else {
  const build = await backgroundBuild;
  if (build) console.log(`\n   (pembangunan portal untuk uji peramban, di latar: ${build.seconds.toFixed(1)} s${build.failure ? ", GAGAL" : ""})`);
  if (build?.failure) console.log(build.failure);
  const playwrightOk = run("Uji peramban end-to-end (Playwright, Chromium)", bin("playwright"), ["test"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightFile,
    // The portal's build for the browser tests need not check the types tsc has just checked (next.config.ts).
    ...(typesChecked ? { PEKPPP_TYPES_CHECKED: "1" } : {}),
  });
  browser = playwrightTally(playwrightFile);
  if (!playwrightOk && (!browser || browser.failed === 0)) problems.push("Playwright berhenti sebelum melaporkan hasil");
}

const total = [vitest, browser].reduce<Tally>(
  (sum, t) => (t ? { passed: sum.passed + t.passed, failed: sum.failed + t.failed, skipped: sum.skipped + t.skipped } : sum),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log("\n━━ Ringkasan ━━");
if (vitest) console.log(`Unit & integrasi: ${vitest.passed} lulus, ${vitest.failed} gagal`);
if (browser) console.log(`Peramban:         ${browser.passed} lulus, ${browser.failed} gagal`);
for (const problem of problems) console.log(`✖ ${problem}`);
// An unreported problem (type errors, a runner that crashed) counts as one failure.
const failed = total.failed + (total.failed === 0 ? problems.length : 0);
console.log(`Tests: ${total.passed} passed, ${failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`);
process.exit(failed > 0 || problems.length > 0 ? 1 : 0);
