import "server-only";
import { LRUCache } from "lru-cache";
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
  body: Uint8Array;
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

// About 100 kB a page: a few tens of MB at most, whatever URLs are asked for.
const pages = new LRUCache<string, { stamp: string; value: Promise<RenderedPage> }>({ max: 300 });

/**
 * The page for `key` (its locale and exact URL) under `stamp`: the kept one, or `render`'s, kept
 * when it succeeds (status 200). The promise is kept, so the requests that arrive while a page
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
