import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

/** Server environment, validated once at start (see the README's table of variables). */
export const env = createEnv({
  server: {
    DATABASE_URL: z.url({ error: "DATABASE_URL harus berupa alamat postgresql://…" }),
    AUTH_SECRET: z.string().min(32, { error: "AUTH_SECRET harus minimal 32 karakter." }),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  },
  runtimeEnv: {
    DATABASE_URL: process.env.DATABASE_URL,
    AUTH_SECRET: process.env.AUTH_SECRET,
    LOG_LEVEL: process.env.LOG_LEVEL,
  },
  emptyStringAsUndefined: true,
  // `next build` evaluates modules without the runtime secrets; they are checked when served.
  skipValidation: process.env.NEXT_PHASE === "phase-production-build",
});
