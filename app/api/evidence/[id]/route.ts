import { z } from "zod";
import { contentDisposition } from "@/lib/domain/evidence/names";
import { openEvidence } from "@/lib/server/assessment/evidence";
import { authorizedRoute } from "@/lib/server/http/route-handler";

/**
 * Serves one evidence file to those who may see it (policy "evidence.download", scope in the
 * query). The bytes go out with the type sniffed at upload, never sniffed again by the browser
 * (nosniff), inline only for PDF and images, and in a sandbox without any script or resource
 * loading, so an uploaded file can never act in the portal's origin.
 */
export const GET = authorizedRoute("/api/evidence/[id]", z.object({ id: z.uuid() }), async ({ actor, params }) => {
  const file = await openEvidence(actor, params.id);
  return new Response(file.body, {
    status: 200,
    headers: {
      "content-type": file.mimeType,
      "content-length": String(file.sizeBytes),
      "content-disposition": contentDisposition(file.disposition, file.safeName),
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
      "content-security-policy": "default-src 'none'; sandbox",
      "cross-origin-resource-policy": "same-origin",
    },
  });
});
