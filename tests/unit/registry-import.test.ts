import { describe, expect, it } from "vitest";
import {
  parseActive,
  parseInstitutionType,
  parseServiceType,
  planRegistryImport,
  provinceRule,
  REGISTRY_HEADERS,
  registryFileRows,
  REGISTRY_COLUMNS,
  TEMPLATE_ROWS,
  validateRegistryTable,
  type ExistingInstitution,
  type ProvinceRef,
} from "@/lib/domain/registry";

const PROVINCES: ProvinceRef[] = [
  { code: "16", name: "Sumatera Selatan" },
  { code: "32", name: "Jawa Barat" },
  { code: "52", name: "Nusa Tenggara Barat" },
];

const HEADER = [...REGISTRY_HEADERS];
type Cells = [code: string, name: string, short: string, type: string, province: string, locus: string, service: string, address: string, active: string];
const table = (...rows: Cells[]) => [HEADER, ...rows];
const validate = (...rows: Cells[]) => validateRegistryTable(table(...rows), PROVINCES);

const KAB: Cells = [
  "KAB-52-UJI",
  "Kabupaten Uji",
  "",
  "KABUPATEN",
  "Nusa Tenggara Barat",
  "Dinas Kependudukan Kabupaten Uji",
  "ADMINISTRATIF",
  "Jl. Uji 1",
  "ya",
];
const KL: Cells = ["KL-UJI", "Kementerian Uji", "Kemenuji", "K/L", "", "Unit Layanan Kementerian Uji", "JASA", "", ""];

describe("registry import: the file layout", () => {
  it("reads a clean file into institutions with their loci", () => {
    const result = validate(KAB, ["KAB-52-UJI", "Kabupaten Uji", "", "KABUPATEN", "52", "RSUD Kabupaten Uji", "jasa", "", "tidak"], KL);
    expect(result.fileProblems).toEqual([]);
    expect(result.errors).toEqual([]);
    expect(result.dataRows).toBe(3);
    expect(result.institutions).toEqual([
      {
        row: 2,
        code: "KAB-52-UJI",
        name: "Kabupaten Uji",
        shortName: null,
        type: "KABUPATEN",
        provinceCode: "52",
        loci: [
          { row: 2, name: "Dinas Kependudukan Kabupaten Uji", serviceType: "ADMINISTRATIF", address: "Jl. Uji 1", isActive: true, parentName: null },
          { row: 3, name: "RSUD Kabupaten Uji", serviceType: "JASA", address: null, isActive: false, parentName: null },
        ],
      },
      {
        row: 4,
        code: "KL-UJI",
        name: "Kementerian Uji",
        shortName: "Kemenuji",
        type: "KL",
        provinceCode: null,
        loci: [{ row: 4, name: "Unit Layanan Kementerian Uji", serviceType: "JASA", address: null, isActive: undefined, parentName: null }],
      },
    ]);
  });

  it("accepts headers in any case, spacing, order and the English aliases; missing optional columns are absent, not empty", () => {
    const result = validateRegistryTable(
      [
        ["Province", "Institution Code", "nama instansi", "JENIS_INSTANSI", "nama-lokus", "jenis_layanan"],
        ["Provinsi Jawa Barat", "kota-32-uji", "Kota Uji", "Kota", "Puskesmas Kota Uji", "Jasa"],
      ],
      PROVINCES,
    );
    expect(result.errors).toEqual([]);
    expect(result.institutions).toEqual([
      {
        row: 2,
        code: "KOTA-32-UJI",
        name: "Kota Uji",
        shortName: undefined,
        type: "KOTA",
        provinceCode: "32",
        loci: [{ row: 2, name: "Puskesmas Kota Uji", serviceType: "JASA", address: undefined, isActive: undefined }],
      },
    ]);
  });

  it("refuses a file with a missing, unknown or repeated column before reading any row", () => {
    expect(
      validateRegistryTable(
        [
          ["kode_instansi", "nama_instansi"],
          ["X", "Y"],
        ],
        PROVINCES,
      ).fileProblems,
    ).toEqual([
      { code: "missingColumn", column: "jenis_instansi" },
      { code: "missingColumn", column: "provinsi" },
      { code: "missingColumn", column: "nama_lokus" },
      { code: "missingColumn", column: "jenis_layanan" },
    ]);
    expect(validateRegistryTable([[...HEADER, "catatan", "provinsi"]], PROVINCES).fileProblems).toEqual([
      { code: "unknownColumn", column: "catatan" },
      { code: "duplicateColumn", column: "provinsi" },
    ]);
    expect(validateRegistryTable([], PROVINCES).fileProblems).toEqual([{ code: "emptyFile" }]);
  });

  it("skips blank rows but keeps the file's row numbers", () => {
    const result = validateRegistryTable([HEADER, ["", " ", "", "", "", "", "", "", ""], KAB], PROVINCES);
    expect(result.dataRows).toBe(1);
    expect(result.institutions[0]!.row).toBe(3);
  });
});

