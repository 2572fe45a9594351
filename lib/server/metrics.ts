import "server-only";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/**
 * The portal's Prometheus metrics, served at /api/metrics (token: METRICS_TOKEN). One registry per
 * process, kept on globalThis: route handlers, actions and the auth configuration may be built
 * into different bundles, and each must count into the same metrics. The gauges of the database
 * pool and the job queue are read when scraped (`setGaugeSources`), not kept up to date.
 */
function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "pekppp_" });
  const gaugeSources: { pool?: () => { total: number; idle: number; waiting: number }; queue?: () => Promise<{ ready: number; total: number }> } = {};
  return {
    registry,
    gaugeSources,
    httpDuration: new Histogram({
      name: "pekppp_http_request_duration_seconds",
      help: "Route handler and server action durations, by route (the route's pattern or the action's name), method and status",
      labelNames: ["route", "method", "status"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    autosaves: new Counter({
      name: "pekppp_autosaves_total",
      help: "Autosaves of a self-assessment answer, by outcome (saved, conflict: 409 stale version, refused: any other answer)",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    signInFailures: new Counter({
      name: "pekppp_sign_in_failures_total",
      help: "Password sign-ins refused (wrong password, unknown or inactive account)",
      registers: [registry],
    }),
    signInThrottled: new Counter({ name: "pekppp_sign_in_throttled_total", help: "Password sign-ins refused by the sign-in throttle", registers: [registry] }),
    pool: new Gauge({
      name: "pekppp_db_pool_connections",
      help: "Connections of the portal's node-postgres pool (hot paths: autosave, session checks), by state",
      labelNames: ["state"] as const,
      registers: [registry],
      collect() {
        const stats = gaugeSources.pool?.();
        if (!stats) return;
        this.set({ state: "total" }, stats.total);
        this.set({ state: "idle" }, stats.idle);
        this.set({ state: "waiting" }, stats.waiting);
      },
    }),
    queue: new Gauge({
      name: "pekppp_job_queue_jobs",
      help: "Jobs in the notification queue (graphile-worker): ready to run now, and all",
      labelNames: ["state"] as const,
      registers: [registry],
      async collect() {
        const depth = await gaugeSources.queue?.().catch(() => null);
        if (!depth) return;
        this.set({ state: "ready" }, depth.ready);
        this.set({ state: "total" }, depth.total);
      },
    }),
  };
}

const store = globalThis as unknown as { pekpppMetrics?: ReturnType<typeof createMetrics> };
export const metrics = (store.pekpppMetrics ??= createMetrics());

/** The autosave route's pattern: its answers are counted as autosaves by outcome too. */
const AUTOSAVE_ROUTE = "/api/assessments/[id]/answers";

/** Records one finished request (route handler or server action). */
export function observeRequest(route: string, method: string, status: number, seconds: number) {
  metrics.httpDuration.observe({ route, method, status: String(status) }, seconds);
  if (route === AUTOSAVE_ROUTE && method === "POST") {
    metrics.autosaves.inc({ outcome: status < 300 ? "saved" : status === 409 ? "conflict" : "refused" });
  }
}
