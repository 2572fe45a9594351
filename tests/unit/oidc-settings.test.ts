import { describe, expect, it } from "vitest";
import { oidcProvider, oidcSettings, verifiedEmail } from "@/lib/server/auth/oidc";

// The functions take the validated variables of lib/env.ts by default; here they get their own.
const ISSUER = "https://sso.contoh.go.id/realms/pekppp";

describe("the optional OpenID Connect provider", () => {
  it("is off unless issuer, client id and secret are all set", () => {
    const vars = { AUTH_OIDC_ISSUER: ISSUER, AUTH_OIDC_CLIENT_ID: "portal-pekppp" };
    expect(oidcSettings(vars)).toBeNull();
    expect(oidcProvider(vars)).toBeNull();
  });

  it("is configured from the environment only, with a default button name", () => {
    const vars = { AUTH_OIDC_ISSUER: ISSUER, AUTH_OIDC_CLIENT_ID: "portal-pekppp", AUTH_OIDC_CLIENT_SECRET: "rahasia" };
    expect(oidcSettings(vars)).toEqual({ issuer: "https://sso.contoh.go.id/realms/pekppp", clientId: "portal-pekppp", clientSecret: "rahasia", name: "SSO" });
    expect(oidcProvider(vars)).toMatchObject({ id: "oidc", type: "oidc", issuer: "https://sso.contoh.go.id/realms/pekppp", name: "SSO" });
    expect(oidcProvider({ ...vars, AUTH_OIDC_NAME: "Keycloak KemenPANRB" })?.name).toBe("Keycloak KemenPANRB");
  });

  it("signs in by e-mail only when the provider says the address is verified", () => {
    expect(verifiedEmail({ email: " Admin@PEKPPP.test ", email_verified: true })).toBe("admin@pekppp.test");
    expect(verifiedEmail({ email: "admin@pekppp.test", email_verified: false })).toBeNull();
    expect(verifiedEmail({ email: "admin@pekppp.test" })).toBeNull();
    expect(verifiedEmail({ email: "admin@pekppp.test", email_verified: null })).toBeNull();
    expect(verifiedEmail({ email: "", email_verified: true })).toBeNull();
    expect(verifiedEmail(undefined)).toBeNull();
  });
});
