import { revalidatePath } from "next/cache";
import { NextResponse } from "next/server";
import { z } from "zod";
import { authorizedRoute } from "@/lib/server/http/route-handler";
import { applyOmbudsmanImport, previewOmbudsmanImport } from "@/lib/server/ombudsman/import";
import { readImportUpload } from "@/lib/server/registry/upload";

/** An Ombudsman results file, with the registry import's dry-run flow (readImportUpload): preview, then apply. */
export const POST = authorizedRoute("/api/admin/ombudsman/import", z.unknown(), async ({ actor, request }) => {
  const read = await readImportUpload(request);
  if (read instanceof Response) return read;
  const { upload, mode } = read;
  if (mode.mode === "preview") {
    return NextResponse.json(await previewOmbudsmanImport(actor, upload), { headers: { "cache-control": "no-store" } });
  }
  const outcome = await applyOmbudsmanImport(actor, upload, mode.expectedSha256);
  if (outcome.applied) revalidatePath("/admin/ombudsman");
  return NextResponse.json(outcome, { status: outcome.applied ? 200 : 422, headers: { "cache-control": "no-store" } });
});
