import { ZRankingQuery } from "@/lib/schemas/results";
import { publicRoute } from "@/lib/server/http/route-handler";
import { publishedStamp, respondWithRenderedPage } from "@/lib/server/results/rendered-pages";

/**
 * The public results page (/results) for a visitor without a session, as its page renders it, kept
 * per published-results stamp, language and exact query (issue 17: publication day). next.config.ts
 * rewrites such page loads here; a signed-in visitor, a client-side navigation and a server action
 * reach the page itself.
 */
export const GET = publicRoute("/api/results/listing", ZRankingQuery, async ({ request }) =>
  respondWithRenderedPage(request, "/results", await publishedStamp()),
);
