import { randomUUID } from "node:crypto";
import type pg from "pg";
import { insertRows } from "./bulk-insert";
import { DEMO_INSTITUTION_CODES } from "./registry";

/** The demo's institution admins and internal verifiers (issue 16), with the demo password. */
export const PROGRAMME_DEMO_ACCOUNTS = [
  {
    email: "admin.kemenkes@pekppp.test",
    name: "Admin Mandiri Kemenkes",
    role: "INSTITUTION_ADMIN",
    institutionCode: DEMO_INSTITUTION_CODES.otherEvaluatorAgency,
  },
  {
    email: "verifikator.kemenkes@pekppp.test",
    name: "Tim Verifikasi Internal Kemenkes",
    role: "VERIFIER",
    institutionCode: DEMO_INSTITUTION_CODES.otherEvaluatorAgency,
  },
  { email: "admin.sumsel@pekppp.test", name: "Admin Mandiri Provinsi Sumatera Selatan", role: "INSTITUTION_ADMIN", institutionCode: "PROV-16" },
] as const;

type Kind = "SEKRETARIAT" | "DINAS" | "BADAN" | "BIRO" | "UPT" | "RUMAH_SAKIT" | "PUSKESMAS" | "KANTOR" | "LAINNYA";
interface UnitSeed {
  name: string;
  kind: Kind;
  serviceType: "ADMINISTRATIF" | "JASA" | "BARANG";
  children?: UnitSeed[];
}

const KEMENKES_HOSPITALS = [
  "RSUP Dr. Cipto Mangunkusumo",
  "RSUP Fatmawati",
  "RSUP Persahabatan",
  "RSUP Dr. Sardjito",
  "RSUP Dr. Kariadi",
  "RSUP Dr. Hasan Sadikin",
  "RSUP Prof. Dr. I.G.N.G. Ngoerah",
  "RSUP Dr. Wahidin Sudirohusodo",
  "RSUP H. Adam Malik",
  "RSUP Dr. M. Djamil",
  "RSUP Dr. Mohammad Hoesin",
  "RSUP Dr. Soeradji Tirtonegoro",
  "RS Jantung dan Pembuluh Darah Harapan Kita",
  "RS Kanker Dharmais",
  "RS Anak dan Bunda Harapan Kita",
  "RS Pusat Otak Nasional",
  "RS Penyakit Infeksi Prof. Dr. Sulianti Saroso",
  "RS Ortopedi Prof. Dr. R. Soeharso",
];
const KEMENKES_UPT = [
  "Balai Besar Teknik Kesehatan Lingkungan Jakarta",
  "Balai Besar Teknik Kesehatan Lingkungan Surabaya",
  "Balai Teknik Kesehatan Lingkungan Medan",
  "Balai Kekarantinaan Kesehatan Soekarno-Hatta",
  "Balai Besar Kekarantinaan Kesehatan Tanjung Priok",
  "Balai Kekarantinaan Kesehatan Palembang",
  "Balai Laboratorium Kesehatan Masyarakat Makassar",
  "Balai Besar Laboratorium Biologi Kesehatan",
  "Poltekkes Kemenkes Jakarta I",
  "Poltekkes Kemenkes Palembang",
  "Poltekkes Kemenkes Surabaya",
  "Balai Pelatihan Kesehatan Ciloto",
];

/** Kementerian Kesehatan's units: three parents and 37 units under them (40 in all). */
const KEMENKES_UNITS: UnitSeed[] = [
  {
    name: "Direktorat Jenderal Pelayanan Kesehatan",
    kind: "SEKRETARIAT",
    serviceType: "ADMINISTRATIF",
    children: KEMENKES_HOSPITALS.map((name) => ({ name, kind: "RUMAH_SAKIT", serviceType: "JASA" })),
  },
  {
    name: "Direktorat Jenderal Pencegahan dan Pengendalian Penyakit",
    kind: "SEKRETARIAT",
    serviceType: "ADMINISTRATIF",
    children: KEMENKES_UPT.slice(0, 8).map((name) => ({ name, kind: "UPT", serviceType: "JASA" })),
  },
  {
    name: "Badan Kebijakan Pembangunan Kesehatan",
    kind: "BADAN",
    serviceType: "ADMINISTRATIF",
    children: [
      ...KEMENKES_UPT.slice(8).map((name) => ({ name, kind: "UPT" as const, serviceType: "JASA" as const })),
      ...[
        "Gudang Farmasi dan Alat Kesehatan Pusat",
        "Pusat Data dan Teknologi Informasi",
        "Biro Umum dan Pengadaan",
        "Pusat Krisis Kesehatan",
        "Pusat Kebijakan Sistem Ketahanan Kesehatan",
      ].map((name) => ({ name, kind: "KANTOR" as const, serviceType: "BARANG" as const })),
    ],
  },
];

