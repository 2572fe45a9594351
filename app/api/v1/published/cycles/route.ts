import { ZApiPageQuery } from "@/lib/schemas/api";
import { publicApiRoute } from "@/lib/server/api/route";
import { listApiPublishedCycles } from "@/lib/server/api/views";

export const GET = publicApiRoute("/api/v1/published/cycles", { query: ZApiPageQuery }, ({ query }) => listApiPublishedCycles(query));
