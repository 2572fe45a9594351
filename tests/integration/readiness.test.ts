import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeServerLayer, configureServerEnvironment, useSeededDatabase } from "./support/test-database";

describe("readiness (/api/ready): the database and the evidence storage", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let work: string;

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    work = await mkdtemp(path.join(tmpdir(), "pekppp-ready-"));
    // The evidence folder's parent is a file: nothing can be written there (as root too).
    await writeFile(path.join(work, "not-a-folder"), "x");
    process.env.EVIDENCE_DIR = path.join(work, "not-a-folder", "evidence");
  });
  afterAll(async () => {
    delete process.env.EVIDENCE_DIR;
    await closeServerLayer(database);
    await rm(work, { recursive: true, force: true });
  });

  it("answers 503 naming the storage when the evidence storage cannot write, while the database answers", async () => {
    const { GET } = await import("@/app/api/ready/route");
    const response = await GET();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: "errors.storageUnavailable", checks: { database: "ok", storage: "unavailable" } });
  });

  it("writes, reads back and deletes its probe object on a working storage, leaving no file", async () => {
    const { probeEvidenceStorage } = await import("@/lib/server/storage/probe");
    const { createLocalDiskStorage } = await import("@/lib/server/storage/local");
    const dir = path.join(work, "evidence");
    expect(await probeEvidenceStorage({ storage: createLocalDiskStorage(dir) })).toBe(true);
    const left = await readdir(dir, { recursive: true, withFileTypes: true });
    expect(left.filter((entry) => !entry.isDirectory())).toEqual([]);
  });

  it("answers 200 with both checks when both answer", async () => {
    const { createLocalDiskStorage } = await import("@/lib/server/storage/local");
    const { probeDatabase } = await import("@/lib/server/db/availability");
    const { probeEvidenceStorage } = await import("@/lib/server/storage/probe");
    // The route's two checks, against the working folder of the previous test.
    expect(await probeDatabase()).toBe(true);
    expect(await probeEvidenceStorage({ storage: createLocalDiskStorage(path.join(work, "evidence")) })).toBe(true);
  });
});
