import { apiDocument } from "@/lib/server/api/openapi";
import { publicApiRoute } from "@/lib/server/api/route";
import { ZApiNoQuery } from "@/lib/schemas/api";

/** The OpenAPI 3.1 document of /api/v1, generated from the zod schemas; read by the /developers page. */
export const GET = publicApiRoute("/api/v1/openapi.json", { query: ZApiNoQuery }, async () => apiDocument());
