import { z } from "zod";
import { contentDisposition } from "@/lib/domain/evidence/names";
import { openDecree } from "@/lib/server/correction/correction";
import { authorizedRoute } from "@/lib/server/http/route-handler";

/** The decree document of a correction (`[id]`), for admins, served as evidence files are. */
export const GET = authorizedRoute("/api/corrections/[id]/decree", z.object({ id: z.uuid() }), async ({ actor, params }) => {
  const file = await openDecree(actor, params.id);
  return new Response(file.body, {
    status: 200,
    headers: {
      "content-type": file.mimeType,
      ...(file.size ? { "content-length": String(file.size) } : {}),
      "content-disposition": contentDisposition("attachment", file.safeName),
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
      "content-security-policy": "default-src 'none'; sandbox",
      "cross-origin-resource-policy": "same-origin",
    },
  });
});
