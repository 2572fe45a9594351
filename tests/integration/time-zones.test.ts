import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, palembangDraftLocus, useSeededDatabase } from "./support/test-database";

// Times are stored as UTC wall-clock times (`timestamp(3)`, as Prisma writes them). A ministry's own
// PostgreSQL often has its server's zone as `timezone` (Debian's initdb takes it from the system),
// and its application server runs in WIB: the portal's sessions, stage dates and written times must
// not move with either. Papua's zone (UTC+9) here, so a shift would overrun both an 8-hour session
// and a stage that ends in 3 hours; the process itself in Jakarta's.
const DATABASE_ZONE = "Asia/Jayapura";
const PROCESS_ZONE = "Asia/Jakarta";
const HOUR = 3_600_000;

describe("sessions, stage dates and stored times in a database and a process outside UTC", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let actors: Record<string, CurrentUser>;
  let draftId: string;
  let cycleId: string;
  const zoneBefore = process.env.TZ;

  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const evaluator = () => actors["evaluator.palembang@pekppp.test"]!;

  beforeAll(async () => {
    database = await useSeededDatabase();
    const owner = new pg.Client({ connectionString: database.ownerUrl });
    await owner.connect();
    await owner.query(`ALTER DATABASE "${database.name}" SET timezone TO '${DATABASE_ZONE}'`);
    await owner.end();
    process.env.TZ = PROCESS_ZONE;
    configureServerEnvironment(database.url);
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    ({ cycleId, draftId } = await palembangDraftLocus(client));
  });
  afterAll(async () => {
    if (zoneBefore === undefined) delete process.env.TZ;
    else process.env.TZ = zoneBefore;
    await client.end();
    await closeServerLayer(database);
  });

  it("the test's own connection does run in the database's zone (the setting took)", async () => {
    expect((await one(`SELECT current_setting('TimeZone') AS zone`)).zone).toBe(DATABASE_ZONE);
    expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(-420);
  });

  it("the portal's connections compare and write times in UTC, through Prisma and through the plain pool", async () => {
    const { db } = await import("@/lib/server/db/client");
    const { pgPool } = await import("@/lib/server/db/pg-pool");
    expect((await db.$queryRaw<{ zone: string }[]>`SELECT current_setting('TimeZone') AS zone`)[0]!.zone).toBe("UTC");
    expect((await pgPool.query<{ zone: string }>(`SELECT current_setting('TimeZone') AS zone`)).rows[0]!.zone).toBe("UTC");
    // A date sent by the plain pool is stored as its UTC time, and read back as the same instant.
    const instant = new Date("2026-12-10T16:59:59.000Z");
    const { rows } = await pgPool.query<{ text: string; back: Date }>(`SELECT $1::timestamp(3)::text AS text, $1::timestamp(3) AS back`, [instant]);
    expect(rows[0]).toEqual({ text: "2026-12-10 16:59:59", back: instant });
  });

  it("an evaluator signed in just now saves while the stage ends in 3 hours, and the saved time is now", async () => {
    const { db } = await import("@/lib/server/db/client");
    const { startUserSession } = await import("@/lib/server/auth/sessions");
    const { trySaveInOneStatement } = await import("@/lib/server/assessment/self-assessment");
    await db.cycleStage.updateMany({
      where: { cycleId, kind: "SELF_ASSESSMENT" },
      data: { startsAt: new Date(Date.now() - 240 * HOUR), endsAt: new Date(Date.now() + 3 * HOUR) },
    });
    const sessionId = await startUserSession(evaluator().id);
    const { sessionVersion } = await one(`SELECT "sessionVersion" FROM "User" WHERE id = $1`, [evaluator().id]);
    const before = Date.now();
    const saved = await trySaveInOneStatement(
      { ...evaluator(), sessionVersion, sessionId },
      draftId,
      { indicatorCode: "2.a.P", level: 3, justification: "Disimpan di WIT.", baseVersion: (await versionOf("2.a.P")) ?? 0 },
      { ipAddress: null, userAgent: null },
    );
    expect(saved).toMatchObject({ level: 3, justification: "Disimpan di WIT." });
    // As the plain pool reads it, and as Prisma reads the same row: the instant of the save.
    expect(Math.abs(new Date(saved!.updatedAt).getTime() - before)).toBeLessThan(60_000);
    const stored = await db.selfAnswer.findFirst({ where: { assessmentId: draftId, indicator: { code: "2.a.P" } }, select: { updatedAt: true } });
    expect(Math.abs(stored!.updatedAt.getTime() - before)).toBeLessThan(60_000);
  });

  it("the careful path, which reads the stage's dates and judges them in the process, also sees the stage open", async () => {
    const { saveWithDiagnosis } = await import("@/lib/server/assessment/self-assessment");
    const careful = await saveWithDiagnosis(
      evaluator(),
      draftId,
      { indicatorCode: "3.a.T", level: 2, justification: "Jalur cermat.", baseVersion: (await versionOf("3.a.T")) ?? 0 },
      { ipAddress: null, userAgent: null },
    );
    expect(careful).toMatchObject({ ok: true, answer: { level: 2 } });
  });

  it("the stage is closed once its end has passed, however near", async () => {
    const { db } = await import("@/lib/server/db/client");
    const { trySaveInOneStatement } = await import("@/lib/server/assessment/self-assessment");
    await db.cycleStage.updateMany({ where: { cycleId, kind: "SELF_ASSESSMENT" }, data: { endsAt: new Date(Date.now() - 60_000) } });
    const saved = await trySaveInOneStatement(
      { ...evaluator(), sessionVersion: null, sessionId: null },
      draftId,
      { indicatorCode: "2.a.P", level: 4, justification: "Terlambat.", baseVersion: (await versionOf("2.a.P")) ?? 0 },
      { ipAddress: null, userAgent: null },
    );
    expect(saved).toBeNull();
  });

  it("published times read through the plain pool are the instants Prisma reads", async () => {
    const { db } = await import("@/lib/server/db/client");
    const { listPublishedCycles } = await import("@/lib/server/results/published");
    const plain = await listPublishedCycles();
    expect(plain.length).toBeGreaterThan(0);
    for (const cycle of plain) {
      const viaPrisma = await db.cycle.findUniqueOrThrow({ where: { id: cycle.id }, select: { publishedAt: true } });
      expect(cycle.publishedAt?.toISOString()).toBe(viaPrisma.publishedAt?.toISOString());
    }
  });

  async function versionOf(code: string): Promise<number | undefined> {
    return (
      await one(`SELECT s.version FROM "SelfAnswer" s JOIN "InstrumentIndicator" i ON i.id = s."indicatorId" WHERE s."assessmentId" = $1 AND i.code = $2`, [
        draftId,
        code,
      ])
    )?.version;
  }
});
