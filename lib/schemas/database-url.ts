import { z } from "zod";

const EXAMPLE = "postgresql://pengguna:sandi@host:5432/pekppp";

/**
 * Why a PostgreSQL connection string cannot be used, as one Bahasa Indonesia sentence naming the
 * variable; null when it can. Accepted: postgres:// or postgresql:// with a host, in the address
 * or as `?host=` (a Unix socket folder). Used by lib/env.ts and by the scripts (npm start, tests).
 */
export function databaseUrlProblem(value: string, name = "DATABASE_URL"): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return `${name} harus berupa alamat PostgreSQL yang sah (contoh: ${EXAMPLE}).`;
  }
  if (url.protocol !== "postgresql:" && url.protocol !== "postgres:") {
    return `${name} harus diawali postgresql:// atau postgres://, bukan ${url.protocol}// (contoh: ${EXAMPLE}).`;
  }
  if (!url.hostname && !url.searchParams.get("host")) {
    return `${name} harus menyebut host basis data (contoh: ${EXAMPLE}).`;
  }
  return null;
}

/** The zod rule of a PostgreSQL connection string variable (see databaseUrlProblem). */
export function ZPostgresUrl(name: string) {
  return z.string({ error: `${name} harus diisi dengan alamat PostgreSQL (contoh: ${EXAMPLE}).` }).superRefine((value, ctx) => {
    const problem = databaseUrlProblem(value, name);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}
