import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

/** Issue 19 item 11: the verifier's queue opens on the work to do; final loci are behind a tab. */
describe("verifier queue views", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let queue: typeof import("@/lib/server/verification/queue");
  let verifier: CurrentUser;
  let cycleId: string;

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    queue = await import("@/lib/server/verification/queue");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    verifier = (await loadDemoActors(client))["verifikator@pekppp.test"]!;
    cycleId = (await client.query(`SELECT id FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL`)).rows[0].id;
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  it("TODO lists only submitted and in-review loci, ALL (or no view) every status, each with its count", async () => {
    const todo = await queue.loadVerifierQueue(verifier, cycleId, { status: "TODO", page: 1 });
    const all = await queue.loadVerifierQueue(verifier, cycleId, { status: "ALL", page: 1 });
    const none = await queue.loadVerifierQueue(verifier, cycleId, { page: 1 });
    expect(todo.rows.length).toBeGreaterThan(0);
    expect(todo.rows.every((r) => r.status === "SUBMITTED" || r.status === "IN_REVIEW")).toBe(true);
    expect(todo.total).toBe((todo.countsByStatus.SUBMITTED ?? 0) + (todo.countsByStatus.IN_REVIEW ?? 0));
    expect(todo.todo).toBe(todo.total);
    expect(all.total).toBe(all.all);
    expect(all.rows.some((r) => r.status === "FINAL")).toBe(true);
    expect(none.total).toBe(all.total);
    const final = await queue.loadVerifierQueue(verifier, cycleId, { status: "FINAL", page: 1 });
    expect(final.rows.length).toBeGreaterThan(0);
    expect(final.rows.every((r) => r.status === "FINAL")).toBe(true);
  });
});
