import "server-only";
import { ZRegistryImportMode, type TRegistryImportMode } from "@/lib/schemas/registry";
import { errorResponse } from "../http/route-handler";
import { REGISTRY_FILE_MAX_BYTES } from "./file";

/** Room for the multipart envelope and the small fields around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

export interface ImportUpload {
  upload: { name: string; bytes: Uint8Array };
  mode: TRegistryImportMode;
}

/**
 * Reads an import file sent as multipart/form-data: `file`, `mode` = preview | apply, and for
 * apply the `expectedSha256` the preview showed. The size is checked from Content-Length before
 * the body is read. Answers the error response instead when the request is not such an upload.
 * Shared by the registry and the Ombudsman imports.
 */
export async function readImportUpload(request: Request): Promise<ImportUpload | Response> {
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
  return { upload: { name: file.name.slice(0, 200), bytes: new Uint8Array(await file.arrayBuffer()) }, mode: mode.data };
}
