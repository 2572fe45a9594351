import "server-only";
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";
import { evidenceMaxBytes } from "@/lib/domain/evidence/limits";
import { ZPostgresUrl } from "@/lib/schemas/database-url";
import { EVIDENCE_STORAGE_VARIABLES, evidenceStorageConfig, optionalText } from "@/lib/server/storage/config";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const httpUrl = (name: string) => z.url({ protocol: /^https?$/, error: `${name} harus berupa alamat http(s)://…` });

/** The message of a parser's error, as a validation issue. */
/** A whole number setting in [min, max], with its default; a bad value names the variable and the range. */
function integerSetting(name: string, min: number, max: number, fallback: number) {
  const error = `${name} harus bilangan bulat ${min}–${max}.`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error }).default(fallback);
}

function issueFrom(ctx: z.RefinementCtx, error: unknown) {
  ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
}

/**
 * Every variable the portal reads at run time (the README's table), with its rule and default.
 * Scripts (npm start, the seed, the tests) read their own variables (PORT, PEKPPP_DATA_DIR …).
 */
const server = {
  NODE_ENV: z.enum(["development", "test", "production"], { error: "NODE_ENV harus development, test atau production." }).default("development"),
  DATABASE_URL: ZPostgresUrl("DATABASE_URL"),
  AUTH_SECRET: z.string({ error: "AUTH_SECRET harus diisi (minimal 32 karakter)." }).min(32, { error: "AUTH_SECRET harus minimal 32 karakter." }),
  /** The portal's public address, if configured; Auth.js reads it too. */
  AUTH_URL: optionalText.pipe(httpUrl("AUTH_URL").optional()),
  AUTH_OIDC_ISSUER: optionalText.pipe(httpUrl("AUTH_OIDC_ISSUER").optional()),
  AUTH_OIDC_CLIENT_ID: optionalText,
  AUTH_OIDC_CLIENT_SECRET: optionalText,
  AUTH_OIDC_NAME: optionalText,
  /** The SMTP server that sends notification e-mail (nodemailer); unset: mail stays in the outbox (/admin/outbox). */
  SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/, error: "SMTP_URL harus berupa alamat smtp://… atau smtps://…" }).optional()),
  /** The sender of notification e-mail: an address, or a name with the address in <…>. */
  MAIL_FROM: optionalText.pipe(
    z
      .string()
      .regex(/^(?:[^<>@]*<\s*[^@\s<>]+@[^@\s<>]+\s*>|[^@\s<>]+@[^@\s<>]+)$/, {
        error: "MAIL_FROM harus berupa alamat e-mail, atau nama dengan alamat dalam <…>.",
      })
      .optional(),
  ),
  /**
   * The bearer token Prometheus sends to /api/metrics (Authorization: Bearer …), at least 16
   * characters; unset: /api/metrics answers 404.
   */
  METRICS_TOKEN: optionalText.pipe(z.string().min(16, { error: "METRICS_TOKEN harus minimal 16 karakter." }).optional()),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `LOG_LEVEL harus salah satu dari ${LOG_LEVELS.join(", ")}.` }).default("info"),
  /**
   * Reverse proxies in front of the portal, each appending the address it saw to X-Forwarded-For
   * (lib/server/http/client-address.ts). 0: clients connect to the portal directly, and no
   * X-Forwarded-* header is believed.
   */
  TRUSTED_PROXY_HOPS: integerSetting("TRUSTED_PROXY_HOPS", 0, 10, 0),
  /**
   * Months a cycle stays published (open to corrections and follow-up) before an admin may archive
   * it (docs/domain.md §3.6). Default 12.
   */
  CYCLE_ARCHIVE_AFTER_MONTHS: integerSetting("CYCLE_ARCHIVE_AFTER_MONTHS", 1, 120, 12),
  /** Requests a minute of one personal access token to the read API /api/v1 (issue 20); more: 429. */
  API_RATE_LIMIT_PER_MINUTE: integerSetting("API_RATE_LIMIT_PER_MINUTE", 1, 100_000, 120),
  /** Requests a minute of one client address to the public endpoints of /api/v1 (no token). */
  API_PUBLIC_RATE_LIMIT_PER_MINUTE: integerSetting("API_PUBLIC_RATE_LIMIT_PER_MINUTE", 1, 100_000, 60),
  /** Parsed: the limit in bytes (lib/domain/evidence/limits.ts). */
  EVIDENCE_MAX_BYTES: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      try {
        return evidenceMaxBytes({ EVIDENCE_MAX_BYTES: raw });
      } catch (error) {
        issueFrom(ctx, error);
        return z.NEVER;
      }
    }),
  ...EVIDENCE_STORAGE_VARIABLES,
};

