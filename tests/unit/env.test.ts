import { describe, expect, it } from "vitest";
import { readEnv } from "@/lib/env";

const REQUIRED = { DATABASE_URL: "postgresql://pekppp:rahasia@localhost:5432/pekppp", AUTH_SECRET: "uji-uji-uji-uji-uji-uji-uji-uji-uji" };

/** The message of the error readEnv throws for `source`. */
function problemsOf(source: Record<string, string | undefined>): string {
  try {
    readEnv(source);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the environment to be refused");
}

describe("the environment module (lib/env.ts)", () => {
  it("needs only the database and the secret; every other variable has its default", () => {
    const env = readEnv(REQUIRED);
    expect(env).toMatchObject({ ...REQUIRED, NODE_ENV: "development", LOG_LEVEL: "info", EVIDENCE_MAX_BYTES: 10 * 1024 * 1024 });
    expect([env.AUTH_URL, env.AUTH_OIDC_ISSUER, env.AUTH_OIDC_NAME, env.EVIDENCE_DIR, env.EVIDENCE_S3_BUCKET]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("parses the values: a size with its unit, trimmed texts, blank as unset", () => {
    const env = readEnv({
      ...REQUIRED,
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      EVIDENCE_MAX_BYTES: "25MB",
      AUTH_OIDC_ISSUER: " https://sso.contoh.go.id/realms/pekppp ",
      AUTH_OIDC_NAME: "   ",
      AUTH_URL: "",
      EVIDENCE_S3_BUCKET: "bukti",
      EVIDENCE_S3_FORCE_PATH_STYLE: " TRUE ",
    });
    expect(env).toMatchObject({
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      EVIDENCE_MAX_BYTES: 25 * 1024 * 1024,
      AUTH_OIDC_ISSUER: "https://sso.contoh.go.id/realms/pekppp",
      EVIDENCE_S3_BUCKET: "bukti",
      EVIDENCE_S3_FORCE_PATH_STYLE: "true",
    });
    expect(env.AUTH_OIDC_NAME).toBeUndefined();
    expect(env.AUTH_URL).toBeUndefined();
  });

  it("refuses every bad variable at once, each named, in Bahasa Indonesia", () => {
    const message = problemsOf({
      DATABASE_URL: "bukan alamat",
      AUTH_SECRET: "pendek",
      LOG_LEVEL: "loud",
      EVIDENCE_MAX_BYTES: "2GB",
      AUTH_URL: "portal.go.id",
      AUTH_OIDC_ISSUER: "sso",
      EVIDENCE_S3_ENDPOINT: "minio:9000",
    });
    expect(message).toMatch(/^Konfigurasi lingkungan tidak sah/);
    for (const name of ["DATABASE_URL", "AUTH_SECRET", "LOG_LEVEL", "EVIDENCE_MAX_BYTES", "AUTH_URL", "AUTH_OIDC_ISSUER", "EVIDENCE_S3_ENDPOINT"]) {
      expect(message).toMatch(new RegExp(`- ${name} harus`));
    }
    expect(problemsOf({ DATABASE_URL: REQUIRED.DATABASE_URL })).toMatch(/AUTH_SECRET harus diisi/);
  });

  it("accepts only a PostgreSQL DATABASE_URL (postgres:// or postgresql://) that names a host", () => {
    for (const url of [
      "postgresql://pekppp:rahasia@db.contoh.go.id:5432/pekppp",
      "postgres://pekppp@localhost/pekppp",
      "postgresql://pekppp@localhost:5432/pekppp?host=%2Fvar%2Frun%2Fpostgresql",
      "postgresql:///pekppp?host=/var/run/postgresql",
    ]) {
      expect(readEnv({ ...REQUIRED, DATABASE_URL: url }).DATABASE_URL).toBe(url);
    }
    expect(problemsOf({ ...REQUIRED, DATABASE_URL: "mysql://pekppp:rahasia@localhost:3306/pekppp" })).toMatch(
      /DATABASE_URL harus diawali postgresql:\/\/ atau postgres:\/\/, bukan mysql:\/\//,
    );
    expect(problemsOf({ ...REQUIRED, DATABASE_URL: "postgresql://" })).toMatch(/DATABASE_URL harus menyebut host basis data/);
    expect(problemsOf({ ...REQUIRED, DATABASE_URL: "postgresql:///pekppp" })).toMatch(/DATABASE_URL harus menyebut host basis data/);
  });

  it("takes SMTP_URL and MAIL_FROM together (notification e-mail), or neither (the outbox keeps it)", () => {
    const env = readEnv({ ...REQUIRED, SMTP_URL: "smtp://mail.contoh.go.id:587", MAIL_FROM: "Portal PEKPPP <noreply@contoh.go.id>" });
    expect([env.SMTP_URL, env.MAIL_FROM]).toEqual(["smtp://mail.contoh.go.id:587", "Portal PEKPPP <noreply@contoh.go.id>"]);
    expect(readEnv({ ...REQUIRED, SMTP_URL: "smtps://u:p@mail.contoh.go.id", MAIL_FROM: "noreply@contoh.go.id" }).MAIL_FROM).toBe("noreply@contoh.go.id");
    expect(readEnv(REQUIRED).SMTP_URL).toBeUndefined();
    expect(problemsOf({ ...REQUIRED, SMTP_URL: "http://mail.contoh.go.id", MAIL_FROM: "noreply@contoh.go.id" })).toMatch(
      /SMTP_URL harus berupa alamat smtp:\/\//,
    );
    expect(problemsOf({ ...REQUIRED, SMTP_URL: "smtp://mail.contoh.go.id", MAIL_FROM: "bukan alamat" })).toMatch(/MAIL_FROM harus berupa alamat e-mail/);
    expect(problemsOf({ ...REQUIRED, SMTP_URL: "smtp://mail.contoh.go.id" })).toMatch(/SMTP_URL dan MAIL_FROM harus diisi bersama/);
    expect(problemsOf({ ...REQUIRED, MAIL_FROM: "noreply@contoh.go.id" })).toMatch(/SMTP_URL dan MAIL_FROM harus diisi bersama/);
  });

  it("checks the storage variables together (a key pair, a folder outside public/)", () => {
    expect(problemsOf({ ...REQUIRED, EVIDENCE_S3_BUCKET: "bukti", EVIDENCE_S3_ACCESS_KEY_ID: "AK" })).toMatch(
      /EVIDENCE_S3_SECRET_ACCESS_KEY harus diisi bersama/,
    );
    expect(problemsOf({ ...REQUIRED, EVIDENCE_DIR: "public/bukti" })).toMatch(/EVIDENCE_DIR tidak boleh berada di dalam public\//);
  });

  it("skips validation while `next build` runs, keeping the defaults of what is unset", () => {
    const env = readEnv({ NEXT_PHASE: "phase-production-build", EVIDENCE_MAX_BYTES: "1KB" });
    expect(env).toMatchObject({ LOG_LEVEL: "info", NODE_ENV: "development", EVIDENCE_MAX_BYTES: 1024 });
    expect(env.DATABASE_URL).toBeUndefined();
  });
});
