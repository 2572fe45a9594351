import { spawn, spawnSync, type ChildProcess, type StdioOptions } from "node:child_process";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { UserFacingError } from "./errors";
import { PROJECT_ROOT } from "./database";

// Everything the build reads: the root's proxy.ts and instrumentation.ts are compiled into it too.
const SOURCES = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.ts",
  "proxy.ts",
  "instrumentation.ts",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Whether distDir lacks a build newer than every source. */
function buildIsStale(distDir: string) {
  const buildId = path.join(PROJECT_ROOT, distDir, "BUILD_ID");
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  return SOURCES.some((source) => newestMtime(path.join(PROJECT_ROOT, source)) > built);
}

/** Builds the production bundle into distDir unless a build newer than every source exists. */
export function ensureNextBuild(distDir: string, env: NodeJS.ProcessEnv, log: (line: string) => void) {
  if (!buildIsStale(distDir)) return;
  log("Membangun portal (sekali setelah setiap perubahan kode, ± 1 menit)…");
  const result = spawnSync(process.execPath, [nextBin(), "build"], {
    cwd: PROJECT_ROOT,
    stdio: "inherit",
    env: { ...env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new UserFacingError("Pembangunan portal (next build) gagal; lihat pesan di atas.");
}

/**
 * ensureNextBuild started now and left to run at a lower priority while other work goes on (the
 * test run's Vitest): resolves with null when a fresh build was there already, else with how long
 * the build took and, when it failed, its output.
 */
export function ensureNextBuildInBackground(
  distDir: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
): Promise<{ seconds: number; failure: string | null } | null> {
  if (!buildIsStale(distDir)) return Promise.resolve(null);
  const started = Date.now();
  const log = openSync(logFile, "w");
  // nice(1) where it exists: the build takes only the CPU the foreground work leaves.
  const [command, args] = existsSync("/usr/bin/nice")
    ? ["/usr/bin/nice", ["-n", "10", process.execPath, nextBin(), "build"]]
    : [process.execPath, [nextBin(), "build"]];
  const child = spawn(command, args, {
    cwd: PROJECT_ROOT,
    stdio: ["ignore", log, log],
    env: { ...env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
  });
  return new Promise((resolve) => {
    const seconds = () => (Date.now() - started) / 1000;
    child.on("error", (error) => resolve({ seconds: seconds(), failure: String(error) }));
    child.on("exit", (code) => {
      closeSync(log);
      resolve({ seconds: seconds(), failure: code === 0 ? null : readFileSync(logFile, "utf8") });
    });
  });
}

/** Its own build folder per port, so that two test runs side by side never share a build. */
export function e2eDistDir(port: number) {
  return port === 3100 ? ".next-e2e" : `.next-e2e-${port}`;
}

/**
 * Records each request's socket address and protocol for the portal (lib/server/http/client-address.ts):
 * Next.js itself believes a client's X-Forwarded-For. Loaded into the server process, and into
 * `next dev`'s worker, through NODE_OPTIONS.
 */
const CONNECTION_HOP = path.join(PROJECT_ROOT, "scripts", "lib", "connection-hop.cjs");
// One log line per page request, as route handlers and server actions write theirs (issue 20).
const PAGE_REQUEST_LOG = path.join(PROJECT_ROOT, "scripts", "lib", "page-request-log.cjs");

/**
 * The portal on a port: `next start` of the build in distDir (production), or `next dev`, with
 * the connection hop loaded. nodeArgs go to node itself (e.g. --cpu-prof).
 */
export function startNext(options: {
  distDir: string;
  port: number;
  env: NodeJS.ProcessEnv;
  stdio?: StdioOptions;
  dev?: boolean;
  nodeArgs?: string[];
}): ChildProcess {
  const { distDir, port, env, stdio = "inherit", dev = false, nodeArgs = [] } = options;
  return spawn(process.execPath, [...nodeArgs, nextBin(), dev ? "dev" : "start", "-p", String(port)], {
    cwd: PROJECT_ROOT,
    stdio,
    env: {
      ...env,
      NODE_ENV: dev ? "development" : "production",
      NEXT_DIST_DIR: distDir,
      NODE_OPTIONS: [
        // A larger young generation for the production server than V8 gives by default (a user's own
        // NODE_OPTIONS, after it, still wins): a page render allocates many short-lived objects, and
        // scavenges took about a tenth of the server's CPU. With 32 MB semi-spaces a signed-in page
        // cost 13–17 % less server CPU at 20k loci (bench:results, one run each way).
        dev ? null : "--max-semi-space-size=32",
        env.NODE_OPTIONS,
        `--require ${JSON.stringify(CONNECTION_HOP)}`,
        `--require ${JSON.stringify(PAGE_REQUEST_LOG)}`,
      ]
        .filter(Boolean)
        .join(" "),
    },
  });
}

function nextBin() {
  return path.join(PROJECT_ROOT, "node_modules", "next", "dist", "bin", "next");
}
