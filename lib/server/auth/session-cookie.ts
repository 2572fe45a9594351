import "server-only";
import { cookies } from "next/headers";
import { LRUCache } from "lru-cache";
import { decode } from "next-auth/jwt";
import { env } from "@/lib/env";

// Auth.js's cookie names: the secure one is used over https.
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

export interface SessionClaims {
  userId: string;
  sessionVersion: number;
  /** The session's row in UserSession (created at sign-in); it must be live for the cookie to count. */
  sessionId: string | null;
  /** As at sign-in; trusted only where a statement re-checks the user row (sessionVersion). */
  name: string | null;
  email: string | null;
  role: string | null;
  institutionId: string | null;
}

/**
 * The signed-in user's id, session version and session id, read straight from the encrypted
 * session cookie.
 * `auth()` would also re-encrypt a refreshed token on every call (it cannot set it from a page or
 * route handler anyway); reading only is half the cost on every request, and it is the same check:
 * a token that does not decrypt with AUTH_SECRET, or has expired, yields no session.
 */
export async function readSessionClaims(): Promise<SessionClaims | null> {
  const store = await cookies();
  for (const name of SESSION_COOKIES) {
    const token = store.get(name)?.value;
    if (!token) continue;
    const cached = decoded.get(token);
    if (cached) return cached.expiresAt > Date.now() ? cached.claims : null;
    try {
      const payload = await decode({ token, secret: env.AUTH_SECRET, salt: name });
      if (!payload?.sub) return null;
      const claims: SessionClaims = {
        userId: payload.sub,
        sessionVersion: typeof payload.sv === "number" ? payload.sv : -1,
        sessionId: typeof payload.sid === "string" ? payload.sid : null,
        name: typeof payload.name === "string" ? payload.name : null,
        email: typeof payload.email === "string" ? payload.email : null,
        role: typeof payload.role === "string" ? payload.role : null,
        institutionId: typeof payload.inst === "string" ? payload.inst : null,
      };
      const expiresAt = typeof payload.exp === "number" ? payload.exp * 1000 : 0;
      decoded.set(token, { claims, expiresAt });
      return expiresAt > Date.now() ? claims : null;
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * A token string always decrypts to the same claims, so each is decrypted once. Whether the user
 * is still active, on this session version and in a live session is checked in the database on
 * every request anyway.
 */
const decoded = new LRUCache<string, { claims: SessionClaims; expiresAt: number }>({ max: 20_000 });
