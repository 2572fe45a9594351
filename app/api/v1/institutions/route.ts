import { ZApiInstitutionsQuery } from "@/lib/schemas/api";
import { apiRoute } from "@/lib/server/api/route";
import { listApiInstitutions } from "@/lib/server/api/views";

export const GET = apiRoute("/api/v1/institutions", { query: ZApiInstitutionsQuery }, ({ actor, query }) => listApiInstitutions(actor, query));
