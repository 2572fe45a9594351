import { NextResponse } from "next/server";
import { z } from "zod";
import { ZSaveAnswer } from "@/lib/schemas/self-assessment";
import { saveSelfAnswer } from "@/lib/server/data/self-assessment";
import { authorizedRoute, errorResponse, parseJsonBody } from "@/lib/server/routes/handler";

/**
 * Autosave of one self-assessment answer (policy selfAssessment.edit). 200 with the new version,
 * or 409 with the stored answer when the browser's version is stale.
 */
export const POST = authorizedRoute("/api/assessments/[id]/answers", z.object({ id: z.uuid() }), async ({ actor, params, request }) => {
  const body = await parseJsonBody(request, ZSaveAnswer);
  if (!body.ok) return body.response;
  const outcome = await saveSelfAnswer(actor, params.id, body.data);
  if (!outcome.ok) return errorResponse(409, "errors.conflict", { current: outcome.conflict });
  return NextResponse.json({ answer: outcome.answer }, { headers: { "cache-control": "no-store" } });
});
