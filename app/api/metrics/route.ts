import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { pgPool } from "@/lib/server/db/pg-pool";
import { loggedRoute } from "@/lib/server/http/request-log";
import { metrics } from "@/lib/server/metrics";
import { queueDepth } from "@/lib/server/notifications/queue";

export const dynamic = "force-dynamic";

/** The token in `Authorization: Bearer …`, compared in constant time. */
function hasToken(request: Request, token: string) {
  const given = Buffer.from(request.headers.get("authorization")?.replace(/^Bearer\s+/i, "") ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Prometheus metrics (lib/server/metrics.ts), for the scraper that holds METRICS_TOKEN (policy
 * health.check in the table; the token is the guard): without the setting the route does not
 * exist (404), without the token it answers 401.
 */
export const GET = loggedRoute("/api/metrics", async (request: Request) => {
  const token = env.METRICS_TOKEN;
  if (!token) return new Response("Not found", { status: 404 });
  if (!hasToken(request, token)) return new Response("Unauthorized", { status: 401, headers: { "www-authenticate": "Bearer" } });
  metrics.gaugeSources.pool = () => ({ total: pgPool.totalCount, idle: pgPool.idleCount, waiting: pgPool.waitingCount });
  metrics.gaugeSources.queue = () => queueDepth((sql) => pgPool.query(sql));
  return new Response(await metrics.registry.metrics(), { headers: { "content-type": metrics.registry.contentType, "cache-control": "no-store" } });
});
