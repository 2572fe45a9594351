import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { z } from "zod";

/**
 * What a backup archive holds (`npm run db:backup`), described by its manifest.json:
 *
 *   manifest.json            this description, with the SHA-256 of every other file
 *   SHA256SUMS               the same checksums in `sha256sum -c` form (manifest.json included)
 *   migrations/<name>/migration.sql   the schema: the migrations the database had applied
 *   database/<table>.copy    each table's rows in PostgreSQL's COPY text format, all read in one
 *                            REPEATABLE READ snapshot (what pg_dump does), so they agree
 *   evidence/<key>           the evidence files (local disk); with S3 the manifest lists the
 *                            bucket's objects and their versions instead
 */
export const BACKUP_FORMAT = "pekppp-backup";
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_FILE = "manifest.json";
export const CHECKSUM_FILE = "SHA256SUMS";

const ZSha256 = z.string().regex(/^[0-9a-f]{64}$/);
/** A path inside the archive: plain segments, never absolute or "..". */
const ZArchivePath = z.string().regex(/^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._\-/]+$/);

const ZFileEntry = z.object({ path: ZArchivePath, size: z.number().int().nonnegative(), sha256: ZSha256 });

export const ZManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  createdAt: z.string(),
  portalVersion: z.string(),
  database: z.object({
    serverVersion: z.string(),
    migrations: z.array(z.object({ name: z.string(), checksum: ZSha256, file: ZFileEntry })),
    tables: z.array(z.object({ name: z.string(), columns: z.array(z.string()), rows: z.number().int().nonnegative(), file: ZFileEntry })),
    sequences: z.array(z.object({ name: z.string(), lastValue: z.string(), isCalled: z.boolean() })),
  }),
  evidence: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("local"), files: z.array(z.object({ key: z.string(), file: ZFileEntry })) }),
    z.object({
      kind: z.literal("s3"),
      bucket: z.string(),
      endpoint: z.string().nullable(),
      /** The current version of every object when the backup was taken (null: the bucket keeps no versions). */
      objects: z.array(z.object({ key: z.string(), versionId: z.string().nullable(), etag: z.string().nullable(), size: z.number().int().nonnegative() })),
    }),
  ]),
});
export type Manifest = z.infer<typeof ZManifest>;
export type FileEntry = z.infer<typeof ZFileEntry>;

/** SHA-256 and size of a file, read as a stream. */
export function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    let size = 0;
    createReadStream(file)
      .on("data", (chunk) => {
        hash.update(chunk);
        size += chunk.length;
      })
      .on("error", reject)
      .on("end", () => resolve({ sha256: hash.digest("hex"), size }));
  });
}

/** Every file entry the manifest names. */
export function manifestFiles(manifest: Manifest): FileEntry[] {
  return [
    ...manifest.database.migrations.map((m) => m.file),
    ...manifest.database.tables.map((t) => t.file),
    ...(manifest.evidence.kind === "local" ? manifest.evidence.files.map((f) => f.file) : []),
  ];
}
