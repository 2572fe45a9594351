import "server-only";
import bcrypt from "bcryptjs";
import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { accountKey, addressKey } from "@/lib/auth/sign-in-throttle";
import { ZSignIn } from "@/lib/schemas/auth";
import { audit, requestOrigin } from "../audit/record";
import { db } from "../db/client";
import { noteCaughtError } from "../db/outage-scope";
import { logger } from "../logger";
import { oidcProvider, verifiedEmail } from "./oidc";
import { endUserSession, SESSION_MAX_AGE_SECONDS, startUserSession } from "./sessions";
import { metrics } from "../metrics";
import { checkSignInAllowed, clearSignInFailures, recordSignInFailure } from "./sign-in-throttle-store";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
    sessionVersion: number;
  }
  interface User {
    sessionVersion?: number;
    role?: string;
    institutionId?: string | null;
  }
}

/** Too many failures in a row: the code carries the wait, in whole minutes, to the sign-in form. */
export class ThrottledSignIn extends CredentialsSignin {
  constructor(retryAfterSeconds: number) {
    super();
    this.code = `throttled:${Math.max(1, Math.ceil(retryAfterSeconds / 60))}`;
  }
}

// Compared when the account does not exist, so that timing does not reveal which addresses have one.
const DUMMY_HASH = bcrypt.hashSync("no-account-has-this-password", 10);

async function authorizeWithPassword(raw: unknown) {
  const parsed = ZSignIn.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const origin = await requestOrigin();
  // Without a client address (no proxy header) only the per-account limit applies: one shared
  // "unknown" key would let anyone lock everybody out.
  const keys = [accountKey(email), ...(origin.ipAddress ? [addressKey(origin.ipAddress)] : [])];
  const decision = await checkSignInAllowed(keys);
  // Sign-in records stand alone (nothing else in the change to commit or roll back with them), so
  // they go straight to db; a refused sign-in has no actor id, only the address that was typed.
  if (!decision.allowed) {
    metrics.signInThrottled.inc();
    await audit(db, { id: null, email }, { action: "auth.sign-in-throttled", entityType: "User" });
    throw new ThrottledSignIn(decision.retryAfterSeconds);
  }
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, name: true, email: true, isActive: true, passwordHash: true, sessionVersion: true, role: true, institutionId: true },
  });
  const valid = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user?.isActive || !user.passwordHash || !valid) {
    metrics.signInFailures.inc();
    await recordSignInFailure(keys);
    await audit(db, { id: user?.id ?? null, email }, { action: "auth.sign-in-failed", entityType: "User", entityId: user?.id });
    return null;
  }
  await clearSignInFailures(accountKey(email));
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await audit(db, user, { action: "auth.sign-in", entityType: "User", entityId: user.id });
  return { id: user.id, name: user.name, email: user.email, sessionVersion: user.sessionVersion, role: user.role, institutionId: user.institutionId };
}

/**
 * An OpenID Connect identity signs in only as an existing, active portal account of the same,
 * provider-verified e-mail.
 */
async function portalAccountForEmail(email: string | null) {
  if (!email) return null;
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, isActive: true, sessionVersion: true, role: true, institutionId: true },
  });
  return user?.isActive ? user : null;
}

const oidc = oidcProvider();

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  logger: {
    // A wrong password is an expected event, recorded in the audit trail, not a server error.
    error: (error) => {
      if (error instanceof CredentialsSignin || error.name === "CredentialsSignin") return;
      // The database cannot be reached: the outage is logged once (no stack per request) and the
      // request under way is answered 503 (app/api/auth/[...nextauth]/route.ts, libraryRoute).
      if (noteCaughtError(error)) return;
      logger.error({ err: error }, "auth error");
    },
  },
  providers: [Credentials({ credentials: { email: {}, password: {} }, authorize: authorizeWithPassword }), ...(oidc ? [oidc] : [])],
  events: {
    // Every sign-out ends its session server-side, also one through Auth.js's own /api/auth/signout
    // (signOutAction ends it first; a session already ended is not recorded twice).
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (token?.sub && typeof token.sid === "string") await endUserSession({ id: token.sub, email: token.email ?? "" }, token.sid);
    },
  },
  callbacks: {
    async signIn({ user, account, profile }) {
      if (account?.provider !== "oidc") return true;
      const portalUser = await portalAccountForEmail(verifiedEmail(profile));
      await audit(
        db,
        { id: portalUser?.id ?? null, email: profile?.email ?? "" },
        { action: portalUser ? "auth.sign-in" : "auth.sign-in-failed", entityType: "User", entityId: portalUser?.id, after: { provider: "oidc" } },
      );
      if (!portalUser) return false;
      // Without a database adapter Auth.js hands this same user object to the jwt callback (and
      // builds the default token's sub, name and email from it), so the account is looked up once.
      Object.assign(user, {
        id: portalUser.id,
        name: portalUser.name,
        email: portalUser.email,
        sessionVersion: portalUser.sessionVersion,
        role: portalUser.role,
        institutionId: portalUser.institutionId,
      });
      return true;
    },
    async jwt({ token, user }) {
      if (user) {
        // Role and institution ride in the token only as a hint for the autosave fast path, which
        // confirms them against the database in the same statement (see saveSelfAnswer).
        token.sv = user.sessionVersion ?? 0;
        token.role = user.role;
        token.inst = user.institutionId ?? null;
        // The server-side session (lib/server/auth/sessions.ts) every request requires to be live.
        if (!user.id) throw new Error("a signed-in user without an id");
        token.sid = await startUserSession(user.id);
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? "";
      session.sessionVersion = typeof token.sv === "number" ? token.sv : -1;
      return session;
    },
  },
});
