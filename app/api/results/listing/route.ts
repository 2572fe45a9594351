import { getLocale } from "next-intl/server";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { ZRankingQuery } from "@/lib/schemas/results";
import { publicRoute } from "@/lib/server/http/route-handler";
import { cachedRenderedPage, publishedStamp, type RenderedPage } from "@/lib/server/results/rendered-pages";

/** Sent with the one rendering of a page: next.config.ts then lets the request reach the page itself. */
const LIVE_HEADER = "x-results-live";

/**
 * The public results page (/results) for a visitor without a session, as its page renders it, kept
 * per published-results stamp, language and exact query (issue 17: publication day). next.config.ts
 * rewrites such page loads here; a signed-in visitor, a client-side navigation and a server action
 * reach the page itself. A miss renders the page once through the portal's own server.
 */
export const GET = publicRoute("/api/results/listing", ZRankingQuery, async ({ request }) => {
  const [stamp, locale] = await Promise.all([publishedStamp(), getLocale()]);
  const search = request.nextUrl.search;
  const { hit, value } = cachedRenderedPage(`${locale} ${search}`, stamp, () => renderPage(search, locale));
  const page = await value;
  return new Response(Buffer.from(page.body), {
    status: page.status,
    headers: {
      "content-type": page.contentType,
      "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate",
      "x-results-cache": hit ? "hit" : "miss",
    },
  });
});

async function renderPage(search: string, locale: string): Promise<RenderedPage> {
  // The server's own port (`next start` and `next dev` set PORT), never the Host a client sent:
  // what is rendered here is served to everyone.
  const response = await fetch(`http://127.0.0.1:${process.env.PORT ?? "3000"}/results${search}`, {
    headers: { [LIVE_HEADER]: "1", cookie: `${LOCALE_COOKIE}=${locale}`, accept: "text/html" },
    cache: "no-store",
  });
  return {
    status: response.status,
    contentType: response.headers.get("content-type") ?? "text/html; charset=utf-8",
    body: new Uint8Array(await response.arrayBuffer()),
  };
}
