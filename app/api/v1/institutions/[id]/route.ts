import { ZApiIdParams, ZApiNoQuery } from "@/lib/schemas/api";
import { apiRoute } from "@/lib/server/api/route";
import { findApiInstitution } from "@/lib/server/api/views";

export const GET = apiRoute("/api/v1/institutions/[id]", { params: ZApiIdParams, query: ZApiNoQuery }, ({ actor, params }) =>
  findApiInstitution(actor, params.id),
);
