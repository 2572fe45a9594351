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
    };

export const DEFAULT_EVIDENCE_DIR = ".data/evidence";
const DEFAULT_S3_REGION = "us-east-1";

const text = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v), z.string().optional());
const flag = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
  z.enum(["", "true", "1", "yes", "false", "0", "no"], { error: "must be true or false" }).optional(),
);

const ZStorageEnv = z.object({
  EVIDENCE_DIR: text,
  EVIDENCE_S3_BUCKET: text,
  EVIDENCE_S3_REGION: text,
  EVIDENCE_S3_ENDPOINT: text.pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional()),
  EVIDENCE_S3_ACCESS_KEY_ID: text,
  EVIDENCE_S3_SECRET_ACCESS_KEY: text,
  EVIDENCE_S3_FORCE_PATH_STYLE: flag,
});

/**
 * Which backend stores evidence, from the environment: S3-compatible object storage when
 * EVIDENCE_S3_BUCKET is set, otherwise the local disk under EVIDENCE_DIR (default .data/evidence,
 * relative to the working directory). A folder under public/ is refused: anything there is served
 * to anyone with its URL. A bad setting throws with the variable named.
 */
export function evidenceStorageConfig(env: Record<string, string | undefined>, cwd = process.cwd()): EvidenceStorageConfig {
  const parsed = ZStorageEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${String(issue.path[0])} ${issue.message}.`);
  }
  const e = parsed.data;
  if (e.EVIDENCE_S3_BUCKET) {
    if (Boolean(e.EVIDENCE_S3_ACCESS_KEY_ID) !== Boolean(e.EVIDENCE_S3_SECRET_ACCESS_KEY)) {
      throw new Error("EVIDENCE_S3_ACCESS_KEY_ID and EVIDENCE_S3_SECRET_ACCESS_KEY must be set together.");
    }
    return {
      kind: "s3",
      bucket: e.EVIDENCE_S3_BUCKET,
      region: e.EVIDENCE_S3_REGION ?? DEFAULT_S3_REGION,
      endpoint: e.EVIDENCE_S3_ENDPOINT,
      forcePathStyle: ["true", "1", "yes"].includes(e.EVIDENCE_S3_FORCE_PATH_STYLE ?? ""),
      credentials:
        e.EVIDENCE_S3_ACCESS_KEY_ID && e.EVIDENCE_S3_SECRET_ACCESS_KEY
          ? { accessKeyId: e.EVIDENCE_S3_ACCESS_KEY_ID, secretAccessKey: e.EVIDENCE_S3_SECRET_ACCESS_KEY }
          : undefined,
    };
  }
  const dir = path.resolve(cwd, e.EVIDENCE_DIR ?? DEFAULT_EVIDENCE_DIR);
  const publicDir = path.resolve(cwd, "public");
  if (dir === publicDir || dir.startsWith(publicDir + path.sep)) {
    throw new Error("EVIDENCE_DIR must not be inside public/: files there are served to anyone.");
  }
  return { kind: "local", dir };
}
