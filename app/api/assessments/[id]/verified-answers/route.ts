import { NextResponse } from "next/server";
import { z } from "zod";
import { ZSaveVerifiedAnswer } from "@/lib/schemas/verification";
import { saveVerifiedAnswer } from "@/lib/server/verification/review";
import { authorizedRoute, errorResponse, parseJsonBody } from "@/lib/server/http/route-handler";

/** Autosave of one verified level and note (policy verification.review); 409 on a stale version. */
export const POST = authorizedRoute("/api/assessments/[id]/verified-answers", z.object({ id: z.uuid() }), async ({ actor, params, request }) => {
  const body = await parseJsonBody(request, ZSaveVerifiedAnswer);
  if (!body.ok) return body.response;
  const outcome = await saveVerifiedAnswer(actor, params.id, body.data);
  if (!outcome.ok) return errorResponse(409, "errors.conflict", { current: outcome.conflict });
  return NextResponse.json({ answer: outcome.answer }, { headers: { "cache-control": "no-store" } });
});
