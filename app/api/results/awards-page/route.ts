import { ZRankingQuery } from "@/lib/schemas/results";
import { publicRoute } from "@/lib/server/http/route-handler";
import { awardsStamp, respondWithRenderedPage } from "@/lib/server/results/rendered-pages";

/**
 * The public awards page (/results/awards) for a visitor without a session, kept as it renders
 * per published-results stamp and award rules, language and exact query (issue 17: publication
 * day), as the listing (app/api/results/listing). next.config.ts rewrites such page loads here.
 */
export const GET = publicRoute("/api/results/awards-page", ZRankingQuery, async ({ request }) =>
  respondWithRenderedPage(request, "/results/awards", await awardsStamp()),
);
