import { type ChildProcess, spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { PROJECT_ROOT } from "./database";

/**
 * The notification worker (scripts/worker.ts) as a child process of `npm start`, with the
 * portal's environment (its database role, never the owner's), at a lower CPU priority than the
 * portal. `authUrl` is where the links in e-mail lead when AUTH_URL is not set: this portal's own
 * address.
 */
export function startWorkerProcess(env: NodeJS.ProcessEnv, authUrl: string): ChildProcess {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(PROJECT_ROOT, "scripts", "worker.ts")], {
    cwd: PROJECT_ROOT,
    stdio: "inherit",
    env: { ...env, AUTH_URL: env.AUTH_URL || authUrl, NODE_ENV: "production" },
  });
  // Background work: on a small machine the portal's requests come first (a reminder fan-out
  // never slows an evaluator's autosave much). Not being allowed to lower it is no reason to fail.
  if (child.pid) {
    try {
      os.setPriority(child.pid, WORKER_NICENESS);
    } catch {
      /* keep the default priority */
    }
  }
  return child;
}

/** The worker's CPU priority under `npm start` (POSIX nice: 0 normal, 19 lowest). */
const WORKER_NICENESS = 10;
