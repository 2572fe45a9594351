import type { ColumnKey } from "./columns";
import type { ProvinceRef } from "./fields";
import type { ExistingInstitution } from "./plan";

export type RegistryFileRow = Record<ColumnKey, string>;

/**
 * The stored registry in the import layout: one row per locus (sorted by name), and one row with
 * empty locus columns for an institution without loci. Importing the result changes nothing.
 */
export function registryFileRows(institutions: readonly ExistingInstitution[], provinces: readonly ProvinceRef[]): RegistryFileRow[] {
  const provinceName = new Map(provinces.map((p) => [p.code, p.name]));
  return institutions.flatMap((institution) => {
    const base = {
      institutionCode: institution.code,
      institutionName: institution.name,
      shortName: institution.shortName ?? "",
      institutionType: institution.type,
      province: institution.provinceCode ? (provinceName.get(institution.provinceCode) ?? institution.provinceCode) : "",
    };
    if (institution.loci.length === 0) return [{ ...base, locusName: "", serviceType: "", address: "", active: "", parentUnit: "", unitKind: "" }];
    return [...institution.loci]
      .sort((a, b) => a.name.localeCompare(b.name, "id"))
      .map((locus) => ({
        ...base,
        locusName: locus.name,
        serviceType: locus.serviceType,
        address: locus.address ?? "",
        active: locus.isActive ? "ya" : "tidak",
        parentUnit: locus.parentName ?? "",
        unitKind: locus.unitKind,
      }));
  });
}

/** Example rows of the downloadable template: one ministry, one province, one regency. */
export const TEMPLATE_ROWS: readonly RegistryFileRow[] = [
  {
    institutionCode: "KL-CONTOH",
    institutionName: "Kementerian Contoh",
    shortName: "Kemencontoh",
    institutionType: "KL",
    province: "",
    locusName: "Unit Layanan Terpadu Kementerian Contoh",
    serviceType: "ADMINISTRATIF",
    address: "Jl. Contoh No. 1, Jakarta",
    active: "ya",
    parentUnit: "",
    unitKind: "UPT",
  },
  {
    institutionCode: "PROV-CONTOH",
    institutionName: "Provinsi Contoh",
    shortName: "",
    institutionType: "PROVINSI",
    province: "Jawa Barat",
    locusName: "Rumah Sakit Umum Daerah Provinsi Contoh",
    serviceType: "JASA",
    address: "",
    active: "ya",
    parentUnit: "",
    unitKind: "RUMAH_SAKIT",
  },
  {
    institutionCode: "KAB-CONTOH",
    institutionName: "Kabupaten Contoh",
    shortName: "",
    institutionType: "KABUPATEN",
    province: "32",
    locusName: "Dinas Pertanian (Penyaluran Benih) Kabupaten Contoh",
    serviceType: "BARANG",
    address: "",
    active: "tidak",
    parentUnit: "",
    unitKind: "DINAS",
  },
];
