import "server-only";
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { copyFile, mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { assertStorageKey, type EvidenceStorage } from "./storage";

/** The folder of cold objects under the evidence folder: mount it on cheaper storage (docs/deploy.md). Backups include it. */
export const COLD_FOLDER = "cold";

/** Evidence on the local disk under `root` (outside public/, see config.ts); cold objects under `root/cold`. */
export function createLocalDiskStorage(root: string): EvidenceStorage {
  const fileUnder = (base: string, key: string) => {
    assertStorageKey(key);
    const file = path.resolve(base, ...key.split("/"));
    if (!file.startsWith(path.resolve(base) + path.sep)) throw new Error(`Storage key escapes the evidence folder: ${key}`);
    return file;
  };
  const fileOf = (key: string) => fileUnder(root, key);
  const coldFileOf = (key: string) => fileUnder(path.join(root, COLD_FOLDER), key);
  const readable = async (file: string) => {
    try {
      const { size } = await stat(file);
      return { body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>, size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  };

  return {
    kind: "local",
    async put(key, bytes) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Written under a temporary name, then renamed: a reader never sees half a file.
      const partial = `${file}.${randomUUID()}.part`;
      try {
        await writeFile(partial, bytes, { flag: "wx", mode: 0o640 });
        await rename(partial, file);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    },
    async get(key) {
      return (await readable(fileOf(key))) ?? readable(coldFileOf(key));
    },
    async delete(key) {
      await Promise.all([rm(fileOf(key), { force: true }), rm(coldFileOf(key), { force: true })]);
    },
    async moveToCold(key) {
      const [hot, cold] = [fileOf(key), coldFileOf(key)];
      await mkdir(path.dirname(cold), { recursive: true });
      try {
        // Copied, then the hot file removed: a reader finds one of the two at every moment, even
        // when the cold folder is another file system (where a rename would fail).
        await copyFile(hot, cold);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
        throw error;
      }
      await rm(hot, { force: true });
    },
  };
}
