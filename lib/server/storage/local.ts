import "server-only";
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { assertStorageKey, type EvidenceStorage } from "./storage";

/** Evidence on the local disk under `root` (outside public/, see config.ts). */
export function createLocalDiskStorage(root: string): EvidenceStorage {
  const fileOf = (key: string) => {
    assertStorageKey(key);
    const file = path.resolve(root, ...key.split("/"));
    if (!file.startsWith(path.resolve(root) + path.sep)) throw new Error(`Storage key escapes the evidence folder: ${key}`);
    return file;
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
      const file = fileOf(key);
      try {
        const { size } = await stat(file);
        return { body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>, size };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(fileOf(key), { force: true });
    },
  };
}
