/**
 * The registry's field rules, shared by the single-record forms and the bulk import (pure: no
 * framework imports). docs/domain.md §1: an institution is a ministry or agency (K/L), a province, a
 * regency, a city or a state enterprise; its loci are service units of one service type each.
 */

export const INSTITUTION_TYPES = ["KL", "PROVINSI", "KABUPATEN", "KOTA", "BUMN"] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];

export const SERVICE_TYPES = ["ADMINISTRATIF", "JASA", "BARANG"] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** The kinds of an institution's units (issue 16): secretariat, office, agency, bureau, UPT, hospital, health centre … */
export const UNIT_KINDS = ["SEKRETARIAT", "DINAS", "BADAN", "BIRO", "UPT", "RUMAH_SAKIT", "PUSKESMAS", "KANTOR", "LAINNYA"] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

const UNIT_KIND_ALIASES: Record<string, UnitKind> = {
  ...Object.fromEntries(UNIT_KINDS.map((k) => [k, k])),
  RS: "RUMAH_SAKIT",
  RSUD: "RUMAH_SAKIT",
  HOSPITAL: "RUMAH_SAKIT",
  HEALTH_CENTRE: "PUSKESMAS",
  OFFICE: "KANTOR",
  SECRETARIAT: "SEKRETARIAT",
  AGENCY: "BADAN",
  BUREAU: "BIRO",
  OTHER: "LAINNYA",
};

/** "UPT", "rumah sakit", "RSUD", "puskesmas" …; null when the text names no kind. */
export function parseUnitKind(value: string): UnitKind | null {
  return (
    UNIT_KIND_ALIASES[
      cleanText(value)
        .toUpperCase()
        .replace(/[\s-]+/g, "_")
    ] ?? null
  );
}

/** Longest accepted values, in characters (after whitespace is collapsed). */
export const FIELD_LIMITS = {
  code: 60,
  name: 200,
  shortName: 60,
  locusName: 200,
  address: 500,
} as const;

/** A regional government belongs to a province; a ministry, an agency or a state enterprise never does. */
export function provinceRule(type: InstitutionType): "required" | "forbidden" {
  return type === "KL" || type === "BUMN" ? "forbidden" : "required";
}

/** Trims and collapses every run of whitespace (including non-breaking spaces) to one space. */
export function cleanText(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

/** The key two names are compared by: the same letters, ignoring case and spacing. */
export function nameKey(value: string): string {
  return cleanText(value).toLocaleLowerCase("id");
}

/** Institution codes are stored upper-case: letters, digits, "-", "_" and "."; the import matches on them. */
const CODE_PATTERN = /^[A-Z0-9](?:[A-Z0-9._-]*[A-Z0-9])?$/;

export function normalizeCode(value: string): string {
  return cleanText(value).toUpperCase();
}

export function isValidCode(code: string): boolean {
  return code.length <= FIELD_LIMITS.code && CODE_PATTERN.test(code);
}

const TYPE_ALIASES: Record<string, InstitutionType> = {
  KL: "KL",
  "K/L": "KL",
  "K-L": "KL",
  KEMENTERIAN_LEMBAGA: "KL",
  "KEMENTERIAN/LEMBAGA": "KL",
  PROVINSI: "PROVINSI",
  PROV: "PROVINSI",
  PROVINCE: "PROVINSI",
  KABUPATEN: "KABUPATEN",
  KAB: "KABUPATEN",
  REGENCY: "KABUPATEN",
  KOTA: "KOTA",
  CITY: "KOTA",
  BUMN: "BUMN",
};

/** "K/L", "kl", "Kabupaten", "kab" …; null when the text names no type. */
export function parseInstitutionType(value: string): InstitutionType | null {
  return TYPE_ALIASES[cleanText(value).toUpperCase().replace(/\s+/g, "_")] ?? null;
}

const SERVICE_ALIASES: Record<string, ServiceType> = {
  ADMINISTRATIF: "ADMINISTRATIF",
  ADMINISTRASI: "ADMINISTRATIF",
  ADMINISTRATIVE: "ADMINISTRATIF",
  JASA: "JASA",
  SERVICE: "JASA",
  SERVICES: "JASA",
  BARANG: "BARANG",
  GOODS: "BARANG",
};

export function parseServiceType(value: string): ServiceType | null {
  return SERVICE_ALIASES[cleanText(value).toUpperCase()] ?? null;
}

const ACTIVE_WORDS: Record<string, boolean> = {
  YA: true,
  Y: true,
  YES: true,
  TRUE: true,
  "1": true,
  AKTIF: true,
  ACTIVE: true,
  TIDAK: false,
  NO: false,
  FALSE: false,
  "0": false,
  NONAKTIF: false,
  "TIDAK AKTIF": false,
  INACTIVE: false,
};

/** "ya" / "tidak" (and English or 1/0); null when the text is neither. */
export function parseActive(value: string): boolean | null {
  return ACTIVE_WORDS[cleanText(value).toUpperCase()] ?? null;
}

export interface ProvinceRef {
  code: string;
  /** Stored without the "Provinsi" prefix, e.g. "Sumatera Selatan". */
  name: string;
}

/**
 * Finds a province by its two-digit Kemendagri code ("16") or by its name with or without the
 * "Provinsi" prefix, in any case and spacing ("sumatera  selatan", "Provinsi Sumatera Selatan").
 */
export function provinceResolver(provinces: readonly ProvinceRef[]) {
  const byKey = new Map<string, ProvinceRef>();
  for (const province of provinces) {
    byKey.set(province.code, province);
    byKey.set(nameKey(province.name), province);
    byKey.set(nameKey(`Provinsi ${province.name}`), province);
  }
  return (value: string): ProvinceRef | null => byKey.get(cleanText(value)) ?? byKey.get(nameKey(value)) ?? null;
}
