import "server-only";
import type { OIDCConfig } from "next-auth/providers";

/**
 * The optional OpenID Connect provider (e.g. a Keycloak realm), configured only by environment
 * variables. It signs in existing portal accounts by e-mail; the role still comes from the portal.
 */
export function oidcSettings() {
  const issuer = process.env.AUTH_OIDC_ISSUER?.trim();
  const clientId = process.env.AUTH_OIDC_CLIENT_ID?.trim();
  const clientSecret = process.env.AUTH_OIDC_CLIENT_SECRET?.trim();
  if (!issuer || !clientId || !clientSecret) return null;
  return { issuer, clientId, clientSecret, name: process.env.AUTH_OIDC_NAME?.trim() || "SSO" };
}

/**
 * The e-mail an OpenID Connect profile may sign in with: only one the identity provider says it
 * has verified (email_verified exactly true), trimmed and lower-cased as portal accounts store it.
 */
export function verifiedEmail(profile: { email?: string | null; email_verified?: boolean | null } | undefined): string | null {
  if (profile?.email_verified !== true) return null;
  return profile.email?.trim().toLowerCase() || null;
}

export function oidcProvider(): OIDCConfig<{ email?: string; email_verified?: boolean; name?: string }> | null {
  const settings = oidcSettings();
  if (!settings) return null;
  return {
    id: "oidc",
    name: settings.name,
    type: "oidc",
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    checks: ["pkce", "state"],
  };
}
