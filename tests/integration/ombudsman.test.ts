import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OMBUDSMAN_COLUMNS, pearsonCorrelation } from "@/lib/domain/ombudsman";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

type Import = typeof import("@/lib/server/ombudsman/import");
type Comparison = typeof import("@/lib/server/ombudsman/comparison");
const HEADER = OMBUDSMAN_COLUMNS.map((c) => c.header);

const csv = (rows: readonly (readonly string[])[]) => ({ name: "ombudsman.csv", bytes: new Uint8Array(Buffer.from(stringify([HEADER, ...rows]), "utf8")) });

/** Deterministic scores 40.00–99.xx and the zone a 2021-or-earlier band would give (later years are unchecked anyway). */
const scoreOf = (i: number) => 4000 + ((i * 1373) % 6000);
const zoneOf = (h: number) => (h >= 8100 ? "hijau" : h >= 5100 ? "kuning" : "merah");
const text = (h: number) => `${Math.trunc(h / 100)},${String(h % 100).padStart(2, "0")}`;

describe("Ombudsman import (dry run, apply, idempotence) and the side-by-side comparison", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let layer: Import;
  let comparison: Comparison;
  let admin: CurrentUser;
  let head: CurrentUser;
  let cycle: { id: string; year: number };
  let institutions: { id: string; code: string; index: string }[];
  let rows: string[][];

  const counts = async () =>
    (
      await client.query(`SELECT (SELECT count(*) FROM "OmbudsmanResult")::int AS results,
                                 (SELECT count(*) FROM "AuditEvent" WHERE action LIKE 'ombudsman.%')::int AS audit`)
    ).rows[0] as { results: number; audit: number };

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    layer = await import("@/lib/server/ombudsman/import");
    comparison = await import("@/lib/server/ombudsman/comparison");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const actors = await loadDemoActors(client);
    admin = actors["admin@pekppp.test"]!;
    head = actors["pimpinan.palembang@pekppp.test"]!;
    cycle = (await client.query(`SELECT id, year FROM "Cycle" WHERE "publishedAt" IS NOT NULL AND "ownerInstitutionId" IS NULL ORDER BY year DESC LIMIT 1`))
      .rows[0];
    institutions = (
      await client.query(
        `SELECT i.id, i.code, r."indexPublished"::text AS index FROM "InstitutionResult" r JOIN "Institution" i ON i.id = r."institutionId"
          WHERE r."cycleId" = $1 AND r.kind = 'VERIFIED' ORDER BY i.code LIMIT 12`,
        [cycle.id],
      )
    ).rows;
    rows = institutions.map((i, n) => [i.code.toLowerCase(), "", String(cycle.year), text(scoreOf(n)), zoneOf(scoreOf(n)), String(n + 1)]);
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  it("has a published cycle with institution results to compare", () => {
    expect(institutions.length).toBeGreaterThanOrEqual(3);
  });

  it("previews a file with bad rows, each with its reason, and writes nothing", async () => {
    const before = await counts();
    const preview = await layer.previewOmbudsmanImport(
      admin,
      csv([
        ...rows,
        ["TIDAK-ADA", "", String(cycle.year), "70", "kuning", ""],
        [rows[0]![0]!, "", "2020", "60,00", "hijau", ""],
        [rows[1]![0]!, "", "2020", "", "", "x"],
      ]),
    );
    expect(preview.ok).toBe(false);
    expect(preview.errors).toEqual([
      { row: rows.length + 2, column: "institutionCode", code: "institutionUnknown", value: "TIDAK-ADA" },
      { row: rows.length + 3, column: "zone", code: "zoneMismatch", value: "hijau", expected: "YELLOW" },
      { row: rows.length + 4, column: "score", code: "required" },
      { row: rows.length + 4, column: "zone", code: "required" },
      { row: rows.length + 4, column: "rank", code: "rankInvalid", value: "x" },
    ]);
    expect(await counts()).toEqual(before);
    const refused = await layer.applyOmbudsmanImport(admin, csv([...rows, ["TIDAK-ADA", "", String(cycle.year), "70", "kuning", ""]]), preview.sha256);
    expect(refused).toMatchObject({ applied: false, preview: { ok: false, errorCount: 1 } });
    expect(await counts()).toEqual(before);
  });

  it("refuses a file other than the one previewed, and anyone but an admin", async () => {
    await expect(layer.applyOmbudsmanImport(admin, csv(rows), "0".repeat(64))).rejects.toMatchObject({ messageKey: "registryImport.fileChanged" });
    await expect(layer.previewOmbudsmanImport(head, csv(rows))).rejects.toMatchObject({ messageKey: "errors.notFound" });
    expect(await comparison.ombudsmanComparison(head, cycle.id)).toBeNull();
  });

  it("applies a good file (dry run first), audits each result, and a second import changes nothing", async () => {
    const before = await counts();
    const file = csv(rows);
    const preview = await layer.previewOmbudsmanImport(admin, file);
    expect(preview).toMatchObject({ ok: true, counts: { create: rows.length, update: 0, unchanged: 0 } });
    expect(await counts()).toEqual(before);
    expect(await layer.applyOmbudsmanImport(admin, file, preview.sha256)).toMatchObject({ applied: true, counts: { create: rows.length } });
    const after = await counts();
    expect(after.results - before.results).toBe(rows.length);
    expect(after.audit - before.audit).toBe(rows.length + 1);
    const stored = (
      await client.query(`SELECT score::text, zone, rank, "importedById" FROM "OmbudsmanResult" WHERE "institutionId" = $1`, [institutions[0]!.id])
    ).rows[0];
    expect(stored).toEqual({
      score: (scoreOf(0) / 100).toFixed(2),
      zone: { hijau: "GREEN", kuning: "YELLOW", merah: "RED" }[zoneOf(scoreOf(0))],
      rank: 1,
      importedById: admin.id,
    });

    const again = await layer.previewOmbudsmanImport(admin, file);
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: rows.length });
    await layer.applyOmbudsmanImport(admin, file, again.sha256);
    const third = await counts();
    expect(third.results).toBe(after.results);
    expect((await client.query(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE action IN ('ombudsman.create', 'ombudsman.update')`)).rows[0].n).toBe(
      rows.length,
    );
  });

  it("reads XLSX too, and updates only the changed result with its before and after", async () => {
    const changed = rows.map((r, n) => (n === 0 ? [r[0]!, "", r[2]!, "45,5", "merah", ""] : r));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Ombudsman");
    sheet.addRow(HEADER);
    for (const row of changed) sheet.addRow(row);
    const file = { name: "ombudsman.xlsx", bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
    const preview = await layer.previewOmbudsmanImport(admin, file);
    expect(preview).toMatchObject({ format: "xlsx", ok: true, counts: { create: 0, update: 1, unchanged: rows.length - 1 } });
    expect(await layer.applyOmbudsmanImport(admin, file, preview.sha256)).toMatchObject({ applied: true });
    const audit = (await client.query(`SELECT before, after FROM "AuditEvent" WHERE action = 'ombudsman.update'`)).rows;
    expect(audit).toEqual([
      {
        before: { score: (scoreOf(0) / 100).toFixed(2), zone: expect.any(String), rank: 1 },
        after: { institutionId: institutions[0]!.id, year: cycle.year, score: "45.50", zone: "RED", rank: null },
      },
    ]);
    rows = changed;
  });

  it("sets every institution's index beside its Ombudsman score, with the exact correlation", async () => {
    const view = (await comparison.ombudsmanComparison(admin, cycle.id))!;
    expect(view.cycle).toMatchObject({ id: cycle.id, year: cycle.year });
    expect(view.points).toHaveLength(institutions.length);
    const byId = new Map(view.points.map((p) => [p.institutionId, p]));
    const pairs = institutions.map((i, n) => {
      const point = byId.get(i.id)!;
      expect(point.indexText).toBe(i.index);
      const score = n === 0 ? 4550 : scoreOf(n);
      expect(point.score).toBe(score);
      return { x: Math.round(Number(i.index) * 100), y: score };
    });
    const r = pearsonCorrelation(pairs).hundredths!;
    expect(view.correlation).toBe(`${r < 0 ? "-" : ""}${(Math.abs(r) / 100).toFixed(2)}`);
    expect(view.withoutIndex).toBe(0);
    expect((await comparison.comparableCycles(admin)).map((c) => c.id)).toContain(cycle.id);
  });

  it("shows one institution's result to its own head and on a published cycle, to nobody else", async () => {
    const palembang = (await client.query(`SELECT "institutionId" AS id FROM "User" WHERE id = $1`, [head.id])).rows[0].id as string;
    await client.query(
      `INSERT INTO "OmbudsmanResult" ("institutionId", year, score, zone) VALUES ($1, $2, 91.25, 'GREEN') ON CONFLICT ("institutionId", year) DO UPDATE SET score = 91.25, zone = 'GREEN', rank = NULL`,
      [palembang, cycle.year],
    );
    expect(await comparison.headOmbudsman(head, palembang, cycle.year)).toEqual({
      year: cycle.year,
      score: "91.25",
      zone: "GREEN",
      rank: null,
    });
    const other = institutions.find((i) => i.id !== palembang)!;
    expect(await comparison.headOmbudsman(head, other.id, cycle.year)).toBeNull();
    expect(await comparison.publishedOmbudsman(cycle.id, palembang)).toMatchObject({ score: "91.25" });
    const current = (await client.query(`SELECT id, year FROM "Cycle" WHERE "publishedAt" IS NULL ORDER BY year DESC LIMIT 1`)).rows[0];
    await client.query(`INSERT INTO "OmbudsmanResult" ("institutionId", year, score, zone) VALUES ($1, $2, 70, 'YELLOW') ON CONFLICT DO NOTHING`, [
      palembang,
      current.year,
    ]);
    expect(await comparison.headOmbudsman(head, palembang, current.year)).toMatchObject({ score: "70.00" });
    expect(await comparison.publishedOmbudsman(current.id, palembang)).toBeNull();
  });
});