describe("registry import: errors row by row", () => {
  it("names a missing field, a bad type, a bad service type and a bad active flag", () => {
    const result = validate(
      ["", "Kabupaten Uji", "", "KABUPATEN", "52", "Lokus", "JASA", "", ""],
      ["KAB-A", "", "", "KECAMATAN", "52", "Lokus", "PERIZINAN", "", "mungkin"],
    );
    expect(result.errors).toEqual([
      { row: 2, column: "institutionCode", code: "required" },
      { row: 3, column: "institutionName", code: "required" },
      { row: 3, column: "institutionType", code: "typeInvalid", value: "KECAMATAN" },
      { row: 3, column: "serviceType", code: "serviceTypeInvalid", value: "PERIZINAN" },
      { row: 3, column: "active", code: "activeInvalid", value: "mungkin" },
    ]);
    expect(result.institutions).toEqual([]);
  });

  it("requires a known province for a province, regency or city, and refuses one for a ministry or state enterprise", () => {
    const result = validate(
      ["KAB-X", "Kabupaten X", "", "KABUPATEN", "Atlantis", "Lokus X", "JASA", "", ""],
      ["KOTA-Y", "Kota Y", "", "KOTA", "", "Lokus Y", "JASA", "", ""],
      ["KL-Z", "Kementerian Z", "", "KL", "Jawa Barat", "Lokus Z", "JASA", "", ""],
      ["BUMN-W", "Perum W", "", "BUMN", "99", "Lokus W", "BARANG", "", ""],
    );
    expect(result.errors).toEqual([
      { row: 2, column: "province", code: "provinceUnknown", value: "Atlantis" },
      { row: 3, column: "province", code: "provinceRequired" },
      { row: 4, column: "province", code: "provinceNotAllowed", value: "Jawa Barat" },
      { row: 5, column: "province", code: "provinceNotAllowed", value: "99" },
    ]);
  });

  it("flags a locus listed twice (in any case or spacing), pointing at the first row", () => {
    const result = validate(KAB, ["KAB-52-UJI", "Kabupaten Uji", "", "KABUPATEN", "52", "dinas  kependudukan kabupaten uji", "JASA", "", ""]);
    expect(result.errors).toEqual([{ row: 3, column: "locusName", code: "duplicateLocus", value: "dinas kependudukan kabupaten uji", otherRow: 2 }]);
    expect(result.institutions[0]!.loci).toHaveLength(1);
  });

  it("flags rows of one institution code that describe it differently", () => {
    const result = validate(KAB, ["KAB-52-UJI", "Kabupaten Uji Baru", "", "KOTA", "Jawa Barat", "RSUD", "JASA", "", ""]);
    expect(result.errors).toEqual([
      { row: 3, column: "institutionName", code: "institutionConflict", otherRow: 2 },
      { row: 3, column: "institutionType", code: "institutionConflict", otherRow: 2 },
      { row: 3, column: "province", code: "institutionConflict", otherRow: 2 },
    ]);
  });

  it("refuses a locus row without a locus name, and invalid or too long codes and names", () => {
    const result = validate(
      ["KAB-52-UJI", "Kabupaten Uji", "", "KABUPATEN", "52", "", "JASA", "", ""],
      ["KAB 52/UJI", "Kabupaten Uji", "", "KABUPATEN", "52", "x".repeat(201), "JASA", "", ""],
    );
    expect(result.errors).toEqual([
      { row: 2, column: "locusName", code: "required" },
      { row: 3, column: "institutionCode", code: "codeInvalid", value: "KAB 52/UJI" },
      { row: 3, column: "locusName", code: "tooLong", max: 200 },
    ]);
  });

  it("reads a row with only institution columns as an institution without a locus", () => {
    const result = validate(["KL-KOSONG", "Badan Kosong", "", "KL", "", "", "", "", ""]);
    expect(result.errors).toEqual([]);
    expect(result.institutions).toMatchObject([{ code: "KL-KOSONG", loci: [] }]);
  });
});