/** Provinsi Sumatera Selatan's offices (Mandiri over its dinas and badan). */
const SUMSEL_UNITS: UnitSeed[] = [
  { name: "Dinas Penanaman Modal dan PTSP Provinsi Sumatera Selatan", kind: "DINAS", serviceType: "ADMINISTRATIF" },
  { name: "Dinas Kesehatan Provinsi Sumatera Selatan", kind: "DINAS", serviceType: "JASA" },
  { name: "Dinas Pendidikan Provinsi Sumatera Selatan", kind: "DINAS", serviceType: "JASA" },
  { name: "Dinas Kependudukan dan Pencatatan Sipil Provinsi Sumatera Selatan", kind: "DINAS", serviceType: "ADMINISTRATIF" },
  { name: "Badan Pendapatan Daerah Provinsi Sumatera Selatan", kind: "BADAN", serviceType: "ADMINISTRATIF" },
  { name: "Badan Kepegawaian Daerah Provinsi Sumatera Selatan", kind: "BADAN", serviceType: "ADMINISTRATIF" },
  { name: "RSUD Siti Fatimah Provinsi Sumatera Selatan", kind: "RUMAH_SAKIT", serviceType: "JASA" },
  { name: "UPTD Samsat Palembang I", kind: "UPT", serviceType: "ADMINISTRATIF" },
];

interface Options {
  now: Date;
  currentYear: number;
  passwordHash: string;
  /** The national instrument version, and the second one (Ramah Kelompok Rentan) when stored. */
  instrumentVersionId: string;
  secondInstrumentVersionId: string | null;
}

/**
 * Issue 16's demo: PEKPPP Mandiri of Kementerian Kesehatan over 40 units (a hierarchy), a
 * province running Mandiri over its offices (in preparation), and a Ramah Kelompok Rentan cycle of
 * the ministry on the second instrument (in preparation, over the demo institutions' national
 * loci), with an institution admin and an internal verifier. A fixed size, whatever the registry's:
 * the bench seed's time does not grow with it. Skipped when the demo institutions are absent.
 */
