import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { PROJECT_ROOT } from "./database";

/**
 * The notification worker (scripts/worker.ts) as a child process of `npm start`, with the
 * portal's environment (its database role, never the owner's). `authUrl` is where the links in
 * e-mail lead when AUTH_URL is not set: this portal's own address.
 */
export function startWorkerProcess(env: NodeJS.ProcessEnv, authUrl: string): ChildProcess {
  return spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(PROJECT_ROOT, "scripts", "worker.ts")], {
    cwd: PROJECT_ROOT,
    stdio: "inherit",
    env: { ...env, AUTH_URL: env.AUTH_URL || authUrl, NODE_ENV: "production" },
  });
}
