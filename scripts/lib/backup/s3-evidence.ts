import { HeadObjectCommand, ListObjectVersionsCommand, S3Client } from "@aws-sdk/client-s3";
import type { EvidenceStorageConfig } from "../../../lib/server/storage/config";
import { UserFacingError } from "../errors";
import type { Manifest } from "./manifest";

type S3Config = Extract<EvidenceStorageConfig, { kind: "s3" }>;
type S3Evidence = Extract<Manifest["evidence"], { kind: "s3" }>;

/**
 * NOT EXERCISED HERE (no S3 server on this machine). With S3 the evidence stays in the bucket:
 * the backup records the current version of every object (keep versioning on in the bucket, so a
 * deleted or overwritten object can be brought back by its version), and the restore checks that
 * each one is still there.
 */
function clientFor(config: S3Config) {
  return new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials: config.credentials,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

export async function listS3Versions(config: S3Config): Promise<S3Evidence> {
  const client = clientFor(config);
  const objects: S3Evidence["objects"] = [];
  let KeyMarker: string | undefined;
  let VersionIdMarker: string | undefined;
  do {
    const page = await client.send(new ListObjectVersionsCommand({ Bucket: config.bucket, KeyMarker, VersionIdMarker }));
    for (const version of page.Versions ?? []) {
      if (!version.IsLatest || !version.Key) continue;
      objects.push({
        key: version.Key,
        versionId: version.VersionId && version.VersionId !== "null" ? version.VersionId : null,
        etag: version.ETag ?? null,
        size: version.Size ?? 0,
      });
    }
    KeyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    VersionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (KeyMarker);
  return { kind: "s3", bucket: config.bucket, endpoint: config.endpoint ?? null, objects };
}

/** Every recorded object must still be in the bucket (at its recorded version when there is one). */
export async function checkS3Versions(config: S3Config, evidence: S3Evidence) {
  if (config.bucket !== evidence.bucket) {
    throw new UserFacingError(`Cadangan mencatat bukti di bucket ${evidence.bucket}, tetapi EVIDENCE_S3_BUCKET adalah ${config.bucket}.`);
  }
  const client = clientFor(config);
  const missing: string[] = [];
  for (const object of evidence.objects) {
    try {
      await client.send(new HeadObjectCommand({ Bucket: config.bucket, Key: object.key, VersionId: object.versionId ?? undefined }));
    } catch {
      missing.push(object.key);
    }
  }
  if (missing.length > 0) {
    throw new UserFacingError(
      `${missing.length} objek bukti yang tercatat di cadangan tidak ada di bucket ${config.bucket} (mis. ${missing.slice(0, 3).join(", ")}).`,
    );
  }
}