describe("registry import: the plan", () => {
  const stored: ExistingInstitution = {
    id: "i1",
    code: "KAB-52-UJI",
    name: "Kabupaten Uji",
    shortName: null,
    type: "KABUPATEN",
    provinceCode: "52",
    loci: [
      {
        id: "l1",
        name: "Dinas Kependudukan Kabupaten Uji",
        serviceType: "ADMINISTRATIF",
        address: "Jl. Uji 1",
        isActive: true,
        unitKind: "DINAS",
        parentName: null,
      },
    ],
  };
  const existing = new Map([[stored.code, stored]]);

  it("creates what is new, updates what differs, and leaves the rest unchanged", () => {
    const file = validate(KAB, ["KAB-52-UJI", "Kabupaten Uji", "", "KABUPATEN", "52", "RSUD Kabupaten Uji", "JASA", "", ""], KL);
    const plan = planRegistryImport(file.institutions, existing);
    expect(plan.counts).toEqual({ institutions: { create: 1, update: 0, unchanged: 1 }, loci: { create: 2, update: 0, unchanged: 1 } });
    const changed = validate(["KAB-52-UJI", "Kabupaten Uji", "KabUji", "KABUPATEN", "52", "DINAS KEPENDUDUKAN KABUPATEN UJI", "ADMINISTRATIF", "", "tidak"]);
    const update = planRegistryImport(changed.institutions, existing);
    expect(update.institutions[0]).toMatchObject({ action: "update", id: "i1", changes: [{ field: "shortName", before: null, after: "KabUji" }] });
    expect(update.loci[0]).toMatchObject({
      action: "update",
      id: "l1",
      changes: [
        { field: "name", before: "Dinas Kependudukan Kabupaten Uji", after: "DINAS KEPENDUDUKAN KABUPATEN UJI" },
        { field: "address", before: "Jl. Uji 1", after: null },
        { field: "isActive", before: true, after: false },
      ],
    });
  });

  it("keeps stored values of columns the file does not have", () => {
    const file = validateRegistryTable(
      [
        ["kode_instansi", "nama_instansi", "jenis_instansi", "provinsi", "nama_lokus", "jenis_layanan"],
        ["KAB-52-UJI", "Kabupaten Uji", "KABUPATEN", "52", "Dinas Kependudukan Kabupaten Uji", "ADMINISTRATIF"],
      ],
      PROVINCES,
    );
    expect(planRegistryImport(file.institutions, existing).counts).toEqual({
      institutions: { create: 0, update: 0, unchanged: 1 },
      loci: { create: 0, update: 0, unchanged: 1 },
    });
  });

  it("exports the stored registry in a layout that re-imports with zero changes", () => {
    const withoutLoci: ExistingInstitution = { id: "i2", code: "KL-KOSONG", name: "Badan Kosong", shortName: "BK", type: "KL", provinceCode: null, loci: [] };
    const rows = registryFileRows([stored, withoutLoci], PROVINCES);
    const file = validateRegistryTable([HEADER, ...rows.map((r) => REGISTRY_COLUMNS.map((c) => r[c.key]))], PROVINCES);
    expect(file.errors).toEqual([]);
    const plan = planRegistryImport(
      file.institutions,
      new Map([
        [stored.code, stored],
        [withoutLoci.code, withoutLoci],
      ]),
    );
    expect(plan.counts).toEqual({ institutions: { create: 0, update: 0, unchanged: 2 }, loci: { create: 0, update: 0, unchanged: 1 } });
  });

  it("offers a template whose example rows are valid", () => {
    const file = validateRegistryTable([HEADER, ...TEMPLATE_ROWS.map((r) => REGISTRY_COLUMNS.map((c) => r[c.key]))], PROVINCES);
    expect(file.errors).toEqual([]);
    expect(file.institutions).toHaveLength(3);
  });
});

