import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, palembangDraftLocus, useSeededDatabase } from "./support/test-database";

// The request the server layer sees: its session cookie (what `cookies()` gives) and its headers.
const request = vi.hoisted(() => ({ cookie: null as string | null }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "user-agent": "SessionsTest/1.0" }),
  cookies: async () => ({
    get: (name: string) => (name === "authjs.session-token" && request.cookie ? { name, value: request.cookie } : undefined),
  }),
}));

const MB = 1024 * 1024;

/**
 * A request body that counts what is read of it: nothing is produced until the reader asks
 * (highWaterMark 0), so `bytesRead` is exactly what the server pulled.
 */
function countedBody(content: Uint8Array | { repeat: number; size: number }, chunk = 64 * 1024) {
  const counter = { bytesRead: 0 };
  const total = content instanceof Uint8Array ? content.byteLength : content.repeat * content.size;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (counter.bytesRead >= total) return controller.close();
        const size = Math.min(chunk, total - counter.bytesRead);
        const bytes = content instanceof Uint8Array ? content.slice(counter.bytesRead, counter.bytesRead + size) : new Uint8Array(size).fill(0x20);
        counter.bytesRead += size;
        controller.enqueue(bytes);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, counter, total };
}

describe("server-side sessions and bounded request bodies", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let actors: Record<string, CurrentUser>;
  let sessions: typeof import("@/lib/server/auth/sessions");
  let currentUser: typeof import("@/lib/server/auth/current-user");
  let users: typeof import("@/lib/server/users/users");
  let answers: typeof import("@/app/api/assessments/[id]/answers/route");
  let selfAssessment: typeof import("@/lib/server/assessment/self-assessment");
  let draftId: string;

  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const evaluator = () => actors["evaluator.palembang@pekppp.test"]!;

  /** What the sign-in does (the jwt callback of lib/server/auth/config.ts): a session row, and a cookie carrying its id. */
  async function signIn(user: CurrentUser, { withSessionId = true } = {}) {
    const sessionId = await sessions.startUserSession(user.id);
    const { sessionVersion } = await one(`SELECT "sessionVersion" FROM "User" WHERE id = $1`, [user.id]);
    const token = {
      sub: user.id,
      name: user.name,
      email: user.email,
      sv: sessionVersion,
      role: user.role,
      inst: user.institutionId,
      ...(withSessionId ? { sid: sessionId } : {}),
    };
    const cookie = await encode({ token, secret: process.env.AUTH_SECRET!, salt: "authjs.session-token" });
    return { sessionId, cookie };
  }

  /** Who the portal sees behind a cookie (pages, server actions and routes all ask getCurrentUser). */
  async function whoIs(cookie: string | null) {
    request.cookie = cookie;
    return currentUser.getCurrentUser();
  }

  const version = async () =>
    (
      await one(
        `SELECT coalesce(max(s.version), 0) AS v FROM "SelfAnswer" s JOIN "InstrumentIndicator" i ON i.id = s."indicatorId" WHERE s."assessmentId" = $1 AND i.code = '2.a.P'`,
        [draftId],
      )
    ).v as number;

  /** POST /api/assessments/<draft>/answers through the route module, as the browser sends it. */
  async function autosave(cookie: string | null, body: BodyInit | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
    request.cookie = cookie;
    const req = new NextRequest(`http://portal.test/api/assessments/${draftId}/answers`, {
      method: "POST",
      headers: { host: "portal.test", origin: "http://portal.test", "content-type": "application/json", ...headers },
      body,
      duplex: "half",
    } as ConstructorParameters<typeof NextRequest>[1]);
    const response = await answers.POST(req, { params: Promise.resolve({ id: draftId }) });
    return { status: response.status, body: (await response.json()) as { error?: string; values?: Record<string, unknown>; answer?: { version: number } } };
  }
  const answer = async (justification: string) => JSON.stringify({ indicatorCode: "2.a.P", level: 3, justification, baseVersion: await version() });

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    sessions = await import("@/lib/server/auth/sessions");
    currentUser = await import("@/lib/server/auth/current-user");
    users = await import("@/lib/server/users/users");
    selfAssessment = await import("@/lib/server/assessment/self-assessment");
    answers = await import("@/app/api/assessments/[id]/answers/route");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    ({ draftId } = await palembangDraftLocus(client));
  });
  afterAll(async () => {
    await client?.end();
    if (database) await closeServerLayer(database);
  });

  describe("request bodies (defect 6)", () => {
    it("refuses an anonymous autosave with 401 before reading any of its body, however large", async () => {
      const declared = countedBody({ repeat: 200, size: MB });
      expect(await autosave(null, declared.stream, { "content-length": String(declared.total) })).toMatchObject({
        status: 401,
        body: { error: "errors.signInRequired" },
      });
      expect(declared.counter.bytesRead).toBe(0);
      // The same without a declared length (a chunked body).
      const chunked = countedBody({ repeat: 200, size: MB });
      expect((await autosave(null, chunked.stream)).status).toBe(401);
      expect(chunked.counter.bytesRead).toBe(0);
    });

    it("answers a signed-in autosave over the limit with 413 and a catalogue message: by its declared length unread, otherwise by counting", async () => {
      const { cookie } = await signIn(evaluator());
      const tooLarge = new TextEncoder().encode(await answer("x".repeat(100_000)));
      const declared = countedBody(tooLarge);
      expect(await autosave(cookie, declared.stream, { "content-length": String(tooLarge.byteLength) })).toEqual({
        status: 413,
        body: { error: "errors.requestTooLarge", values: { limitKb: 64 } },
      });
      expect(declared.counter.bytesRead).toBe(0);

      const chunked = countedBody({ repeat: 200, size: MB });
      expect((await autosave(cookie, chunked.stream)).status).toBe(413);
      expect(chunked.counter.bytesRead).toBeLessThanOrEqual(64 * 1024 + 64 * 1024);

      // A body of a normal size is still saved.
      expect(await autosave(cookie, await answer("Melibatkan unsur masyarakat."))).toMatchObject({ status: 200 });
    });

    it("reads at most the limit of a body sent with a cookie whose session has ended", async () => {
      const { sessionId, cookie } = await signIn(evaluator());
      await sessions.endUserSession(evaluator(), sessionId);
      const chunked = countedBody({ repeat: 200, size: MB });
      expect((await autosave(cookie, chunked.stream)).status).toBe(413);
      expect(chunked.counter.bytesRead).toBeLessThanOrEqual(128 * 1024);
      expect((await autosave(cookie, await answer("Sesudah keluar."))).status).toBe(401);
    });
  });

  describe("sessions (defect 8)", () => {
    it("ends the session server-side at sign-out: a copy of the cookie no longer loads pages or autosaves, and the sign-out is audited once", async () => {
      const { sessionId, cookie } = await signIn(evaluator());
      const auditBefore = (await one(`SELECT coalesce(max(id), 0)::text AS id FROM "AuditEvent"`)).id;
      expect(await whoIs(cookie)).toMatchObject({ id: evaluator().id, sessionId });
      expect((await autosave(cookie, await answer("Sebelum keluar."))).status).toBe(200);

      expect(await sessions.endUserSession(evaluator(), sessionId)).toBe(true);
      // The second end (Auth.js's signOut event after the action) changes nothing and records nothing.
      expect(await sessions.endUserSession(evaluator(), sessionId)).toBe(false);

      expect(await whoIs(cookie)).toBeNull();
      expect(await autosave(cookie, await answer("Sesudah keluar."))).toMatchObject({ status: 401, body: { error: "errors.signInRequired" } });
      // The autosave's single statement refuses the ended session by itself.
      const claimed = { ...evaluator(), sessionVersion: (await one(`SELECT "sessionVersion" AS v FROM "User" WHERE id = $1`, [evaluator().id])).v, sessionId };
      const origin = { ipAddress: null, userAgent: null };
      expect(
        await selfAssessment.trySaveInOneStatement(
          claimed,
          draftId,
          { indicatorCode: "2.a.P", level: 1, justification: "x", baseVersion: await version() },
          origin,
        ),
      ).toBeNull();

      const audited = await client.query(`SELECT "actorId", "entityId" FROM "AuditEvent" WHERE action = 'auth.sign-out' AND id > $1`, [auditBefore]);
      expect(audited.rows).toEqual([{ actorId: evaluator().id, entityId: evaluator().id }]);
      expect(await one(`SELECT "endReason" FROM "UserSession" WHERE id = $1`, [sessionId])).toEqual({ endReason: "sign-out" });
    });

    it("ends every other session of the account at a password change, and keeps the one it was made in", async () => {
      await client.query(`UPDATE "UserSession" SET "endedAt" = now() WHERE "userId" = $1`, [evaluator().id]);
      const laptop = await signIn(evaluator());
      const phone = await signIn(evaluator());
      const other = await signIn(actors["pimpinan.palembang@pekppp.test"]!);
      const current = await whoIs(laptop.cookie);
      expect(current).not.toBeNull();

      await users.changeOwnPassword(current!, "pekppp-demo", "SandiBaru-2026");

      expect(await whoIs(phone.cookie)).toBeNull();
      expect((await autosave(phone.cookie, await answer("Dari ponsel."))).status).toBe(401);
      expect(await whoIs(laptop.cookie)).toMatchObject({ id: evaluator().id, sessionId: laptop.sessionId });
      expect((await autosave(laptop.cookie, await answer("Dari laptop."))).status).toBe(200);
      // Another account's sessions are untouched.
      expect(await whoIs(other.cookie)).not.toBeNull();
      expect(
        await one(`SELECT after FROM "AuditEvent" WHERE action = 'user.password-change' AND "actorId" = $1 ORDER BY id DESC LIMIT 1`, [evaluator().id]),
      ).toEqual({
        after: { otherSessionsEnded: 1 },
      });
    });

    it("still ends every session when the account's session version moves (end all sessions, deactivation, role change)", async () => {
      const a = await signIn(evaluator());
      const b = await signIn(evaluator());
      await users.endOwnSessions((await whoIs(a.cookie))!);
      expect(await whoIs(a.cookie)).toBeNull();
      expect(await whoIs(b.cookie)).toBeNull();

      const c = await signIn(evaluator());
      expect(await whoIs(c.cookie)).not.toBeNull();
      await client.query(`UPDATE "User" SET "sessionVersion" = "sessionVersion" + 1 WHERE id = $1`, [evaluator().id]);
      expect(await whoIs(c.cookie)).toBeNull();
      expect((await autosave(c.cookie, await answer("Versi sesi lama."))).status).toBe(401);
    });

    it("refuses a cookie without a session id, and a session past its expiry", async () => {
      const legacy = await signIn(evaluator(), { withSessionId: false });
      expect(await whoIs(legacy.cookie)).toBeNull();
      expect((await autosave(legacy.cookie, await answer("Kuki lama."))).status).toBe(401);

      const expiring = await signIn(evaluator());
      expect(await whoIs(expiring.cookie)).not.toBeNull();
      await client.query(`UPDATE "UserSession" SET "expiresAt" = now() - interval '1 second' WHERE id = $1`, [expiring.sessionId]);
      expect(await whoIs(expiring.cookie)).toBeNull();
    });

    it("clears a user's ended and expired session rows at its next sign-in, and keeps the live ones", async () => {
      const live = await signIn(evaluator());
      await signIn(evaluator());
      const rows = await client.query(`SELECT id, "endedAt" IS NULL AND "expiresAt" > now() AS live FROM "UserSession" WHERE "userId" = $1`, [evaluator().id]);
      expect(rows.rows.every((r) => r.live)).toBe(true);
      expect(rows.rows.map((r) => r.id)).toContain(live.sessionId);
    });
  });
});
