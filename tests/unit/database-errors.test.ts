import net from "node:net";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { describeDatabaseError, isDatabaseUnavailableError } from "@/lib/server/db/connection-errors";

// Which errors mean "the database cannot be reached" (503 with Retry-After, logged once per
// outage) and which are anything else (lib/server/db/connection-errors.ts).

/** A port nothing listens on. */
async function closedPort() {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const known = (code: string, meta?: Record<string, unknown>) =>
  new Prisma.PrismaClientKnownRequestError(`Prisma error ${code}`, { code, clientVersion: Prisma.prismaVersion.client, meta });
const postgres = (code: string, message: string) => Object.assign(new Error(message), { code, severity: "FATAL" });

describe("the database-unavailable classifier", () => {
  it("recognises node-postgres failing to connect (a real refused connection)", async () => {
    const client = new pg.Client({ connectionString: `postgresql://u:p@127.0.0.1:${await closedPort()}/x`, connectionTimeoutMillis: 2_000 });
    const error = await client.connect().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "ECONNREFUSED" });
    expect(isDatabaseUnavailableError(error)).toBe(true);
    expect(describeDatabaseError(error)).toEqual({ code: "ECONNREFUSED", message: expect.stringMatching(/ECONNREFUSED/) });
  });

  it("recognises socket errors, a missing Unix socket, and every address of a host refusing (AggregateError)", () => {
    for (const code of ["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE"]) {
      expect(isDatabaseUnavailableError(Object.assign(new Error(code), { code, syscall: "connect" })), code).toBe(true);
    }
    expect(isDatabaseUnavailableError(Object.assign(new Error("connect ENOENT /run/postgresql/.s.PGSQL.5432"), { code: "ENOENT", syscall: "connect" }))).toBe(
      true,
    );
    const refused = Object.assign(new Error("connect ECONNREFUSED ::1:5432"), { code: "ECONNREFUSED" });
    expect(isDatabaseUnavailableError(new AggregateError([refused, refused]))).toBe(true);
  });

  it("recognises PostgreSQL shutting down, starting up, a broken connection and too many connections", () => {
    expect(isDatabaseUnavailableError(postgres("57P01", "terminating connection due to administrator command"))).toBe(true);
    expect(isDatabaseUnavailableError(postgres("57P02", "terminating connection because of crash of another server process"))).toBe(true);
    expect(isDatabaseUnavailableError(postgres("57P03", "the database system is starting up"))).toBe(true);
    expect(isDatabaseUnavailableError(postgres("08006", "connection failure"))).toBe(true);
    expect(isDatabaseUnavailableError(postgres("08001", "could not connect"))).toBe(true);
    expect(isDatabaseUnavailableError(postgres("53300", "sorry, too many clients already"))).toBe(true);
  });

  it("recognises node-postgres errors that carry no code", () => {
    expect(isDatabaseUnavailableError(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailableError(new Error("Connection terminated due to connection timeout"))).toBe(true);
    expect(isDatabaseUnavailableError(new Error("timeout exceeded when trying to connect"))).toBe(true);
  });

  it("recognises Prisma's codes and its pg adapter's errors, however wrapped", () => {
    for (const code of ["P1001", "P1002", "P1017", "P2024"]) expect(isDatabaseUnavailableError(known(code)), code).toBe(true);
    // $queryRaw wraps the adapter's error in P2010 with the kind in its meta.
    const raw = known("P2010", { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 1 } } });
    expect(isDatabaseUnavailableError(raw)).toBe(true);
    const closed = known("P2010", { driverAdapterError: { name: "DriverAdapterError", cause: { kind: "postgres", originalCode: "57P01" } } });
    expect(isDatabaseUnavailableError(closed)).toBe(true);
    const initialization = new Prisma.PrismaClientInitializationError("Can't reach database server", Prisma.prismaVersion.client, "P1001");
    expect(isDatabaseUnavailableError(initialization)).toBe(true);
    expect(isDatabaseUnavailableError(new Error("loading the page failed", { cause: new Error("x", { cause: known("P1001") }) }))).toBe(true);
  });

  it("leaves every other error to the usual handling (a bug, a refused statement, a file not found)", () => {
    expect(isDatabaseUnavailableError(known("P2002"))).toBe(false);
    expect(isDatabaseUnavailableError(known("P2025"))).toBe(false);
    expect(isDatabaseUnavailableError(known("P2010", { driverAdapterError: { cause: { kind: "UniqueConstraintViolation" } } }))).toBe(false);
    expect(isDatabaseUnavailableError(postgres("23505", "duplicate key value violates unique constraint"))).toBe(false);
    expect(isDatabaseUnavailableError(postgres("42601", "syntax error"))).toBe(false);
    expect(isDatabaseUnavailableError(postgres("28P01", "password authentication failed"))).toBe(false);
    expect(isDatabaseUnavailableError(Object.assign(new Error("ENOENT: no such file"), { code: "ENOENT", syscall: "open" }))).toBe(false);
    expect(isDatabaseUnavailableError(new TypeError("Cannot read properties of undefined"))).toBe(false);
    for (const value of [null, undefined, "ECONNREFUSED", 42]) expect(isDatabaseUnavailableError(value)).toBe(false);
    // A cycle of causes ends.
    const loop: Error & { cause?: unknown } = new Error("loop");
    loop.cause = loop;
    expect(isDatabaseUnavailableError(loop)).toBe(false);
  });
});
