import "server-only";
import path from "node:path";
import { z } from "zod";

export type EvidenceStorageConfig =
  | { kind: "local"; dir: string }
  | {
      kind: "s3";
      bucket: string;
      region: string;
      endpoint: string | undefined;
      forcePathStyle: boolean;
      /** Absent: the AWS SDK's default chain (AWS_* variables, instance or task role). */
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
      /** The storage class an archived cycle's evidence moves to (EVIDENCE_S3_COLD_STORAGE_CLASS). */
      coldStorageClass: string;
    };

export const DEFAULT_EVIDENCE_DIR = ".data/evidence";
const DEFAULT_S3_REGION = "us-east-1";

/** Text that may be left unset: surrounding spaces are dropped, and a blank value counts as unset. */
export const optionalText = z.preprocess((v) => (typeof v === "string" ? v.trim() || undefined : v), z.string().optional());
const flag = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
  z.enum(["", "true", "1", "yes", "false", "0", "no"], { error: "EVIDENCE_S3_FORCE_PATH_STYLE harus true atau false." }).optional(),
);

/** The storage variables, each with its own rule; lib/env.ts validates them with the others. */
export const EVIDENCE_STORAGE_VARIABLES = {
  EVIDENCE_DIR: optionalText,
  EVIDENCE_S3_BUCKET: optionalText,
  EVIDENCE_S3_REGION: optionalText,
  EVIDENCE_S3_ENDPOINT: optionalText.pipe(z.url({ protocol: /^https?$/, error: "EVIDENCE_S3_ENDPOINT harus berupa alamat http(s)://…" }).optional()),
  EVIDENCE_S3_ACCESS_KEY_ID: optionalText,
  EVIDENCE_S3_SECRET_ACCESS_KEY: optionalText,
  EVIDENCE_S3_FORCE_PATH_STYLE: flag,
  EVIDENCE_S3_COLD_STORAGE_CLASS: optionalText.pipe(
    z
      .enum(["STANDARD_IA", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"], {
        error: "EVIDENCE_S3_COLD_STORAGE_CLASS harus STANDARD_IA, ONEZONE_IA, GLACIER_IR, GLACIER atau DEEP_ARCHIVE.",
      })
      .optional(),
  ),
};

const ZStorageEnv = z.object(EVIDENCE_STORAGE_VARIABLES);

/** The raw (or already validated) values of the storage variables. */
export type EvidenceStorageVariables = Partial<Record<keyof typeof EVIDENCE_STORAGE_VARIABLES, string>>;

/**
 * Which backend stores evidence, from the storage variables: S3-compatible object storage when
 * EVIDENCE_S3_BUCKET is set, otherwise the local disk under EVIDENCE_DIR (default .data/evidence,
 * relative to the working directory). A folder under public/ is refused: anything there is served
 * to anyone with its URL. A bad setting throws with the variable named. lib/env.ts calls it when
 * it validates the environment, so a bad setting stops the portal when it starts.
 */
export function evidenceStorageConfig(vars: EvidenceStorageVariables, cwd = process.cwd()): EvidenceStorageConfig {
  const parsed = ZStorageEnv.safeParse(vars);
  if (!parsed.success) throw new Error(parsed.error.issues[0]!.message);
  const e = parsed.data;
  if (e.EVIDENCE_S3_BUCKET) {
    if (Boolean(e.EVIDENCE_S3_ACCESS_KEY_ID) !== Boolean(e.EVIDENCE_S3_SECRET_ACCESS_KEY)) {
      throw new Error("EVIDENCE_S3_ACCESS_KEY_ID dan EVIDENCE_S3_SECRET_ACCESS_KEY harus diisi bersama, atau keduanya dikosongkan.");
    }
    return {
      kind: "s3",
      bucket: e.EVIDENCE_S3_BUCKET,
      region: e.EVIDENCE_S3_REGION ?? DEFAULT_S3_REGION,
      endpoint: e.EVIDENCE_S3_ENDPOINT,
      forcePathStyle: ["true", "1", "yes"].includes(e.EVIDENCE_S3_FORCE_PATH_STYLE ?? ""),
      coldStorageClass: e.EVIDENCE_S3_COLD_STORAGE_CLASS ?? "GLACIER_IR",
      credentials:
        e.EVIDENCE_S3_ACCESS_KEY_ID && e.EVIDENCE_S3_SECRET_ACCESS_KEY
          ? { accessKeyId: e.EVIDENCE_S3_ACCESS_KEY_ID, secretAccessKey: e.EVIDENCE_S3_SECRET_ACCESS_KEY }
          : undefined,
    };
  }
  const dir = path.resolve(cwd, e.EVIDENCE_DIR ?? DEFAULT_EVIDENCE_DIR);
  const publicDir = path.resolve(cwd, "public");
  if (dir === publicDir || dir.startsWith(publicDir + path.sep)) {
    throw new Error("EVIDENCE_DIR tidak boleh berada di dalam public/: berkas di sana dapat diunduh siapa saja.");
  }
  return { kind: "local", dir };
}
