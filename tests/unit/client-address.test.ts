import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readEnv } from "@/lib/env";
import { CONNECTION_ADDRESS_HEADER, CONNECTION_PROTOCOL_HEADER, clientOf, forwardedValue, normalizeAddress } from "@/lib/server/http/client-address";

// Issue 13, defect 5: the client's address, host and protocol, never as a client forges them.

const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((parts) => parts.join("."));
/** Anything a client may put in a forwarded header: addresses, garbage, commas, spaces. */
const forged = fc.oneof(
  fc.string(),
  fc.array(ipv4).map((list) => list.join(", ")),
);

const headersOf = (values: Record<string, string>) => new Headers(values);

describe("forwardedValue: the one rule", () => {
  it("without trusted proxies, is the connection's value whatever the client forwarded", () => {
    fc.assert(
      fc.property(forged, ipv4, (header, connection) => {
        expect(forwardedValue(header, connection, 0)).toBe(connection);
      }),
    );
  });

  it("behind n trusted proxies, is the entry the outermost one appended, whatever the client wrote to its left", () => {
    fc.assert(
      fc.property(fc.array(ipv4, { maxLength: 5 }), ipv4, fc.array(ipv4, { minLength: 0, maxLength: 4 }), ipv4, (clientWrote, client, proxies, connection) => {
        // Each proxy appends the address it saw: the client's, then each inner proxy's the next one's.
        const header = [...clientWrote, client, ...proxies].join(", ");
        expect(forwardedValue(header, connection, proxies.length + 1)).toBe(client);
      }),
    );
  });

  it("falls back to the left-most entry when fewer proxies wrote than are trusted, and is null for an unknown connection", () => {
    expect(forwardedValue(null, "198.51.100.1", 1)).toBe("198.51.100.1");
    expect(forwardedValue("203.0.113.5", "198.51.100.1", 3)).toBe("203.0.113.5");
    expect(forwardedValue("203.0.113.5", null, 0)).toBeNull();
    expect(forwardedValue("203.0.113.5", null, 1)).toBe("203.0.113.5");
    expect(forwardedValue(" 203.0.113.5 ,, 10.0.0.1 ", "10.0.0.2", 1)).toBe("10.0.0.1");
  });
});

describe("normalizeAddress", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["203.0.113.7:5120", "203.0.113.7"],
    ["::ffff:127.0.0.2", "127.0.0.2"],
    ["[2001:DB8::1]:443", "2001:db8::1"],
    ["2001:db8::1", "2001:db8::1"],
    ["unknown", null],
    ["_hidden", null],
    ["", null],
    [null, null],
  ])("%s → %s", (input, expected) => {
    expect(normalizeAddress(input)).toBe(expected);
  });
});

describe("clientOf: address, host and protocol of a request", () => {
  const connection = { [CONNECTION_ADDRESS_HEADER]: "::ffff:192.0.2.10", [CONNECTION_PROTOCOL_HEADER]: "http", host: "portal.test:3000" };

  it("with no trusted proxy, ignores every X-Forwarded-* header", () => {
    const forgedHeaders = headersOf({ ...connection, "x-forwarded-for": "6.6.6.6", "x-forwarded-host": "evil.test", "x-forwarded-proto": "https" });
    expect(clientOf(forgedHeaders, 0, true)).toEqual({ address: "192.0.2.10", host: "portal.test:3000", protocol: "http" });
  });

  it("behind one proxy, reads what that proxy appended and set", () => {
    const viaProxy = headersOf({
      ...connection,
      "x-forwarded-for": "6.6.6.6, 203.0.113.9",
      "x-forwarded-host": "pekppp.example.go.id",
      "x-forwarded-proto": "https",
    });
    expect(clientOf(viaProxy, 1, true)).toEqual({ address: "203.0.113.9", host: "pekppp.example.go.id", protocol: "https" });
  });

  it("does not believe the connection headers of a process where the connection hop did not run", () => {
    // A client cannot write the portal's own connection header into a process that did not record it.
    expect(clientOf(headersOf({ ...connection, "x-forwarded-for": "6.6.6.6" }), 0, false).address).toBeNull();
  });

  it("never gives a forged address, for any rotation of X-Forwarded-For", () => {
    fc.assert(
      fc.property(forged, (header) => {
        expect(clientOf(headersOf({ ...connection, "x-forwarded-for": header.replace(/[\r\n\0]/g, "") }), 0, true).address).toBe("192.0.2.10");
      }),
    );
  });
});

describe("TRUSTED_PROXY_HOPS (lib/env.ts)", () => {
  const REQUIRED = { DATABASE_URL: "postgresql://pekppp:rahasia@localhost:5432/pekppp", AUTH_SECRET: "uji-uji-uji-uji-uji-uji-uji-uji-uji" };

  it("defaults to 0 and takes a whole number 0–10", () => {
    expect(readEnv(REQUIRED).TRUSTED_PROXY_HOPS).toBe(0);
    expect(readEnv({ ...REQUIRED, TRUSTED_PROXY_HOPS: "2" }).TRUSTED_PROXY_HOPS).toBe(2);
  });

  it.each(["-1", "1.5", "satu", "11"])("refuses %s, naming the variable", (value) => {
    expect(() => readEnv({ ...REQUIRED, TRUSTED_PROXY_HOPS: value })).toThrow(/TRUSTED_PROXY_HOPS harus bilangan bulat 0–10/);
  });
});
