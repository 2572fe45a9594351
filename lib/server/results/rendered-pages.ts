import "server-only";
import { getLocale } from "next-intl/server";
import { LRUCache } from "lru-cache";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { storedAwardRulesDigest } from "./award-rules";
import { listPublishedCycles } from "./published";

/**
 * Rendered public results pages (issue 17: publication day). A published listing never changes
 * until a publication, withdrawal or correction, yet rendering its page costs far more than
 * reading it; so each rendered page is kept under a stamp of everything the page shows of the
 * published cycles. The stamp is read from the database on every request (the one query), so a
 * change is seen by every instance at its next request, and a page rendered before it is never
 * served after it.
 */
export interface RenderedPage {
  status: number;
  contentType: string;
  body: Uint8Array<ArrayBuffer>;
}

/**
 * Each published cycle's id, name, programme, owner, publication and results generation: the
 * generation changes in the transaction of every publication, withdrawal, correction and result
 * version (Cycle.resultsGeneration), and the rest is what the cycle picker and the trend show.
 */
export async function publishedStamp(): Promise<string> {
  const cycles = await listPublishedCycles();
  return JSON.stringify(cycles.map((c) => [c.id, c.generation, c.name, c.publishedAt?.getTime(), c.ownerName]));
}

/**
 * The awards page's stamp: the published results' and the award rules in force, national and each
 * institution's for its own cycles (an admin may change them at any time, without a new results
 * generation).
 */
export async function awardsStamp(): Promise<string> {
  const [published, rules] = await Promise.all([publishedStamp(), storedAwardRulesDigest()]);
  return `${published} ${rules}`;
}

// About 100 kB a page: a few tens of MB at most, whatever URLs are asked for.
const pages = new LRUCache<string, { stamp: string; value: Promise<RenderedPage> }>({ max: 300 });

/**
 * The page for `key` (its path, locale and exact query) under `stamp`: the kept one, or `render`'s,
 * kept when it succeeds (status 200). The promise is kept, so the requests that arrive while a page
 * renders after a change wait for that one rendering.
 */
export function cachedRenderedPage(key: string, stamp: string, render: () => Promise<RenderedPage>): { hit: boolean; value: Promise<RenderedPage> } {
  const kept = pages.get(key);
  if (kept && kept.stamp === stamp) return { hit: true, value: kept.value };
  const entry = { stamp, value: render() };
  pages.set(key, entry);
  const drop = () => pages.get(key) === entry && pages.delete(key);
  entry.value.then((page) => page.status === 200 || drop(), drop);
  return { hit: false, value: entry.value };
}

/** Sent with the one rendering of a page: next.config.ts then lets the request reach the page itself. */
const LIVE_HEADER = "x-results-live";

/**
 * A public results page (`path`: /results or /results/awards) for a visitor without a session, as
 * the page itself renders it, kept per `stamp`, language and exact query (issue 17: publication
 * day). next.config.ts rewrites such page loads to the route handlers that call this; a signed-in
 * visitor, a client-side navigation and a server action reach the page itself. A miss renders the
 * page once through the portal's own server.
 */
export async function respondWithRenderedPage(request: Request, path: "/results" | "/results/awards", stamp: string): Promise<Response> {
  const locale = await getLocale();
  const search = new URL(request.url).search;
  const { hit, value } = cachedRenderedPage(`${path} ${locale} ${search}`, stamp, () => renderPage(path, search, locale));
  const page = await value;
  // Sent as rendered: Next.js compresses the response itself (and drops a Content-Encoding a route
  // handler sets, so a body gzipped here would reach the browser undeclared).
  return new Response(page.body, {
    status: page.status,
    headers: {
      "content-type": page.contentType,
      "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate",
      "x-results-cache": hit ? "hit" : "miss",
    },
  });
}

async function renderPage(path: string, search: string, locale: string): Promise<RenderedPage> {
  // The server's own port (`next start` and `next dev` set PORT), never the Host a client sent:
  // what is rendered here is served to everyone.
  const response = await fetch(`http://127.0.0.1:${process.env.PORT ?? "3000"}${path}${search}`, {
    headers: { [LIVE_HEADER]: "1", cookie: `${LOCALE_COOKIE}=${locale}`, accept: "text/html" },
    cache: "no-store",
  });
  return {
    status: response.status,
    contentType: response.headers.get("content-type") ?? "text/html; charset=utf-8",
    body: new Uint8Array(await response.arrayBuffer()),
  };
}
