import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZCreateInstitution, ZUpdateLocus } from "@/lib/schemas/registry";
import type { CurrentUser } from "@/lib/server/auth/current-user";
import { closeServerLayer, configureServerEnvironment, loadDemoActors, useSeededDatabase } from "./support/test-database";

type Registry = typeof import("@/lib/server/registry/institutions");

describe("registry: institutions and loci edited one at a time", () => {
  let database: Awaited<ReturnType<typeof useSeededDatabase>>;
  let client: pg.Client;
  let layer: Registry;
  let actors: Record<string, CurrentUser>;
  const admin = () => actors["admin@pekppp.test"]!;
  const one = async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows[0];

  beforeAll(async () => {
    database = await useSeededDatabase();
    configureServerEnvironment(database.url);
    layer = await import("@/lib/server/registry/institutions");
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    actors = await loadDemoActors(client);
  });
  afterAll(async () => {
    await client.end();
    await closeServerLayer(database);
  });

  it("ties the province to the type in the form's schema", () => {
    const base = { code: "kab-uji", name: "Kabupaten  Uji ", shortName: "", type: "KABUPATEN" };
    expect(ZCreateInstitution.safeParse(base).error?.issues.map((i) => i.message)).toEqual(["registry.provinceRequired"]);
    expect(ZCreateInstitution.safeParse({ ...base, type: "KL", provinceCode: "52" }).error?.issues.map((i) => i.message)).toEqual([
      "registry.provinceNotAllowed",
    ]);
    expect(ZCreateInstitution.parse({ ...base, provinceCode: "52" })).toEqual({
      code: "KAB-UJI",
      name: "Kabupaten Uji",
      shortName: undefined,
      type: "KABUPATEN",
      provinceCode: "52",
    });
  });

  it("creates an institution with an audit record, and refuses a code already taken", async () => {
    const input = ZCreateInstitution.parse({ code: "UJI-KOTA-52", name: "Kota Uji", type: "KOTA", provinceCode: "52" });
    const { id } = await layer.createInstitution(admin(), input);
    expect(
      await one(`SELECT i.code, i.type, p.code AS province FROM "Institution" i JOIN "Province" p ON p.id = i."provinceId" WHERE i.id = $1`, [id]),
    ).toEqual({ code: "UJI-KOTA-52", type: "KOTA", province: "52" });
    expect((await one(`SELECT action FROM "AuditEvent" WHERE "entityId" = $1`, [id])).action).toBe("institution.create");
    await expect(layer.createInstitution(admin(), input)).rejects.toMatchObject({ messageKey: "registry.codeTaken" });
    await expect(layer.createInstitution(actors["verifikator@pekppp.test"]!, input)).rejects.toMatchObject({ messageKey: "errors.notFound" });
  });

  it("edits an institution only from its latest version (optimistic lock), and refuses another's code", async () => {
    const found = (await layer.searchInstitutions(admin(), { q: "UJI-KOTA-52" })).institutions[0]!;
    const stale = (await layer.findInstitution(admin(), found.id))!.updatedAt.toISOString();
    const edit = { institutionId: found.id, expectedUpdatedAt: stale, code: "UJI-KOTA-52", name: "Kota Uji Baru", type: "KOTA" as const, provinceCode: "52" };
    await layer.updateInstitution(admin(), edit);
    await expect(layer.updateInstitution(admin(), { ...edit, name: "Kota Uji Lain" })).rejects.toMatchObject({ messageKey: "errors.conflict" });
    const fresh = (await layer.findInstitution(admin(), found.id))!.updatedAt.toISOString();
    await expect(layer.updateInstitution(admin(), { ...edit, expectedUpdatedAt: fresh, code: "KOTA-16-PALEMBANG" })).rejects.toMatchObject({
      messageKey: "registry.codeTaken",
    });
    const audit = await one(`SELECT before, after FROM "AuditEvent" WHERE "entityId" = $1 AND action = 'institution.update'`, [found.id]);
    expect(audit).toMatchObject({ before: { name: "Kota Uji" }, after: { name: "Kota Uji Baru" } });
  });

  it("adds loci with names unique inside the institution whatever their case, and edits them with a version check", async () => {
    const institutionId = (await one(`SELECT id FROM "Institution" WHERE code = 'UJI-KOTA-52'`)).id;
    await layer.createLocus(admin(), { institutionId, name: "Puskesmas Kota Uji", serviceType: "JASA", unitKind: "PUSKESMAS", address: undefined });
    await expect(
      layer.createLocus(admin(), { institutionId, name: "PUSKESMAS kota uji", serviceType: "JASA", unitKind: "PUSKESMAS", address: undefined }),
    ).rejects.toMatchObject({
      messageKey: "registry.locusNameTaken",
    });
    const locus = (await layer.findInstitution(admin(), institutionId))!.loci[0]!;
    const edit = ZUpdateLocus.parse({
      locusId: locus.id,
      expectedUpdatedAt: locus.updatedAt.toISOString(),
      name: "Puskesmas Kota Uji",
      serviceType: "JASA",
      address: "Jl. Uji",
      isActive: "false",
    });
    await layer.updateLocus(admin(), edit);
    await expect(layer.updateLocus(admin(), { ...edit, address: "Jl. Lain" })).rejects.toMatchObject({ messageKey: "errors.conflict" });
    expect(await one(`SELECT address, "isActive" FROM "Locus" WHERE id = $1`, [locus.id])).toEqual({ address: "Jl. Uji", isActive: false });
    const audit = await one(`SELECT before, after FROM "AuditEvent" WHERE "entityId" = $1 AND action = 'locus.update'`, [locus.id]);
    expect(audit).toMatchObject({ before: { isActive: true, address: null }, after: { isActive: false, address: "Jl. Uji" } });
  });

  it("keeps the province rule in the database too: a K/L with a province or a regency without one is refused", async () => {
    const province = (await one(`SELECT id FROM "Province" WHERE code = '52'`)).id;
    await expect(
      client.query(`INSERT INTO "Institution" (code, name, type, "provinceId", "updatedAt") VALUES ('UJI-KL-P', 'K/L Uji', 'KL', $1, now())`, [province]),
    ).rejects.toThrow(/Institution_province_matches_type/);
    await expect(
      client.query(`INSERT INTO "Institution" (code, name, type, "updatedAt") VALUES ('UJI-KAB-P', 'Kabupaten Uji', 'KABUPATEN', now())`),
    ).rejects.toThrow(/Institution_province_matches_type/);
  });

  it("lists institutions by name, type and province, with their active loci", async () => {
    const byProvince = await layer.searchInstitutions(admin(), { province: "16" });
    expect(byProvince.institutions.map((i) => i.code).sort()).toEqual(["KAB-16-OGAN-KOMERING-ULU-SELATAN", "KOTA-16-PALEMBANG", "PROV-16"]);
    const cities = await layer.searchInstitutions(admin(), { type: "KOTA", q: "uji" });
    expect(cities.institutions).toMatchObject([{ code: "UJI-KOTA-52", loci: 1, activeLoci: 0 }]);
    expect((await layer.searchInstitutions(actors["evaluator.palembang@pekppp.test"]!, {})).total).toBe(0);
  });
});
