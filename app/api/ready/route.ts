import { NextResponse } from "next/server";
import { probeDatabase } from "@/lib/server/db/availability";
import { databaseUnavailableResponse, errorResponse } from "@/lib/server/http/route-handler";
import { probeEvidenceStorage } from "@/lib/server/storage/probe";

// Asked on every probe, never cached or prerendered.
export const dynamic = "force-dynamic";

/**
 * Readiness probe (public, policy health.check): 200 when the database answers `SELECT 1` and the
 * evidence storage writes, reads back and deletes a probe object, each within 2 s; otherwise 503
 * with `checks` saying which one failed (database first: then with Retry-After, as every route
 * answers during an outage). A load balancer sends traffic only to a ready portal; /api/health
 * stays the liveness probe (the process answers) and touches neither.
 */
export async function GET() {
  const [database, storage] = await Promise.all([probeDatabase(), probeEvidenceStorage()]);
  const checks = { database: database ? "ok" : "unavailable", storage: storage ? "ok" : "unavailable" } as const;
  if (!database) {
    const response = databaseUnavailableResponse();
    const body = await response.json();
    return NextResponse.json({ ...body, checks }, { status: 503, headers: response.headers });
  }
  if (!storage) return errorResponse(503, "errors.storageUnavailable", { checks });
  return NextResponse.json({ ok: true, checks }, { headers: { "cache-control": "no-store" } });
}
