import { defineConfig } from "@playwright/test";
import { DEBIAN_CHROMIUM } from "./scripts/lib/chromium";
import { E2E_BASE_PORT, E2E_WORKERS, workerPort } from "./tests/e2e/stacks";

// Debian's Chromium (its headless shell), never a downloaded browser (see ../shared/notes/toolchain.md).
const executablePath = process.env.CHROMIUM_PATH || DEBIAN_CHROMIUM;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  // One stack (database and two instances) per worker: spec files run side by side, never on each other's data.
  workers: E2E_WORKERS,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${workerPort()}`,
    locale: "id-ID",
    trace: "off",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: "node --import tsx scripts/e2e-server.ts",
    // scripts/e2e-server.ts opens the first stack's first instance last, once every other one answers.
    url: `http://127.0.0.1:${E2E_BASE_PORT}/login`,
    env: { E2E_PORT: String(E2E_BASE_PORT), E2E_WORKERS: String(E2E_WORKERS) },
    reuseExistingServer: false,
    timeout: 600_000,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
