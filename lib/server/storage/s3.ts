import "server-only";
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, type StorageClass } from "@aws-sdk/client-s3";
import type { EvidenceStorageConfig } from "./config";
import { assertStorageKey, type EvidenceStorage } from "./storage";

/** Evidence in an S3-compatible bucket (AWS S3, MinIO, Ceph, …). The bucket must not be public. */
export function createS3Storage(config: Extract<EvidenceStorageConfig, { kind: "s3" }>): EvidenceStorage {
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials: config.credentials,
    // Checksums only where S3 requires them: many S3-compatible servers reject the newer defaults.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const Bucket = config.bucket;

  return {
    kind: "s3",
    async put(key, bytes, contentType) {
      assertStorageKey(key);
      await client.send(new PutObjectCommand({ Bucket, Key: key, Body: bytes, ContentType: contentType, ContentLength: bytes.byteLength }));
    },
    async get(key) {
      assertStorageKey(key);
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        if (!object.Body) return null;
        return { body: object.Body.transformToWebStream() as ReadableStream<Uint8Array>, size: object.ContentLength ?? null };
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return null;
        throw error;
      }
    },
    async delete(key) {
      assertStorageKey(key);
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
    async moveToCold(key) {
      assertStorageKey(key);
      // Copied onto itself in the cold storage class (by default Glacier Instant Retrieval, which
      // `get` still reads at once); with versioning the hot version stays until its lifecycle rule.
      try {
        await client.send(
          new CopyObjectCommand({
            Bucket,
            Key: key,
            CopySource: `${Bucket}/${key.split("/").map(encodeURIComponent).join("/")}`,
            StorageClass: config.coldStorageClass as StorageClass,
            MetadataDirective: "COPY",
          }),
        );
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return;
        throw error;
      }
    },
  };
}
