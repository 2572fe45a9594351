import { ZApiIdParams, ZApiInstitutionResultsQuery } from "@/lib/schemas/api";
import { apiRoute } from "@/lib/server/api/route";
import { listApiInstitutionResults } from "@/lib/server/api/views";

export const GET = apiRoute("/api/v1/institutions/[id]/results", { params: ZApiIdParams, query: ZApiInstitutionResultsQuery }, ({ actor, params, query }) =>
  listApiInstitutionResults(actor, params.id, query),
);
