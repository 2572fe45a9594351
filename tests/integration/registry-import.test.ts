import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REGISTRY_HEADERS } from "@/lib/domain/registry";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { MINISTRIES_AND_AGENCIES, STATE_ENTERPRISES } from "@/prisma/seed/data/agencies";
import { PROVINCES } from "@/prisma/seed/data/regions";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

type Import = typeof import("@/lib/server/registry/import");
type Cells = [code: string, name: string, short: string, type: string, province: string, locus: string, service: string, address: string, active: string];

const csv = (rows: readonly (readonly string[])[], header: readonly string[] = REGISTRY_HEADERS) => ({
  name: "registri.csv",
  bytes: new Uint8Array(Buffer.from(stringify([header, ...rows]), "utf8")),
});

async function xlsx(rows: readonly (readonly string[])[]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Registri");
  sheet.addRow([...REGISTRY_HEADERS]);
  for (const row of rows) sheet.addRow([...row]);
  return { name: "registri.xlsx", bytes: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}

const GOOD: Cells[] = [
  ["UJI-KAB-52-A", "Kabupaten Uji A", "", "KABUPATEN", "Nusa Tenggara Barat", "Dinas Kependudukan Kabupaten Uji A", "ADMINISTRATIF", "Jl. Uji 1", "ya"],
  ["UJI-KAB-52-A", "Kabupaten Uji A", "", "KABUPATEN", "Nusa Tenggara Barat", "RSUD Kabupaten Uji A", "JASA", "", "ya"],
  ["UJI-KOTA-52-B", "Kota Uji B", "", "KOTA", "52", "Puskesmas Kota Uji B", "JASA", "", ""],
  ["UJI-KL-C", "Badan Uji C", "BUC", "K/L", "", "Unit Layanan Badan Uji C", "BARANG", "", "tidak"],
];
const BAD_ROW: Cells = ["UJI-KAB-99-D", "Kabupaten Uji D", "", "KABUPATEN", "Atlantis", "Dinas Sosial Kabupaten Uji D", "JASA", "", ""];

describe("registry import: dry run, one transaction, idempotence, export round trip", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let layer: Import;
  let admin: CurrentUser;

  const counts = async () =>
    (
      await client.query(`SELECT (SELECT count(*) FROM "Institution")::int AS institutions, (SELECT count(*) FROM "Locus")::int AS loci,
                                (SELECT count(*) FROM "AuditEvent")::int AS audit`)
    ).rows[0] as { institutions: number; loci: number; audit: number };

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    layer = await import("@/lib/server/registry/import");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    admin = (await loadDemoActors(client))["admin@pekppp.test"]!;
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  it("previews a file with errors row by row and writes nothing", async () => {
    const before = await counts();
    const preview = await layer.previewRegistryImport(admin, csv([...GOOD, BAD_ROW, GOOD[0]!]));
    expect(preview.ok).toBe(false);
    expect(preview.dataRows).toBe(6);
    expect(preview.errors).toEqual([
      { row: 6, column: "province", code: "provinceUnknown", value: "Atlantis" },
      { row: 7, column: "locusName", code: "duplicateLocus", value: "Dinas Kependudukan Kabupaten Uji A", otherRow: 2 },
    ]);
    expect(preview.counts).toEqual({ institutions: { create: 3, update: 0, unchanged: 0 }, loci: { create: 4, update: 0, unchanged: 0 } });
    expect(await counts()).toEqual(before);
  });

  it("refuses the whole file when one row is wrong: nothing is written", async () => {
    const before = await counts();
    const file = csv([...GOOD, BAD_ROW]);
    const { sha256 } = await layer.previewRegistryImport(admin, file);
    const outcome = await layer.applyRegistryImport(admin, file, sha256);
    expect(outcome).toMatchObject({ applied: false, preview: { ok: false, errorCount: 1 } });
    expect(await counts()).toEqual(before);
    expect((await client.query(`SELECT 1 FROM "Institution" WHERE code LIKE 'UJI-%'`)).rowCount).toBe(0);
  });

  it("refuses to apply a file other than the one previewed", async () => {
    const before = await counts();
    await expect(layer.applyRegistryImport(admin, csv(GOOD), "0".repeat(64))).rejects.toMatchObject({ messageKey: "registryImport.fileChanged" });
    expect(await counts()).toEqual(before);
  });

  it("applies a corrected file in one go, with an audit record for the import and for every change", async () => {
    const before = await counts();
    const file = csv(GOOD);
    const preview = await layer.previewRegistryImport(admin, file);
    expect(preview.ok).toBe(true);
    const outcome = await layer.applyRegistryImport(admin, file, preview.sha256);
    expect(outcome).toMatchObject({
      applied: true,
      counts: { institutions: { create: 3, update: 0, unchanged: 0 }, loci: { create: 4, update: 0, unchanged: 0 } },
    });
    const after = await counts();
    expect(after.institutions - before.institutions).toBe(3);
    expect(after.loci - before.loci).toBe(4);
    // One import record, three institution records, four locus records.
    expect(after.audit - before.audit).toBe(8);
    const kl = (
      await client.query(
        `SELECT i.id, i.type, i."shortName", i."provinceId", l."isActive", l."serviceType" FROM "Institution" i JOIN "Locus" l ON l."institutionId" = i.id WHERE i.code = 'UJI-KL-C'`,
      )
    ).rows[0];
    expect(kl).toMatchObject({ type: "KL", shortName: "BUC", provinceId: null, isActive: false, serviceType: "BARANG" });
    const city = (await client.query(`SELECT p.code FROM "Institution" i JOIN "Province" p ON p.id = i."provinceId" WHERE i.code = 'UJI-KOTA-52-B'`)).rows[0];
    expect(city.code).toBe("52");
    const audit = (await client.query(`SELECT action, "actorId", after FROM "AuditEvent" WHERE "entityType" = 'Institution' AND "entityId" = $1`, [kl.id]))
      .rows;
    expect(audit).toEqual([
      { action: "institution.create", actorId: admin.id, after: { code: "UJI-KL-C", name: "Badan Uji C", shortName: "BUC", type: "KL", provinceCode: null } },
    ]);
    const summary = (await client.query(`SELECT after FROM "AuditEvent" WHERE action = 'registry.import' ORDER BY id DESC LIMIT 1`)).rows[0];
    expect(summary.after).toMatchObject({ fileName: "registri.csv", rows: 4 });
  });

  it("re-imports the same file without creating duplicates, and updates only what changed", async () => {
    const before = await counts();
    const file = csv(GOOD);
    const again = await layer.previewRegistryImport(admin, file);
    expect(again.counts).toEqual({ institutions: { create: 0, update: 0, unchanged: 3 }, loci: { create: 0, update: 0, unchanged: 4 } });
    await layer.applyRegistryImport(admin, file, again.sha256);
    const after = await counts();
    expect([after.institutions, after.loci]).toEqual([before.institutions, before.loci]);

    const changed = csv([...GOOD.slice(0, 3), ["UJI-KL-C", "Badan Uji C", "BUC", "KL", "", "Unit Layanan Badan Uji C", "BARANG", "Jl. Baru 2", "ya"]]);
    const preview = await layer.previewRegistryImport(admin, changed);
    expect(preview.counts.loci).toEqual({ create: 0, update: 1, unchanged: 3 });
    expect(preview.locusChanges[0]!.changes).toEqual([
      { field: "address", before: null, after: "Jl. Baru 2" },
      { field: "isActive", before: false, after: true },
    ]);
    expect(await layer.applyRegistryImport(admin, changed, preview.sha256)).toMatchObject({ applied: true });
    const locus = (await client.query(`SELECT id, address, "isActive" FROM "Locus" WHERE name = 'Unit Layanan Badan Uji C'`)).rows[0];
    expect(locus).toMatchObject({ address: "Jl. Baru 2", isActive: true });
    const audit = (await client.query(`SELECT before, after FROM "AuditEvent" WHERE action = 'locus.update' AND "entityId" = $1`, [locus.id])).rows;
    expect(audit).toEqual([{ before: { address: null, isActive: false }, after: { address: "Jl. Baru 2", isActive: true } }]);
  });

  it("exports the whole registry as CSV and XLSX that re-import with zero changes", async () => {
    const { registryFileResponse } = await import("@/lib/server/registry/export");
    const rows = await layer.registryExportRows(admin, {});
    const total = (await counts()).institutions;
    expect(new Set(rows.map((r) => r.institutionCode)).size).toBe(total);
    for (const format of ["csv", "xlsx"] as const) {
      const response = await registryFileResponse(rows, format, "registri");
      const preview = await layer.previewRegistryImport(admin, { name: `registri.${format}`, bytes: new Uint8Array(await response.arrayBuffer()) });
      expect(preview.format).toBe(format);
      expect(preview.errors).toEqual([]);
      expect(preview.counts.institutions).toEqual({ create: 0, update: 0, unchanged: total });
      expect(preview.counts.loci.create + preview.counts.loci.update).toBe(0);
    }
  });

  it("reads an XLSX file and a semicolon-separated CSV like the comma one", async () => {
    const fromXlsx = await layer.previewRegistryImport(admin, await xlsx([...GOOD, BAD_ROW]));
    const semicolon = { name: "r.csv", bytes: new Uint8Array(Buffer.from([REGISTRY_HEADERS, ...GOOD, BAD_ROW].map((r) => r.join(";")).join("\r\n"), "utf8")) };
    const fromSemicolon = await layer.previewRegistryImport(admin, semicolon);
    for (const preview of [fromXlsx, fromSemicolon]) {
      expect(preview.errors).toEqual([{ row: 6, column: "province", code: "provinceUnknown", value: "Atlantis" }]);
      expect(preview.counts.institutions).toEqual({ create: 0, update: 0, unchanged: 3 });
    }
  });

  it("names a file that is not a table at all", async () => {
    const preview = await layer.previewRegistryImport(admin, { name: "x.csv", bytes: new Uint8Array(Buffer.from('kode_instansi,"nama\n')) });
    expect(preview).toMatchObject({ ok: false, fileProblems: [{ code: "unreadable" }] });
    const missing = await layer.previewRegistryImport(admin, csv([], ["kode_instansi", "nama_instansi"]));
    expect(missing.fileProblems.map((p) => p.code)).toContain("missingColumn");
  });

  it("imports every regional government and ministry of the country in one file (≈ 2,000 rows)", async () => {
    const rows: Cells[] = [];
    const slug = (s: string) =>
      s
        .normalize("NFKD")
        .replace(/[^A-Za-z0-9]+/g, "-")
        .replace(/^-|-$/g, "")
        .toUpperCase();
    for (const agency of [...MINISTRIES_AND_AGENCIES, ...STATE_ENTERPRISES]) {
      for (const [n, service] of ["ADMINISTRATIF", "JASA", "BARANG", "JASA"].entries()) {
        rows.push([
          `NAS-${agency.kind}-${slug(agency.shortName)}`,
          agency.name,
          agency.shortName,
          agency.kind,
          "",
          `Unit Layanan ${n + 1} ${agency.shortName}`,
          service,
          "",
          "ya",
        ]);
      }
    }
    for (const province of PROVINCES) {
      const regions = [{ name: province.name, kind: "PROVINSI" }, ...province.regions];
      for (const region of regions) {
        for (const [service, unit] of [
          ["ADMINISTRATIF", "Mal Pelayanan Publik"],
          ["JASA", "Rumah Sakit Umum Daerah"],
          ["BARANG", "Dinas Pertanian"],
        ]) {
          rows.push([`NAS-${province.code}-${slug(region.name)}`, region.name, "", region.kind, province.code, `${unit} ${region.name}`, service!, "", "ya"]);
        }
      }
    }
    expect(rows.length).toBeGreaterThanOrEqual(1_900);
    const file = csv(rows);
    let started = performance.now();
    const preview = await layer.previewRegistryImport(admin, file);
    const previewMs = performance.now() - started;
    expect(preview.errors).toEqual([]);
    started = performance.now();
    const outcome = await layer.applyRegistryImport(admin, file, preview.sha256);
    const applyMs = performance.now() - started;
    expect(outcome).toMatchObject({ applied: true, dataRows: rows.length, counts: { loci: { create: rows.length } } });
    started = performance.now();
    const again = await layer.previewRegistryImport(admin, file);
    const againMs = performance.now() - started;
    expect(again.counts.loci).toEqual({ create: 0, update: 0, unchanged: rows.length });
    // Figures for the README, never a timed assertion.
    console.info(
      `registry import of ${rows.length} rows (${preview.counts.institutions.create} institutions): preview ${previewMs.toFixed(0)} ms, apply ${applyMs.toFixed(0)} ms, re-preview ${againMs.toFixed(0)} ms`,
    );
  });
});
