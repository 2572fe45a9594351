import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // The server-only guard throws outside React Server Components; tests call the layer directly.
      "server-only": path.join(root, "tests", "support", "server-only.ts"),
    },
  },
  test: {
    // One worker per core, not Vitest's default of one fewer: the integration tests wait on
    // PostgreSQL much of the time, and on a 2-core machine the default is a single worker (the
    // whole run took 146 s with one worker and 108 s with two, here).
    maxWorkers: Math.max(2, os.availableParallelism()),
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/integration/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
