import "server-only";
import type { OIDCConfig } from "next-auth/providers";
import { env, type Env } from "@/lib/env";

/** The variables of the OpenID Connect provider (validated and trimmed by lib/env.ts). */
export type OidcVariables = Partial<Pick<Env, "AUTH_OIDC_ISSUER" | "AUTH_OIDC_CLIENT_ID" | "AUTH_OIDC_CLIENT_SECRET" | "AUTH_OIDC_NAME">>;

/**
 * The optional OpenID Connect provider (e.g. a Keycloak realm), configured only by environment
 * variables. It signs in existing portal accounts by e-mail; the role still comes from the portal.
 */
export function oidcSettings(vars: OidcVariables = env) {
  const { AUTH_OIDC_ISSUER: issuer, AUTH_OIDC_CLIENT_ID: clientId, AUTH_OIDC_CLIENT_SECRET: clientSecret } = vars;
  if (!issuer || !clientId || !clientSecret) return null;
  return { issuer, clientId, clientSecret, name: vars.AUTH_OIDC_NAME || "SSO" };
}

/**
 * The e-mail an OpenID Connect profile may sign in with: only one the identity provider says it
 * has verified (email_verified exactly true), trimmed and lower-cased as portal accounts store it.
 */
export function verifiedEmail(profile: { email?: string | null; email_verified?: boolean | null } | undefined): string | null {
  if (profile?.email_verified !== true) return null;
  return profile.email?.trim().toLowerCase() || null;
}

export function oidcProvider(vars: OidcVariables = env): OIDCConfig<{ email?: string; email_verified?: boolean; name?: string }> | null {
  const settings = oidcSettings(vars);
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
