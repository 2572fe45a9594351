import { ZApiRecommendationsQuery } from "@/lib/schemas/api";
import { apiRoute } from "@/lib/server/api/route";
import { listApiRecommendations } from "@/lib/server/api/views";

export const GET = apiRoute("/api/v1/recommendations", { query: ZApiRecommendationsQuery }, ({ actor, query }) => listApiRecommendations(actor, query));
