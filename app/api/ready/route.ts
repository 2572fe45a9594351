import { NextResponse } from "next/server";
import { probeDatabase } from "@/lib/server/db/availability";
import { databaseUnavailableResponse } from "@/lib/server/http/route-handler";

// Asked on every probe, never cached or prerendered.
export const dynamic = "force-dynamic";

/**
 * Readiness probe (public, policy health.check): 200 when the database answers `SELECT 1` within
 * 2 s, otherwise 503 with Retry-After. A load balancer sends traffic only to a ready portal;
 * /api/health stays the liveness probe (the process answers) and never touches the database.
 */
export async function GET() {
  if (!(await probeDatabase())) return databaseUnavailableResponse();
  return NextResponse.json({ ok: true, database: "ok" }, { headers: { "cache-control": "no-store" } });
}
