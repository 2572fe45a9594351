import { KNOWN_KL_LOCI, LOCUS_TEMPLATES, MINISTRIES_AND_AGENCIES, STATE_ENTERPRISES, type LocusTemplate } from "./data/agencies";
import { PROVINCES } from "./data/regions";
import type { Random } from "./random";

export type InstitutionKind = "KL" | "PROVINSI" | "KABUPATEN" | "KOTA" | "BUMN";
export type ServiceKind = LocusTemplate["serviceType"];
const SERVICE_TYPES: readonly ServiceKind[] = ["ADMINISTRATIF", "JASA", "BARANG"];

export interface ProvinceRow {
  code: string;
  name: string;
}

export interface InstitutionSeedRow {
  code: string;
  name: string;
  shortName: string | null;
  type: InstitutionKind;
  provinceCode: string | null;
  isSynthetic: boolean;
  loci: { name: string; serviceType: ServiceKind }[];
}

/** Institutions the demo accounts belong to: always present, whatever the requested size. */
export const DEMO_INSTITUTION_CODES = {
  evaluatorCity: "KOTA-16-PALEMBANG",
  otherEvaluatorAgency: "KL-KEMENKES",
  verifiedProvince: "16",
} as const;

export function provinceRows(): ProvinceRow[] {
  return PROVINCES.map((p) => ({ code: p.code, name: p.name.replace(/^Provinsi\s+/, "") }));
}

function slug(text: string) {
  return text
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .toUpperCase();
}

function realInstitutions(): InstitutionSeedRow[] {
  const rows: InstitutionSeedRow[] = [];
  for (const agency of [...MINISTRIES_AND_AGENCIES, ...STATE_ENTERPRISES]) {
    rows.push({
      code: `${agency.kind}-${slug(agency.shortName)}`,
      name: agency.name,
      shortName: agency.shortName,
      type: agency.kind,
      provinceCode: null,
      isSynthetic: false,
      loci: [],
    });
  }
  for (const province of PROVINCES) {
    rows.push({
      code: `PROV-${province.code}`,
      name: province.name,
      shortName: null,
      type: "PROVINSI",
      provinceCode: province.code,
      isSynthetic: false,
      loci: [],
    });
    for (const region of province.regions) {
      const bareName = region.name.replace(/^(Kabupaten|Kota)\s+(Administrasi\s+)?/, "");
      rows.push({
        code: `${region.kind === "KOTA" ? "KOTA" : "KAB"}-${province.code}-${slug(bareName)}`,
        name: region.name,
        shortName: null,
        type: region.kind,
        provinceCode: province.code,
        isSynthetic: false,
        loci: [],
      });
    }
  }
  return rows;
}

/**
 * The demo registry: every real province, regency, city, ministry and state enterprise we list
 * (628), trimmed to `size` when smaller (the demo accounts' institutions are always kept), or
 * padded with synthetic regencies, named and flagged as such, for national-scale load.
 */
export function buildRegistry(size: number | undefined, random: Random, lociPerInstitution = 3): InstitutionSeedRow[] {
  const real = realInstitutions();
  let rows: InstitutionSeedRow[];
  if (size === undefined || size === real.length) {
    rows = real;
  } else if (size < real.length) {
    const mustKeep = new Set<string>([DEMO_INSTITUTION_CODES.evaluatorCity, DEMO_INSTITUTION_CODES.otherEvaluatorAgency]);
    const kept = real.filter((row) => mustKeep.has(row.code) || (row.provinceCode === DEMO_INSTITUTION_CODES.verifiedProvince && row.type === "PROVINSI"));
    // Spread the rest over every kind rather than taking the first ones in list order.
    const rest = real.filter((row) => !kept.includes(row));
    const stride = rest.length / Math.max(1, size - kept.length);
    for (let i = 0; kept.length < size && i < rest.length; i += 1) {
      const candidate = rest[Math.floor(i * stride)];
      if (candidate && !kept.includes(candidate)) kept.push(candidate);
    }
    rows = kept;
  } else {
    rows = [...real];
    for (let n = 1; rows.length < size; n += 1) {
      const province = PROVINCES[n % PROVINCES.length]!;
      const kind: InstitutionKind = n % 5 === 0 ? "KOTA" : "KABUPATEN";
      const label = kind === "KOTA" ? "Kota" : "Kabupaten";
      rows.push({
        code: `SINTETIS-${String(n).padStart(5, "0")}`,
        name: `${label} Sintetis ${String(n).padStart(4, "0")} (data uji)`,
        shortName: null,
        type: kind,
        provinceCode: province.code,
        isSynthetic: true,
        loci: [],
      });
    }
  }
  for (const row of rows) row.loci = withUnits(chooseLoci(row, random), lociPerInstitution);
  return rows;
}

/**
 * PEKPPP Mandiri (issue 17): an institution evaluates more of its service units than the three
 * national loci. Units beyond the third take the service types in turn and the name of the
 * institution's locus of that type with a unit number (names stay unique per institution).
 */
function withUnits(loci: { name: string; serviceType: ServiceKind }[], count: number) {
  const units = [...loci];
  for (let n = loci.length; n < count; n += 1) {
    const base = loci[n % loci.length]!;
    units.push({ name: `${base.name} (Unit ${n + 1})`, serviceType: base.serviceType });
  }
  return units;
}

/** Three loci, one per service type (docs/domain.md §1: since 2023 an institution has three loci). */
function chooseLoci(row: InstitutionSeedRow, random: Random) {
  const known = row.shortName ? (KNOWN_KL_LOCI[row.shortName] ?? []) : [];
  const templates = LOCUS_TEMPLATES[row.type];
  return SERVICE_TYPES.map((serviceType) => {
    const specific = known.filter((t) => t.serviceType === serviceType);
    const pool = specific.length > 0 ? specific : templates.filter((t) => t.serviceType === serviceType);
    const template = random.pick(pool);
    const name =
      row.type === "KL" || row.type === "BUMN" || specific.length > 0 ? template.name : `${template.name} ${row.name.replace(/^Provinsi\s+/, "Provinsi ")}`;
    return { name, serviceType };
  });
}
