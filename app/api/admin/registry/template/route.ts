import { z } from "zod";
import { TEMPLATE_ROWS } from "@/lib/domain/registry";
import { ZRegistryDownload } from "@/lib/schemas/registry";
import { registryFileResponse } from "@/lib/server/registry/export";
import { authorizedRoute } from "@/lib/server/http/route-handler";

/** An empty registry file with the import's columns and three example rows. */
export const GET = authorizedRoute("/api/admin/registry/template", z.unknown(), async ({ request }) => {
  const { format } = ZRegistryDownload.parse(Object.fromEntries(request.nextUrl.searchParams));
  return registryFileResponse(TEMPLATE_ROWS, format, "templat-registri-pekppp");
});
