import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { UTC_SESSION_OPTIONS } from "./utc";

function createClient() {
  return new PrismaClient({
    // As the pg pool: a connection that cannot be made in 5 s fails, as a 503 (./availability.ts).
    adapter: new PrismaPg({ connectionString: env.DATABASE_URL, max: 20, connectionTimeoutMillis: 5_000, options: UTC_SESSION_OPTIONS }),
    // Password hashes never leave the data layer unless a query asks for them by name.
    omit: { user: { passwordHash: true } },
  });
}

const globalForPrisma = globalThis as unknown as { prisma?: ReturnType<typeof createClient> };

/** One client per process; kept on globalThis so development reloads do not open new pools. */
export const db = globalForPrisma.prisma ?? createClient();
if (env.NODE_ENV !== "production") globalForPrisma.prisma = db;
