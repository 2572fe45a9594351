import "server-only";
import { env } from "@/lib/env";
import { evidenceStorageConfig, type EvidenceStorageConfig, type EvidenceStorageVariables } from "./config";
import { createLocalDiskStorage } from "./local";
import type { EvidenceStorage } from "./storage";

export type { EvidenceStorage, StoredObject } from "./storage";
export { evidenceStorageConfig, type EvidenceStorageConfig, type EvidenceStorageVariables } from "./config";

/** The backend for a configuration. The S3 client is loaded only when S3 is configured. */
export async function createEvidenceStorage(config: EvidenceStorageConfig): Promise<EvidenceStorage> {
  if (config.kind === "local") return createLocalDiskStorage(config.dir);
  const { createS3Storage } = await import("./s3");
  return createS3Storage(config);
}

let current: { signature: string; storage: Promise<EvidenceStorage> } | undefined;

/** The configured evidence storage (lib/env.ts by default), made once per configuration. */
export function evidenceStorage(vars: EvidenceStorageVariables = env): Promise<EvidenceStorage> {
  const config = evidenceStorageConfig(vars);
  const signature = JSON.stringify(config);
  if (current?.signature !== signature) {
    const storage = createEvidenceStorage(config);
    current = { signature, storage };
    storage.catch(() => {
      if (current?.storage === storage) current = undefined;
    });
  }
  return current.storage;
}
