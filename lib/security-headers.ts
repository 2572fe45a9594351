/**
 * Security headers of every response. Next.js inlines its bootstrap scripts, so scripts need
 * 'unsafe-inline' (a nonce would force every page dynamic for little gain: pages take no
 * third-party input into scripts). Framing is forbidden outright.
 */
export function securityHeaders({ development, oidcIssuer }: { development: boolean; oidcIssuer?: string }) {
  const oidcOrigin = oidcIssuer ? safeOrigin(oidcIssuer) : null;
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${oidcOrigin ? ` ${oidcOrigin}` : ""}`,
    "frame-ancestors 'none'",
  ].join("; ");
  return [
    { key: "Content-Security-Policy", value: csp },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  ];
}

function safeOrigin(url: string) {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