export async function seedProgrammes(client: pg.ClientBase, options: Options): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const add = (table: string, n: number) => (counts[table] = (counts[table] ?? 0) + n);
  const ids = await client.query<{ code: string; id: string }>(`SELECT code, id::text FROM "Institution" WHERE code = ANY($1::text[])`, [
    [DEMO_INSTITUTION_CODES.otherEvaluatorAgency, "PROV-16", DEMO_INSTITUTION_CODES.evaluatorCity],
  ]);
  const idOf = new Map(ids.rows.map((r) => [r.code, r.id]));
  const kemenkes = idOf.get(DEMO_INSTITUTION_CODES.otherEvaluatorAgency);
  const sumsel = idOf.get("PROV-16");
  if (!kemenkes || !sumsel) return counts;

  // Units: not national loci (the ministry picked the registry's three per institution). A name the
  // registry already gives one of the institution's national loci is that locus: it is not added twice.
  const existing = await client.query<{ key: string }>(
    `SELECT "institutionId"::text || ':' || lower(name) AS key FROM "Locus" WHERE "institutionId" = ANY($1::uuid[])`,
    [[kemenkes, sumsel]],
  );
  const taken = new Set(existing.rows.map((r) => r.key));
  const unitRows: unknown[][] = [];
  const addUnits = (institutionId: string, units: readonly UnitSeed[], parentId: string | null) => {
    for (const unit of units) {
      if (taken.has(`${institutionId}:${unit.name.toLowerCase()}`)) continue;
      const id = randomUUID();
      unitRows.push([id, institutionId, parentId, unit.name, unit.serviceType, unit.kind, false, options.now]);
      if (unit.children) addUnits(institutionId, unit.children, id);
    }
  };
  addUnits(kemenkes, KEMENKES_UNITS, null);
  addUnits(sumsel, SUMSEL_UNITS, null);
  add(
    "Locus",
    await insertRows(
      client,
      "Locus",
      [
        { name: "id", arrayType: "uuid[]" },
        { name: "institutionId", arrayType: "uuid[]" },
        { name: "parentId", arrayType: "uuid[]" },
        { name: "name", arrayType: "text[]" },
        { name: "serviceType", arrayType: "text[]", cast: '::"ServiceType"' },
        { name: "unitKind", arrayType: "text[]", cast: '::"UnitKind"' },
        { name: "nationalLocus", arrayType: "bool[]" },
        { name: "updatedAt", arrayType: "timestamptz[]" },
      ],
      unitRows,
    ),
  );

  const accountIds = new Map<string, string>();
  const userRows = PROGRAMME_DEMO_ACCOUNTS.map((a) => {
    const id = randomUUID();
    accountIds.set(a.email, id);
    return [id, a.email, a.name, options.passwordHash, a.role, idOf.get(a.institutionCode) ?? null, options.now];
  });
  add(
    "User",
    await insertRows(
      client,
      "User",
      [
        { name: "id", arrayType: "uuid[]" },
        { name: "email", arrayType: "text[]" },
        { name: "name", arrayType: "text[]" },
        { name: "passwordHash", arrayType: "text[]" },
        { name: "role", arrayType: "text[]", cast: '::"Role"' },
        { name: "institutionId", arrayType: "uuid[]" },
        { name: "updatedAt", arrayType: "timestamptz[]" },
      ],
      userRows,
    ),
  );

  // The national cycle's calendar for the running Mandiri cycle; a year later for those in preparation.
  const national = await client.query<{ id: string }>(`SELECT id::text FROM "Cycle" WHERE status = 'ACTIVE' AND "ownerInstitutionId" IS NULL LIMIT 1`);
  const cycle = async (name: string, programme: string, owner: string | null, versionId: string, status: "ACTIVE" | "PREPARATION", loci: string) => {
    const id = randomUUID();
    await client.query(
      `INSERT INTO "Cycle" (id, year, name, "programmeCode", "ownerInstitutionId", "instrumentVersionId", status, "f02SharePercent", "minSurveyRespondents", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7::"CycleStatus", 100, 0, now())`,
      [id, options.currentYear, name, programme, owner, versionId, status],
    );
    add("Cycle", 1);
    // A cycle in preparation has not started: its calendar lies a year after the national one, so
    // its instrument version stays editable (docs/domain.md §4.3).
    const stages = await client.query(
      `INSERT INTO "CycleStage" ("cycleId", kind, "startsAt", "endsAt")
       SELECT $1, kind, "startsAt" + $3::interval, "endsAt" + $3::interval FROM "CycleStage" WHERE "cycleId" = $2`,
      [id, national.rows[0]?.id ?? null, status === "PREPARATION" ? "1 year" : "0"],
    );
    add("CycleStage", stages.rowCount ?? 0);
    const assessments = await client.query(
      `INSERT INTO "Assessment" ("cycleId", "locusId", status, "updatedAt") SELECT $1, l.id, 'DRAFT', now() FROM "Locus" l WHERE l."isActive" AND ${loci}`,
      [id, owner],
    );
    add("Assessment", assessments.rowCount ?? 0);
    return id;
  };
  const mandiri = await cycle(
    `PEKPPP Mandiri Kemenkes ${options.currentYear}`,
    "MANDIRI",
    kemenkes,
    options.instrumentVersionId,
    "ACTIVE",
    `l."institutionId" = $2`,
  );
  await cycle(
    `PEKPPP Mandiri Sumatera Selatan ${options.currentYear}`,
    "MANDIRI",
    sumsel,
    options.instrumentVersionId,
    "PREPARATION",
    `l."institutionId" = $2`,
  );
  if (options.secondInstrumentVersionId) {
    await cycle(
      `Ramah Kelompok Rentan ${options.currentYear}`,
      "RAMAH_RENTAN",
      null,
      options.secondInstrumentVersionId,
      "PREPARATION",
      `l."nationalLocus" AND ($2::uuid IS NULL) AND l."institutionId" IN (SELECT id FROM "Institution" WHERE code = ANY(ARRAY['${DEMO_INSTITUTION_CODES.otherEvaluatorAgency}', '${DEMO_INSTITUTION_CODES.evaluatorCity}']))`,
    );
  }
  // The internal team verifies in Mandiri.
  await client.query(`INSERT INTO "VerifierAssignment" ("cycleId", "verifierId", "institutionId", "assignedById") VALUES ($1, $2, $3, $4)`, [
    mandiri,
    accountIds.get("verifikator.kemenkes@pekppp.test"),
    kemenkes,
    accountIds.get("admin.kemenkes@pekppp.test"),
  ]);
  add("VerifierAssignment", 1);
  return counts;
}
