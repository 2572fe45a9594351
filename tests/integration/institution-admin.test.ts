import { stringify } from "csv-stringify/sync";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

type Manager = CurrentUser & { email: string };

const HEADER = ["kode_instansi", "nama_instansi", "jenis_instansi", "provinsi", "nama_lokus", "jenis_layanan", "induk_unit", "jenis_unit"];
const csv = (rows: readonly (readonly string[])[]) => ({ name: "unit.csv", bytes: new Uint8Array(Buffer.from(stringify([HEADER, ...rows]), "utf8")) });

/**
 * Issue 16: an institution admin's own work. Its units (create, edit, import) and the assignments
 * of its own cycles, scoped in the query: another institution's unit, cycle or assignment is "not
 * found"; it never creates an institution; a ministry cycle takes ministry verifiers only and an
 * institution's cycle its own internal team only.
 */
describe("institution admin: its own units and assignments", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let registry: typeof import("@/lib/server/registry/institutions");
  let registryImport: typeof import("@/lib/server/registry/import");
  let assignments: typeof import("@/lib/server/users/assignments");
  let users: typeof import("@/lib/server/users/users");
  let actors: Record<string, CurrentUser>;
  let kemenkesId: string;
  let sumselId: string;
  let mandiriId: string;
  let nationalId: string;

  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];
  const as = (email: string) => actors[email] as Manager;
  const kemenkesAdmin = () => as("admin.kemenkes@pekppp.test");
  const sumselAdmin = () => as("admin.sumsel@pekppp.test");
  const admin = () => as("admin@pekppp.test");
  const notFound = { messageKey: "errors.notFound" };

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    registry = await import("@/lib/server/registry/institutions");
    registryImport = await import("@/lib/server/registry/import");
    assignments = await import("@/lib/server/users/assignments");
    users = await import("@/lib/server/users/users");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
    kemenkesId = (await one(`SELECT id FROM "Institution" WHERE code = 'KL-KEMENKES'`)).id;
    sumselId = (await one(`SELECT id FROM "Institution" WHERE code = 'PROV-16'`)).id;
    mandiriId = (
      await one(`SELECT id FROM "Cycle" WHERE "ownerInstitutionId" = $1 AND status IN ('ACTIVE', 'PREPARATION') ORDER BY status LIMIT 1`, [kemenkesId])
    ).id;
    nationalId = (await one(`SELECT id FROM "Cycle" WHERE "ownerInstitutionId" IS NULL AND "programmeCode" = 'PEKPPP' AND status = 'ACTIVE'`)).id;
  }, 120_000);
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  it("lists and opens its own institution only, and never creates or edits an institution", async () => {
    const listed = await registry.searchInstitutions(kemenkesAdmin(), {});
    expect(listed.institutions.map((i) => i.id)).toEqual([kemenkesId]);
    expect(await registry.findInstitution(kemenkesAdmin(), sumselId)).toBeNull();
    expect((await registry.findInstitution(kemenkesAdmin(), kemenkesId))?.id).toBe(kemenkesId);
    const stored = (await registry.findInstitution(admin(), kemenkesId))!;
    const refused = [
      () => registry.createInstitution(kemenkesAdmin(), { code: "KL-BARU", name: "Kementerian Baru", type: "KL" }),
      () =>
        registry.updateInstitution(kemenkesAdmin(), {
          institutionId: kemenkesId,
          expectedUpdatedAt: stored.updatedAt.toISOString(),
          code: stored.code,
          name: "Kemenkes Diubah",
          type: "KL",
        }),
      () => registry.createLocus(kemenkesAdmin(), { institutionId: sumselId, name: "Unit Curian", serviceType: "JASA", unitKind: "UPT" }),
    ];
    for (const attempt of refused) await expect(attempt()).rejects.toMatchObject(notFound);
  });

  it("creates and edits its own units with a kind and a parent of the same institution; another institution's unit is not found", async () => {
    const parent = await registry.createLocus(kemenkesAdmin(), {
      institutionId: kemenkesId,
      name: "Direktorat Uji",
      serviceType: "ADMINISTRATIF",
      unitKind: "BIRO",
    });
    const child = await registry.createLocus(kemenkesAdmin(), {
      institutionId: kemenkesId,
      name: "Balai Uji Satu",
      serviceType: "JASA",
      unitKind: "UPT",
      parentId: parent.id,
    });
    expect(await one(`SELECT "parentId", "unitKind", "nationalLocus" FROM "Locus" WHERE id = $1`, [child.id])).toEqual({
      parentId: parent.id,
      unitKind: "UPT",
      nationalLocus: false,
    });
    const foreign = await one(`SELECT id, "updatedAt" FROM "Locus" WHERE "institutionId" = $1 LIMIT 1`, [sumselId]);
    await expect(
      registry.createLocus(kemenkesAdmin(), { institutionId: kemenkesId, name: "Balai Uji Dua", serviceType: "JASA", unitKind: "UPT", parentId: foreign.id }),
    ).rejects.toMatchObject({ messageKey: "registry.parentInvalid" });
    const parentRow = await one(`SELECT "updatedAt" FROM "Locus" WHERE id = $1`, [parent.id]);
    // A unit under its own child would be a loop.
    await expect(
      registry.updateLocus(kemenkesAdmin(), {
        locusId: parent.id,
        expectedUpdatedAt: parentRow.updatedAt.toISOString(),
        name: "Direktorat Uji",
        serviceType: "ADMINISTRATIF",
        unitKind: "BIRO",
        parentId: child.id,
        isActive: true,
      }),
    ).rejects.toMatchObject({ messageKey: "registry.parentInvalid" });
    await expect(
      registry.updateLocus(kemenkesAdmin(), {
        locusId: foreign.id,
        expectedUpdatedAt: foreign.updatedAt.toISOString(),
        name: "Diambil",
        serviceType: "JASA",
        unitKind: "LAINNYA",
        isActive: true,
      }),
    ).rejects.toMatchObject(notFound);
  });

  it("imports its own units (dry run, apply, again: nothing) with parents and kinds; a row of another institution is refused as not its own", async () => {
    const rows = [
      ["KL-KEMENKES", "Kementerian Kesehatan", "KL", "", "RS Uji Impor", "JASA", "Direktorat Impor", "RSUD"],
      ["KL-KEMENKES", "Kementerian Kesehatan", "KL", "", "Direktorat Impor", "ADMINISTRATIF", "", "BIRO"],
    ];
    const name = (await one(`SELECT name FROM "Institution" WHERE id = $1`, [kemenkesId])).name as string;
    const file = csv(rows.map((r) => [r[0]!, name, ...r.slice(2)]));
    const preview = await registryImport.previewRegistryImport(kemenkesAdmin(), file);
    expect(preview).toMatchObject({ ok: true, errorCount: 0, counts: { institutions: { create: 0, update: 0, unchanged: 1 }, loci: { create: 2 } } });
    const applied = await registryImport.applyRegistryImport(kemenkesAdmin(), file, preview.sha256);
    expect(applied).toMatchObject({ applied: true });
    const imported = await one(
      `SELECT l."unitKind", l."nationalLocus", p.name AS parent FROM "Locus" l LEFT JOIN "Locus" p ON p.id = l."parentId" WHERE l."institutionId" = $1 AND l.name = 'RS Uji Impor'`,
      [kemenkesId],
    );
    expect(imported).toEqual({ unitKind: "RUMAH_SAKIT", nationalLocus: false, parent: "Direktorat Impor" });
    expect((await registryImport.previewRegistryImport(kemenkesAdmin(), file)).counts.loci).toEqual({ create: 0, update: 0, unchanged: 2 });

    const sumsel = await one(`SELECT code, name FROM "Institution" WHERE id = $1`, [sumselId]);
    const foreign = await registryImport.previewRegistryImport(
      kemenkesAdmin(),
      csv([[sumsel.code, sumsel.name, "PROVINSI", "16", "Dinas Curian", "JASA", "", "DINAS"]]),
    );
    expect(foreign).toMatchObject({ ok: false, errors: [{ row: 2, code: "institutionNotOwn", value: sumsel.code }] });
    await expect(registryImport.previewRegistryImport(as("evaluator.kemenkes@pekppp.test"), file)).rejects.toMatchObject(notFound);
    // Its export holds its own institution only, with the new columns.
    const exported = await registryImport.registryExportRows(kemenkesAdmin(), {});
    expect(new Set(exported.map((r) => r.institutionCode))).toEqual(new Set(["KL-KEMENKES"]));
    expect(exported.find((r) => r.locusName === "RS Uji Impor")).toMatchObject({ parentUnit: "Direktorat Impor", unitKind: "RUMAH_SAKIT" });
  });

  it("assigns its own verifiers in its own cycle only; a ministry verifier, another institution's cycle or the national cycle is refused", async () => {
    const internal = as("verifikator.kemenkes@pekppp.test");
    const ministryVerifier = as("verifikator@pekppp.test");
    expect((await assignments.listAssignableCycles(kemenkesAdmin())).every((c) => c.ownerInstitutionId === kemenkesId)).toBe(true);
    expect((await assignments.listVerifiers(kemenkesAdmin())).map((v) => v.id)).toEqual([internal.id]);
    const mandiri = { ownerInstitutionId: kemenkesId };
    expect((await assignments.listVerifiers(admin(), mandiri)).every((v) => v.id !== ministryVerifier.id)).toBe(true);

    await client.query(`DELETE FROM "VerifierAssignment" WHERE "cycleId" = $1`, [mandiriId]);
    expect(
      await assignments.assignInstitutions(kemenkesAdmin(), { cycleId: mandiriId, verifierId: internal.id, institutionIds: [kemenkesId], mode: "add" }),
    ).toEqual({ matched: 1, changed: 1 });
    const listed = await assignments.searchAssignments(kemenkesAdmin(), mandiriId, {});
    expect(listed.rows.map((r) => [r.id, r.verifiers.map((v) => v.id)])).toEqual([[kemenkesId, [internal.id]]]);

    await expect(
      assignments.assignInstitutions(kemenkesAdmin(), { cycleId: mandiriId, verifierId: ministryVerifier.id, institutionIds: [kemenkesId], mode: "add" }),
    ).rejects.toMatchObject(notFound);
    await expect(
      assignments.assignInstitutions(admin(), { cycleId: mandiriId, verifierId: ministryVerifier.id, institutionIds: [kemenkesId], mode: "add" }),
    ).rejects.toMatchObject({ messageKey: "assignmentAdmin.verifierNotOfCycleOwner" });
    await expect(
      assignments.assignInstitutions(admin(), { cycleId: nationalId, verifierId: internal.id, institutionIds: [kemenkesId], mode: "add" }),
    ).rejects.toMatchObject({ messageKey: "assignmentAdmin.verifierNotOfCycleOwner" });
    await expect(
      assignments.assignInstitutions(admin(), { cycleId: mandiriId, verifierId: internal.id, institutionIds: [kemenkesId, sumselId], mode: "add" }),
    ).rejects.toMatchObject({ messageKey: "assignmentAdmin.institutionNotOfCycleOwner" });
    const refused = [
      () => assignments.assignInstitutions(kemenkesAdmin(), { cycleId: nationalId, verifierId: internal.id, institutionIds: [kemenkesId], mode: "add" }),
      () => assignments.assignInstitutions(sumselAdmin(), { cycleId: mandiriId, verifierId: internal.id, institutionIds: [kemenkesId], mode: "add" }),
      () => assignments.unassignInstitution(sumselAdmin(), { cycleId: mandiriId, institutionId: kemenkesId, verifierId: internal.id }),
      () => assignments.unassignInstitution(kemenkesAdmin(), { cycleId: nationalId, institutionId: kemenkesId, verifierId: ministryVerifier.id }),
      () => users.setVerifierAssignments(kemenkesAdmin(), { userId: internal.id, cycleId: nationalId, institutionIds: [kemenkesId] }),
    ];
    for (const attempt of refused) await expect(attempt()).rejects.toMatchObject(notFound);
    expect(await assignments.searchAssignments(sumselAdmin(), mandiriId, {})).toMatchObject({ total: 0 });
    expect(await assignments.verifierLoad(sumselAdmin(), mandiriId)).toMatchObject({ verifiers: [] });
    expect(await users.listVerifierAssignments(sumselAdmin(), internal.id, mandiriId)).toEqual([]);
    expect((await users.listVerifierAssignments(kemenkesAdmin(), internal.id, mandiriId)).map((a) => a.institution.id)).toEqual([kemenkesId]);
    expect(await assignments.unassignInstitution(kemenkesAdmin(), { cycleId: mandiriId, institutionId: kemenkesId, verifierId: internal.id })).toEqual({
      removed: 1,
    });
  });
});