/** Each variable by its rule, then the rules across variables: the storage settings as a whole (a key pair, a folder outside public/). */
const ZEnv = z.object(server).superRefine((vars, ctx) => {
  try {
    evidenceStorageConfig(vars);
  } catch (error) {
    issueFrom(ctx, error);
  }
  if (Boolean(vars.SMTP_URL) !== Boolean(vars.MAIL_FROM)) {
    ctx.addIssue({ code: "custom", message: "SMTP_URL dan MAIL_FROM harus diisi bersama (atau keduanya kosong: e-mail disimpan di kotak keluar)." });
  }
});

type Variables = Record<string, string | undefined>;
type Name = keyof typeof server;
const NAMES = Object.keys(server) as Name[];

/** An issue as one line; the messages above name their variable, any other gets it in front. */
function describeIssue(issue: { message: string; path?: readonly (PropertyKey | { key: PropertyKey })[] | undefined }) {
  const name = (issue.path ?? []).map((part) => String(typeof part === "object" ? part.key : part)).join(".");
  return !name || issue.message.includes(name) ? issue.message : `${name}: ${issue.message}`;
}

/** What `next build` sees: every value that is valid, with its default; no error for one that is not. */
function unvalidated(source: Variables) {
  return Object.fromEntries(
    NAMES.map((name) => {
      const parsed = (server[name] as z.ZodType<string | number | undefined>).safeParse(source[name]?.trim() ? source[name] : undefined);
      return [name, parsed.success ? parsed.data : undefined];
    }),
  ) as Record<Name, string | number | undefined>;
}

/**
 * Validates the variables of `source`: every problem is reported at once, in one error whose
 * message names each variable. Exported for tests; the portal uses `env`.
 */
export function readEnv(source: Variables = process.env) {
  // `next build` evaluates modules without the runtime secrets; they are checked when served.
  const building = source.NEXT_PHASE === "phase-production-build";
  return createEnv({
    server,
    runtimeEnv: building ? unvalidated(source) : (Object.fromEntries(NAMES.map((name) => [name, source[name]])) as Record<Name, string | undefined>),
    emptyStringAsUndefined: true,
    skipValidation: building,
    createFinalSchema: () => ZEnv,
    onValidationError: (issues) => {
      throw new Error(`Konfigurasi lingkungan tidak sah (lihat tabel variabel di README):\n${issues.map((issue) => `  - ${describeIssue(issue)}`).join("\n")}`);
    },
  });
}

export type Env = ReturnType<typeof readEnv>;

let loaded: Env | undefined;
const current = () => (loaded ??= readEnv());

/**
 * The server environment, validated once, when a value is first read (modules that read it at
 * load, such as the database client and the logger, do so at start). The only module that reads
 * process.env: every other module takes its settings from here.
 */
export const env: Env = new Proxy({} as Env, {
  get: (_target, name) => Reflect.get(current(), name),
  has: (_target, name) => Reflect.has(current(), name),
  ownKeys: () => Reflect.ownKeys(current()),
  getOwnPropertyDescriptor: (_target, name) => {
    const descriptor = Reflect.getOwnPropertyDescriptor(current(), name);
    return descriptor && { ...descriptor, configurable: true };
  },
});
