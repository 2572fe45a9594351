import "server-only";
import bcrypt from "bcryptjs";
import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { ZSignIn } from "@/lib/schemas/auth";
import { recordAudit } from "../audit";
import { db } from "../db";
import { logger } from "../logger";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
    sessionVersion: number;
  }
  interface User {
    sessionVersion?: number;
  }
}

// A fixed hash compared when the account does not exist, so that timing does not reveal which
// e-mail addresses have accounts.
const DUMMY_HASH = bcrypt.hashSync("no-account-has-this-password", 10);

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  logger: {
    // A wrong password is an expected event, recorded in the audit trail, not a server error.
    error: (error) => {
      if (error.name === "CredentialsSignin") return;
      logger.error({ err: error }, "auth error");
    },
  },
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      authorize: async (raw) => {
        const parsed = ZSignIn.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const user = await db.user.findUnique({
          where: { email },
          select: { id: true, name: true, email: true, isActive: true, passwordHash: true, sessionVersion: true },
        });
        const valid = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
        if (!user || !user.isActive || !user.passwordHash || !valid) {
          await recordAudit({ actorId: user?.id, actorLabel: email, action: "auth.sign-in-failed", entityType: "User", entityId: user?.id });
          return null;
        }
        await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
        await recordAudit({ actorId: user.id, actorLabel: user.email, action: "auth.sign-in", entityType: "User", entityId: user.id });
        return { id: user.id, name: user.name, email: user.email, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sv = user.sessionVersion ?? 0;
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub ?? "";
      session.sessionVersion = typeof token.sv === "number" ? token.sv : -1;
      return session;
    },
  },
});
