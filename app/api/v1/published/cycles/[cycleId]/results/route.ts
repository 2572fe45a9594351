import { ZApiCycleParams, ZApiPublishedResultsQuery } from "@/lib/schemas/api";
import { publicApiRoute } from "@/lib/server/api/route";
import { listApiPublishedResults } from "@/lib/server/api/views";

export const GET = publicApiRoute(
  "/api/v1/published/cycles/[cycleId]/results",
  { params: ZApiCycleParams, query: ZApiPublishedResultsQuery },
  ({ params, query }) => listApiPublishedResults(params.cycleId, query),
);
