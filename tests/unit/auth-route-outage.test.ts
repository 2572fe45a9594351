import net from "node:net";
import { Auth, skipCSRFCheck } from "@auth/core";
import Credentials from "@auth/core/providers/credentials";
import pg from "pg";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

// Issue 13, defect 13, for the Auth.js route (app/api/auth/[...nextauth]/route.ts): while the
// database cannot be reached it answers 503 with Retry-After and a message key like every other
// route, not Auth.js's redirect to an error page with a stack in the log per request. Auth.js
// catches the error itself and reports it only to its logger; the portal's logger hook
// (noteCaughtError, as lib/server/auth/config.ts uses it) tells the route wrapper (libraryRoute).

process.env.DATABASE_URL ??= "postgresql://portal:portal@127.0.0.1:1/pekppp";
process.env.AUTH_SECRET ??= "a-test-secret-of-at-least-thirty-two-characters";

let libraryRoute: typeof import("@/lib/server/http/library-route").libraryRoute;
let noteCaughtError: typeof import("@/lib/server/db/outage-scope").noteCaughtError;
let noteDatabaseAvailable: typeof import("@/lib/server/db/availability").noteDatabaseAvailable;
let logger: typeof import("@/lib/server/logger").logger;

/** A real refused connection: what node-postgres throws while PostgreSQL is down. */
async function refusedConnection() {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  const client = new pg.Client({ connectionString: `postgresql://u:p@127.0.0.1:${port}/x`, connectionTimeoutMillis: 2_000 });
  return client.connect().then(
    () => {
      throw new Error("expected the connection to be refused");
    },
    (error: unknown) => error,
  );
}

/** Auth.js with a credentials provider whose authorize does what the portal's does first: ask the database. */
function authHandler(authorize: () => Promise<unknown>, otherErrors: unknown[]) {
  return (request: Request) =>
    Auth(request, {
      secret: process.env.AUTH_SECRET,
      trustHost: true,
      // As next-auth sets it for the Next.js route.
      basePath: "/api/auth",
      skipCSRFCheck,
      session: { strategy: "jwt" },
      pages: { signIn: "/login", error: "/login" },
      providers: [Credentials({ credentials: { email: {}, password: {} }, authorize: authorize as never })],
      logger: {
        // As in lib/server/auth/config.ts.
        error: (error) => {
          if (noteCaughtError(error)) return;
          otherErrors.push(error);
        },
      },
    });
}

const signInRequest = () =>
  new Request("http://portal.test/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: "kepala@pekppp.test", password: "pekppp-demo" }),
  });

describe("the Auth.js route while the database is down", () => {
  beforeAll(async () => {
    ({ libraryRoute } = await import("@/lib/server/http/library-route"));
    ({ noteCaughtError } = await import("@/lib/server/db/outage-scope"));
    ({ noteDatabaseAvailable } = await import("@/lib/server/db/availability"));
    ({ logger } = await import("@/lib/server/logger"));
  });
  afterEach(() => {
    noteDatabaseAvailable();
    vi.restoreAllMocks();
  });

  it("answers a sign-in whose database lookup is refused with 503, Retry-After and the message key, and logs the outage once", async () => {
    const refused = await refusedConnection();
    const errorLog = vi.spyOn(logger, "error").mockImplementation((() => undefined) as never);
    vi.spyOn(logger, "info").mockImplementation((() => undefined) as never);
    const otherErrors: unknown[] = [];
    const bare = authHandler(async () => {
      throw refused;
    }, otherErrors);

    // Auth.js on its own catches the error and redirects to the error page: the outage is hidden.
    const unwrapped = await bare(signInRequest());
    expect(unwrapped.status).toBe(302);
    expect(unwrapped.headers.get("location")).toContain("error=");

    const route = libraryRoute("/api/auth/[...nextauth]", bare);
    for (let i = 0; i < 5; i += 1) {
      const response = await route(signInRequest());
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("10");
      expect(await response.json()).toEqual({ error: "errors.databaseUnavailable", values: { seconds: 10 } });
    }
    expect(otherErrors).toEqual([]);
    // One record for the whole outage, without a stack.
    expect(errorLog).toHaveBeenCalledTimes(1);
    expect(errorLog.mock.calls[0]![1]).toMatch(/^database unavailable/);
    expect(JSON.stringify(errorLog.mock.calls[0]![0])).not.toMatch(/stack/);
  });

  it("answers 503 when the handler throws the database error itself", async () => {
    const refused = await refusedConnection();
    vi.spyOn(logger, "error").mockImplementation((() => undefined) as never);
    const route = libraryRoute("/api/auth/[...nextauth]", async () => {
      throw refused;
    });
    const response = await route();
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("10");
  });

  it("leaves every other answer as it was: a wrong password, and any other error (500 with a reference, no stack in the answer)", async () => {
    const errorLog = vi.spyOn(logger, "error").mockImplementation((() => undefined) as never);
    const otherErrors: unknown[] = [];
    const route = libraryRoute(
      "/api/auth/[...nextauth]",
      authHandler(async () => null, otherErrors),
    );
    const wrongPassword = await route(signInRequest());
    expect(wrongPassword.status).toBe(302);
    expect(wrongPassword.headers.get("location")).toContain("error=CredentialsSignin");

    const failing = libraryRoute("/api/auth/[...nextauth]", async () => {
      throw new Error("a bug");
    });
    const response = await failing();
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: string; values: { ref: string } };
    expect(body).toEqual({ error: "errors.unexpected", values: { ref: expect.stringMatching(/^[0-9a-f]{8}$/) } });
    expect(JSON.stringify(body)).not.toMatch(/a bug|at /);
    expect(errorLog).toHaveBeenCalledWith(expect.objectContaining({ ref: body.values.ref }), "route handler failed");
  });
});
