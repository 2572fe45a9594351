import { getRewrittenUrl, unstable_doesMiddlewareMatch, unstable_getResponseFromNextConfig } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import { config as proxyConfig } from "@/proxy";

// Publication day (issue 17): an anonymous load of a public results page is answered from the kept
// rendered page (next.config.ts rewrites it to its route handler) and skips the proxy; every other
// load of the same page reaches the page and gets its request id from the proxy. The two lists of
// conditions live in two files; these checks keep them alike.

const KEPT_PAGES = { "/results": "/api/results/listing", "/results/awards": "/api/results/awards-page" } as const;

const VISITS: { name: string; headers?: Record<string, string>; cookies?: Record<string, string>; anonymousLoad: boolean }[] = [
  { name: "an anonymous page load", anonymousLoad: true },
  { name: "an anonymous load with a language cookie", cookies: { pekppp_locale: "en" }, anonymousLoad: true },
  { name: "a client-side navigation (RSC)", headers: { rsc: "1" }, anonymousLoad: false },
  { name: "a server action (the language switch)", headers: { "next-action": "abc123" }, anonymousLoad: false },
  { name: "the kept page's own rendering", headers: { "x-results-live": "1" }, anonymousLoad: false },
  { name: "a signed-in visitor", cookies: { "authjs.session-token": "token" }, anonymousLoad: false },
  { name: "a signed-in visitor over https", cookies: { "__Secure-authjs.session-token": "token" }, anonymousLoad: false },
];

async function rewrittenTo(url: string, visit: (typeof VISITS)[number]) {
  const response = await unstable_getResponseFromNextConfig({ url, nextConfig, headers: visit.headers, cookies: visit.cookies });
  const rewritten = getRewrittenUrl(response);
  return rewritten ? new URL(rewritten).pathname : null;
}

function proxyRuns(url: string, visit: (typeof VISITS)[number]) {
  return unstable_doesMiddlewareMatch({ config: proxyConfig, nextConfig, url, headers: visit.headers, cookies: visit.cookies });
}

describe("kept public results pages and the proxy", () => {
  for (const [page, handler] of Object.entries(KEPT_PAGES)) {
    for (const visit of VISITS) {
      it(`${page}, ${visit.name}: ${visit.anonymousLoad ? "the kept page, without the proxy" : "the page itself, with the proxy"}`, async () => {
        const url = `https://portal.test${page}?group=KABUPATEN`;
        expect(await rewrittenTo(url, visit)).toBe(visit.anonymousLoad ? handler : null);
        expect(proxyRuns(url, visit)).toBe(!visit.anonymousLoad);
      });
    }
  }

  it("every other page runs the proxy, signed in or not; route handlers and static files do not", () => {
    const anonymous = VISITS[0]!;
    for (const page of [
      "/",
      "/dashboard",
      "/results/institutions/7f0c1d7e-9a51-4c34-9f53-0d8d3b0f1a22",
      "/results/institutions/x/explain",
      "/resultsx",
      "/survey/abc",
    ])
      expect(proxyRuns(`https://portal.test${page}`, anonymous), page).toBe(true);
    for (const path of ["/api/health", "/api/results/listing", "/_next/static/chunks/app.js", "/favicon.ico"])
      expect(proxyRuns(`https://portal.test${path}`, anonymous), path).toBe(false);
  });
});
