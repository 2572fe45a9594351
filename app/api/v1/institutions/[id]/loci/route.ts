import { ZApiIdParams, ZApiPageQuery } from "@/lib/schemas/api";
import { apiRoute } from "@/lib/server/api/route";
import { listApiLoci } from "@/lib/server/api/views";

export const GET = apiRoute("/api/v1/institutions/[id]/loci", { params: ZApiIdParams, query: ZApiPageQuery }, ({ actor, params, query }) =>
  listApiLoci(actor, params.id, query),
);
