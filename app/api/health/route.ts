import { NextResponse } from "next/server";

/** Liveness probe, and the framework's floor for the autosave benchmark. Public (policy health.check). */
export function GET() {
  return NextResponse.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
