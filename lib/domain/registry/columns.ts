/**
 * The column layout of a registry file (CSV or XLSX): one row per locus, the institution's columns
 * repeated on each of its rows. The header names are fixed, machine-readable words (Bahasa
 * Indonesia, with English aliases), so a file reads the same whatever the portal's language.
 */

export const REGISTRY_COLUMNS = [
  { key: "institutionCode", header: "kode_instansi", aliases: ["institution_code"], required: true },
  { key: "institutionName", header: "nama_instansi", aliases: ["institution_name"], required: true },
  { key: "shortName", header: "singkatan", aliases: ["short_name"], required: false },
  { key: "institutionType", header: "jenis_instansi", aliases: ["institution_type"], required: true },
  { key: "province", header: "provinsi", aliases: ["province"], required: true },
  { key: "locusName", header: "nama_lokus", aliases: ["locus_name"], required: true },
  { key: "serviceType", header: "jenis_layanan", aliases: ["service_type"], required: true },
  { key: "address", header: "alamat_lokus", aliases: ["locus_address"], required: false },
  { key: "active", header: "lokus_aktif", aliases: ["locus_active"], required: false },
  // Units (issue 16): the unit above this one, by its name in the same institution (empty: directly
  // under the institution), and the kind of unit. Both optional: a file without them keeps what is stored.
  { key: "parentUnit", header: "induk_unit", aliases: ["parent_unit"], required: false },
  { key: "unitKind", header: "jenis_unit", aliases: ["unit_kind"], required: false },
] as const;

export type ColumnKey = (typeof REGISTRY_COLUMNS)[number]["key"];
export const REGISTRY_HEADERS: readonly string[] = REGISTRY_COLUMNS.map((c) => c.header);

/** "Kode Instansi", "kode-instansi", " KODE_INSTANSI " all name the same column. */
export function headerKey(text: string): string {
  return text
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

export type HeaderProblem = { code: "missingColumn"; column: string } | { code: "unknownColumn"; column: string } | { code: "duplicateColumn"; column: string };

/** A column of an import file: its key, its header word, its aliases, whether it must be present. */
export interface ImportColumn<K extends string> {
  key: K;
  header: string;
  aliases: readonly string[];
  required: boolean;
}

/** Where each known column of `columns` sits in the header row; an absent optional column maps to nothing. */
export function mapColumns<K extends string>(
  columns: readonly ImportColumn<K>[],
  header: readonly string[],
): { positions: Partial<Record<K, number>>; problems: HeaderProblem[] } {
  const keyOfHeader = new Map<string, K>(columns.flatMap((column) => [column.header, ...column.aliases].map((name) => [name, column.key] as const)));
  const positions: Partial<Record<K, number>> = {};
  const problems: HeaderProblem[] = [];
  header.forEach((text, index) => {
    const name = headerKey(text);
    if (name === "") return;
    const key = keyOfHeader.get(name);
    if (!key) problems.push({ code: "unknownColumn", column: text.trim() });
    else if (positions[key] !== undefined) problems.push({ code: "duplicateColumn", column: text.trim() });
    else positions[key] = index;
  });
  for (const column of columns) {
    if (column.required && positions[column.key] === undefined) problems.push({ code: "missingColumn", column: column.header });
  }
  return { positions, problems };
}

/** Where each registry column sits in the header row. */
export function mapHeader(header: readonly string[]): { positions: Partial<Record<ColumnKey, number>>; problems: HeaderProblem[] } {
  return mapColumns(REGISTRY_COLUMNS, header);
}
