/**
 * The browser tests run in E2E_WORKERS Playwright workers, each against a stack of its own
 * (scripts/e2e-server.ts): a copy of the seeded database served by two instances of the production
 * build, on E2E_PORT + 2 × the worker's parallel index and the port after it. A spec file runs whole
 * in one worker, so what one spec changes is seen only by the specs after it in that worker, as before.
 */
export const E2E_BASE_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_WORKERS = Number(process.env.E2E_WORKERS ?? 2);

/** The first instance of a stack (the second listens on the port after it). */
export const stackPort = (stack: number) => E2E_BASE_PORT + 2 * stack;

/** This worker's stack: Playwright sets TEST_PARALLEL_INDEX in each worker before it loads the config. */
export const workerPort = () => stackPort(Number(process.env.TEST_PARALLEL_INDEX ?? 0));
