import { revalidatePath } from "next/cache";
import { NextResponse } from "next/server";
import { z } from "zod";
import { applyRegistryImport, previewRegistryImport } from "@/lib/server/registry/import";
import { readImportUpload } from "@/lib/server/registry/upload";
import { authorizedRoute } from "@/lib/server/http/route-handler";

/**
 * A registry file as multipart/form-data (readImportUpload). Preview answers what would change and
 * every row error; apply re-reads and re-validates the same bytes and writes them in one
 * transaction, or answers the errors and writes nothing. A route rather than a server action:
 * files of several MB, and the browser shows upload progress.
 */
export const POST = authorizedRoute("/api/admin/registry/import", z.unknown(), async ({ actor, request }) => {
  const read = await readImportUpload(request);
  if (read instanceof Response) return read;
  const { upload, mode } = read;
  if (mode.mode === "preview") {
    return NextResponse.json(await previewRegistryImport(actor, upload), { headers: { "cache-control": "no-store" } });
  }
  const outcome = await applyRegistryImport(actor, upload, mode.expectedSha256);
  if (outcome.applied) revalidatePath("/admin/institutions");
  return NextResponse.json(outcome, { status: outcome.applied ? 200 : 422, headers: { "cache-control": "no-store" } });
});
