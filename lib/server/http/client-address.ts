import { isIP } from "node:net";

/**
 * Who is on the other end of a request: the client's address (sign-in and survey limits, the audit
 * trail), and the host and protocol it asked for (same-origin check, survey links, cookies).
 *
 * What Next.js gives a route handler or a server action: headers only, never the socket. Next
 * 16.4 (`node_modules/next/dist/server/base-server.js`, handleRequestImpl) fills the forwarded
 * headers with `??=`: `x-forwarded-for ??= socket.remoteAddress`, `x-forwarded-host ??= host`,
 * `x-forwarded-proto ??= http|https`. It never appends: a header the client sent reaches the portal
 * exactly as sent, so with `next start` and no proxy every X-Forwarded-* value is the client's own
 * choice, and the connection's address is lost whenever the client sends one. So the portal's
 * server process records the connection itself: `scripts/lib/connection-hop.cjs`, loaded into it
 * by `startNext` (scripts/lib/next-build.ts), sets CONNECTION_ADDRESS_HEADER and
 * CONNECTION_PROTOCOL_HEADER from the socket on every request, replacing whatever the client sent,
 * and marks the process (CONNECTION_HOP_MARK). Without that mark the two headers are not trusted.
 *
 * The rule (`forwardedValue`), for all three values: the forwarded list as received, with the
 * connection's own value appended, read from the right, skipping the TRUSTED_PROXY_HOPS entries
 * that trusted proxies wrote (lib/env.ts, default 0). With 0 that is the connection itself;
 * behind one proxy (1) it is the entry that proxy appended, the address it saw. Whatever a client
 * writes to the left of that is never read.
 *
 * Pure (no environment, no Next): `requestClient` (./request-client.ts) applies it with the
 * configured hops, and every reader of an address, host or protocol goes through it.
 */

export const CONNECTION_ADDRESS_HEADER = "x-pekppp-connection-address";
export const CONNECTION_PROTOCOL_HEADER = "x-pekppp-connection-proto";
/** Set on globalThis by scripts/lib/connection-hop.cjs in the process it records connections for. */
export const CONNECTION_HOP_MARK = Symbol.for("pekppp.connection-hop");

/** Anything with the Headers getter: a Request's headers, `await headers()`. */
export interface HeaderSource {
  get(name: string): string | null;
}

/**
 * The one rule: the entries of a forwarded header (comma-separated, as appended by each proxy),
 * then the connection's own value, read from the right after skipping `trustedHops` entries. With
 * fewer entries than that (a proxy that wrote none, a request that came round the proxy), the
 * left-most. Null when the chosen entry is the connection's value and that is unknown.
 */
export function forwardedValue(forwarded: string | null | undefined, connection: string | null | undefined, trustedHops: number): string | null {
  const entries: (string | null)[] = (forwarded ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  entries.push(connection?.trim() || null);
  const index = Math.max(0, entries.length - 1 - Math.max(0, Math.trunc(trustedHops)));
  return entries[index] ?? null;
}

/**
 * An address as a forwarded entry or a socket writes it, as the bare IP: "[2001:db8::1]:443" and
 * "203.0.113.7:5120" lose the port, "::ffff:203.0.113.7" (IPv4 on a dual-stack socket) is the IPv4
 * address. Null for anything that is not an IP address ("unknown", an obfuscated identifier).
 */
export function normalizeAddress(value: string | null | undefined): string | null {
  let address = value?.trim() ?? "";
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else {
    const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(address);
    if (withPort) address = withPort[1]!;
  }
  address = address.toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped) address = mapped[1]!;
  return isIP(address) ? address : null;
}

export interface RequestClient {
  /** The client's IP address, or null when it cannot be known. */
  address: string | null;
  /** The host (with port) the client asked for. */
  host: string | null;
  /** "https" or "http". */
  protocol: "https" | "http";
}

/**
 * The client of a request by the rule above. `hopInstalled`: whether this process records
 * connections (the connection headers are trusted only then).
 */
export function clientOf(headers: HeaderSource, trustedHops: number, hopInstalled: boolean): RequestClient {
  const connectionAddress = hopInstalled ? headers.get(CONNECTION_ADDRESS_HEADER) : null;
  const connectionProtocol = hopInstalled ? headers.get(CONNECTION_PROTOCOL_HEADER) : null;
  const protocol = forwardedValue(headers.get("x-forwarded-proto"), connectionProtocol ?? "http", trustedHops);
  return {
    address: normalizeAddress(forwardedValue(headers.get("x-forwarded-for"), connectionAddress, trustedHops)),
    // The Host header is the connection's own: what the client (or the last proxy) asked for.
    host: forwardedValue(headers.get("x-forwarded-host"), headers.get("host"), trustedHops),
    protocol: protocol?.toLowerCase() === "https" ? "https" : "http",
  };
}
