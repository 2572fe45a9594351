import { revalidatePath } from "next/cache";
import { NextResponse } from "next/server";
import { z } from "zod";
import { ZRegistryImportMode } from "@/lib/schemas/registry";
import { applyRegistryImport, previewRegistryImport } from "@/lib/server/registry/import";
import { REGISTRY_FILE_MAX_BYTES } from "@/lib/server/registry/file";
import { authorizedRoute, errorResponse } from "@/lib/server/http/route-handler";

/** Room for the multipart envelope and the small fields around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * A registry file as multipart/form-data: `file`, `mode` = preview | apply, and for apply the
 * `expectedSha256` the preview showed. Preview answers what would change and every row error;
 * apply re-reads and re-validates the same bytes and writes them in one transaction, or answers
 * the errors and writes nothing. A route rather than a server action: files of several MB, and
 * the browser shows upload progress.
 */
export const POST = authorizedRoute("/api/admin/registry/import", z.unknown(), async ({ actor, request }) => {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (!Number.isFinite(declared)) return errorResponse(411, "registryImport.lengthRequired");
  if (declared > REGISTRY_FILE_MAX_BYTES + MULTIPART_OVERHEAD)
    return errorResponse(413, "registryImport.fileTooLarge", { values: { limit: REGISTRY_FILE_MAX_BYTES } });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return errorResponse(422, "registryImport.requestInvalid");
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) return errorResponse(422, "registryImport.fileMissing");
  if (file.size > REGISTRY_FILE_MAX_BYTES) return errorResponse(413, "registryImport.fileTooLarge", { values: { limit: REGISTRY_FILE_MAX_BYTES } });
  const mode = ZRegistryImportMode.safeParse(Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")));
  if (!mode.success) return errorResponse(422, "registryImport.requestInvalid");
  const upload = { name: file.name.slice(0, 200), bytes: new Uint8Array(await file.arrayBuffer()) };
  if (mode.data.mode === "preview") {
    return NextResponse.json(await previewRegistryImport(actor, upload), { headers: { "cache-control": "no-store" } });
  }
  const outcome = await applyRegistryImport(actor, upload, mode.data.expectedSha256);
  if (outcome.applied) revalidatePath("/admin/institutions");
  return NextResponse.json(outcome, { status: outcome.applied ? 200 : 422, headers: { "cache-control": "no-store" } });
});
