import { NextResponse } from "next/server";
import { z } from "zod";
import { ZSaveAnswer } from "@/lib/schemas/self-assessment";
import { requestOrigin } from "@/lib/server/audit/record";
import { saveWithDiagnosis, trySaveInOneStatement } from "@/lib/server/assessment/self-assessment";
import { errorResponse, parseJsonBody, sessionClaimsRoute } from "@/lib/server/http/route-handler";

/**
 * Autosave of one self-assessment answer (policy selfAssessment.edit). 200 with the new version,
 * or 409 with the stored answer when the browser's version is stale.
 */
export const POST = sessionClaimsRoute("/api/assessments/[id]/answers", z.object({ id: z.uuid() }), async ({ claimed, params, request, confirmActor }) => {
  const body = await parseJsonBody(request, ZSaveAnswer);
  if (!body.ok) return body.response;
  const origin = await requestOrigin();
  // Every autosave of every evaluator comes here: one statement when all is well...
  const saved = claimed ? await trySaveInOneStatement(claimed, params.id, body.data, origin) : null;
  if (saved) return NextResponse.json({ answer: saved }, { headers: { "cache-control": "no-store" } });
  // ...otherwise the full checks, then the careful path that says exactly what is wrong.
  const outcome = await saveWithDiagnosis(await confirmActor(), params.id, body.data, origin);
  if (!outcome.ok) return errorResponse(409, "errors.conflict", { current: outcome.conflict });
  return NextResponse.json({ answer: outcome.answer }, { headers: { "cache-control": "no-store" } });
});