describe("registry import: units (issue 16)", () => {
  const header = ["kode_instansi", "nama_instansi", "jenis_instansi", "provinsi", "nama_lokus", "jenis_layanan", "induk_unit", "jenis_unit"];
  const kemenkes: ExistingInstitution = {
    id: "k1",
    code: "KL-KEMENKES",
    name: "Kementerian Kesehatan",
    shortName: null,
    type: "KL",
    provinceCode: null,
    loci: [{ id: "s1", name: "Sekretariat Jenderal", serviceType: "JASA", address: null, isActive: true, unitKind: "SEKRETARIAT", parentName: null }],
  };
  const unitRow = (name: string, parent: string, kind: string, code = "KL-KEMENKES", institutionName = "Kementerian Kesehatan") => [
    code,
    institutionName,
    "KL",
    "",
    name,
    "JASA",
    parent,
    kind,
  ];
  const plan = (rows: string[][], options = { institutionsFixed: true }) => {
    const file = validateRegistryTable([header, ...rows], PROVINCES);
    return { file, plan: planRegistryImport(file.institutions, new Map([[kemenkes.code, kemenkes]]), options) };
  };

  it("reads the parent by name (stored, or later in the same file) and the kind as people write it", () => {
    const { file, plan: result } = plan([
      unitRow("RSUP Dr. Uji", "Direktorat Pelayanan", "RSUD"),
      unitRow("Direktorat Pelayanan", "sekretariat jenderal", "biro"),
      unitRow("Balai Uji", "", ""),
    ]);
    expect(file.errors).toEqual([]);
    expect(result.errors).toEqual([]);
    expect(result.loci.map((l) => [l.values.name, l.values.parentName, l.values.unitKind])).toEqual([
      ["RSUP Dr. Uji", "Direktorat Pelayanan", "RUMAH_SAKIT"],
      ["Direktorat Pelayanan", "sekretariat jenderal", "BIRO"],
      ["Balai Uji", null, "LAINNYA"],
    ]);
  });

  it("refuses an unknown parent, a loop and an unknown kind, row by row", () => {
    const { file, plan: result } = plan([unitRow("A", "B", "UPT"), unitRow("B", "A", "UPT"), unitRow("C", "Tidak Ada", "UPT"), unitRow("D", "", "kecamatan")]);
    expect(file.errors).toEqual([{ row: 5, column: "unitKind", code: "unitKindInvalid", value: "kecamatan" }]);
    expect(result.errors).toEqual([
      { row: 2, column: "parentUnit", code: "parentLoop", value: "B" },
      { row: 3, column: "parentUnit", code: "parentLoop", value: "A" },
      { row: 4, column: "parentUnit", code: "parentUnknown", value: "Tidak Ada" },
    ]);
  });

  it("holds an institution admin's file to its own institution, unchanged", () => {
    const foreign = plan([unitRow("Dinas X", "", "DINAS", "PROV-LAIN", "Provinsi Lain")]);
    expect(foreign.plan.errors).toEqual([{ row: 2, column: "institutionCode", code: "institutionNotOwn", value: "PROV-LAIN" }]);
    const renamed = plan([unitRow("Balai Uji", "", "UPT", "KL-KEMENKES", "Kemenkes Baru")]);
    expect(renamed.plan.errors).toEqual([{ row: 2, code: "institutionReadOnly" }]);
    // The national admin's import creates and edits institutions as before.
    expect(plan([unitRow("Dinas X", "", "DINAS", "PROV-LAIN", "Provinsi Lain")], { institutionsFixed: false }).plan.errors).toEqual([]);
  });

  it("changes a stored unit's kind; the same values again change nothing", () => {
    const { plan: result } = plan([unitRow("Sekretariat Jenderal", "", "BIRO")]);
    expect(result.loci[0]).toMatchObject({ action: "update", changes: [{ field: "unitKind", before: "SEKRETARIAT", after: "BIRO" }] });
    expect(plan([unitRow("Sekretariat Jenderal", "", "SEKRETARIAT")]).plan.counts.loci).toEqual({ create: 0, update: 0, unchanged: 1 });
  });
});

describe("registry field rules", () => {
  it("ties the province to the type", () => {
    expect(["KL", "BUMN"].map((t) => provinceRule(t as "KL"))).toEqual(["forbidden", "forbidden"]);
    expect(["PROVINSI", "KABUPATEN", "KOTA"].map((t) => provinceRule(t as "KOTA"))).toEqual(["required", "required", "required"]);
  });

  it("reads types, service types and active flags as people write them", () => {
    expect(["K/L", "kl", "Kab", "kota", "Provinsi", "bumn", "kecamatan"].map(parseInstitutionType)).toEqual([
      "KL",
      "KL",
      "KABUPATEN",
      "KOTA",
      "PROVINSI",
      "BUMN",
      null,
    ]);
    expect(["administratif", "Jasa", " BARANG ", "goods", "izin"].map(parseServiceType)).toEqual(["ADMINISTRATIF", "JASA", "BARANG", "BARANG", null]);
    expect(["ya", "Tidak", "1", "0", "true", "aktif", "t"].map(parseActive)).toEqual([true, false, true, false, true, true, null]);
  });
});
