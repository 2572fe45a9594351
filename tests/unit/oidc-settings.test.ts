import { afterEach, describe, expect, it } from "vitest";
import { oidcProvider, oidcSettings, verifiedEmail } from "@/lib/server/auth/oidc";

const VARIABLES = ["AUTH_OIDC_ISSUER", "AUTH_OIDC_CLIENT_ID", "AUTH_OIDC_CLIENT_SECRET", "AUTH_OIDC_NAME"] as const;
const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));

afterEach(() => {
  for (const name of VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe("the optional OpenID Connect provider", () => {
  it("is off unless issuer, client id and secret are all set", () => {
    for (const name of VARIABLES) delete process.env[name];
    process.env.AUTH_OIDC_ISSUER = "https://sso.contoh.go.id/realms/pekppp";
    process.env.AUTH_OIDC_CLIENT_ID = "portal-pekppp";
    expect(oidcSettings()).toBeNull();
    expect(oidcProvider()).toBeNull();
  });

  it("is configured from the environment only, with a default button name", () => {
    process.env.AUTH_OIDC_ISSUER = "https://sso.contoh.go.id/realms/pekppp";
    process.env.AUTH_OIDC_CLIENT_ID = "portal-pekppp";
    process.env.AUTH_OIDC_CLIENT_SECRET = "rahasia";
    delete process.env.AUTH_OIDC_NAME;
    expect(oidcSettings()).toEqual({ issuer: "https://sso.contoh.go.id/realms/pekppp", clientId: "portal-pekppp", clientSecret: "rahasia", name: "SSO" });
    expect(oidcProvider()).toMatchObject({ id: "oidc", type: "oidc", issuer: "https://sso.contoh.go.id/realms/pekppp", name: "SSO" });
    process.env.AUTH_OIDC_NAME = "Keycloak KemenPANRB";
    expect(oidcProvider()?.name).toBe("Keycloak KemenPANRB");
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
