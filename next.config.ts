import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { securityHeaders } from "./lib/security-headers";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // Tests build into their own folder so a running portal's build is never overwritten.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tsc) before the browser tests build the portal: it
  // says so, and the build skips checking the same types again (about half a minute).
  typescript: { ignoreBuildErrors: process.env.PEKPPP_TYPES_CHECKED === "1" },
  serverExternalPackages: ["pg", "bcryptjs", "pino", "exceljs", "pdfkit"],
  // Publication day (issue 17): an anonymous load of the public results page or of the awards page
  // is answered from the rendered pages kept per results generation (app/api/results/listing,
  // app/api/results/awards-page). A session, a client-side
  // navigation (RSC), a server action (the language switch) or the listing's own rendering
  // (x-results-live) reach the page itself.
  async rewrites() {
    return {
      beforeFiles: [
        { source: "/results", destination: "/api/results/listing" },
        { source: "/results/awards", destination: "/api/results/awards-page" },
      ].map((rule) => ({
        ...rule,
        missing: [
          { type: "header" as const, key: "rsc" },
          { type: "header" as const, key: "next-action" },
          { type: "header" as const, key: "x-results-live" },
          { type: "cookie" as const, key: "authjs.session-token" },
          { type: "cookie" as const, key: "__Secure-authjs.session-token" },
        ],
      })),
      afterFiles: [],
      fallback: [],
    };
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: securityHeaders({ development: process.env.NODE_ENV !== "production", oidcIssuer: process.env.AUTH_OIDC_ISSUER }),
      },
      // Uploaded evidence is served in a sandbox: no script, no resource of the portal's origin.
      // Listed after the general entry, so its policy replaces the portal's for these responses.
      // The verifier's review page previews PDFs in a frame of the portal itself: same origin only.
      {
        source: "/api/evidence/:id",
        headers: [
          { key: "Content-Security-Policy", value: "default-src 'none'; sandbox; frame-ancestors 'self'" },
          { key: "X-Frame-Options", value: "SAMEORIGIN" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
