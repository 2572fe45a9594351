import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { ActionError } from "../errors";

/**
 * Runs a write; a unique index refusing it (a concurrent twin of the checked write, Prisma's
 * P2002) becomes the given expected-error message instead of an unexpected server error.
 */
export async function uniqueAs<T>(key: string, values: Record<string, string | number>, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new ActionError(key, values);
    throw error;
  }
}
