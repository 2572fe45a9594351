import { z } from "zod";
import { ZRegistryDownload } from "@/lib/schemas/registry";
import { registryFileResponse } from "@/lib/server/registry/export";
import { registryExportRows } from "@/lib/server/registry/import";
import { authorizedRoute } from "@/lib/server/http/route-handler";

/** The registry (optionally one type or province) as CSV or XLSX in the import layout. A static route: no params to parse. */
export const GET = authorizedRoute("/api/admin/registry/export", z.unknown(), async ({ actor, request }) => {
  const query = ZRegistryDownload.parse(Object.fromEntries(request.nextUrl.searchParams));
  const rows = await registryExportRows(actor, query);
  return registryFileResponse(rows, query.format, `registri-pekppp-${new Date().toISOString().slice(0, 10)}`);
});
