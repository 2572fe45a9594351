import "server-only";
import { env } from "@/lib/env";
import { logger } from "../logger";
import { CONNECTION_HOP_MARK, clientOf, type HeaderSource, type RequestClient } from "./client-address";

let warned = false;

/**
 * The client of a request in this process (address, host, protocol), by the rule of
 * ./client-address.ts with the configured TRUSTED_PROXY_HOPS. Used by every reader: the audit
 * origin (and through it the sign-in and survey limits), the same-origin check, survey links.
 */
export function requestClient(headers: HeaderSource): RequestClient {
  const hopInstalled = (globalThis as Record<symbol, unknown>)[CONNECTION_HOP_MARK] === true;
  if (!hopInstalled && !warned) {
    warned = true;
    logger.warn("the server was started without scripts/lib/connection-hop.cjs: client addresses are unknown unless a trusted proxy forwards them");
  }
  return clientOf(headers, env.TRUSTED_PROXY_HOPS, hopInstalled);
}
