import { mapHeader, REGISTRY_COLUMNS, type ColumnKey, type HeaderProblem } from "./columns";
import {
  cleanText,
  FIELD_LIMITS,
  isValidCode,
  nameKey,
  normalizeCode,
  parseActive,
  parseInstitutionType,
  parseServiceType,
  parseUnitKind,
  provinceResolver,
  provinceRule,
  type InstitutionType,
  type ProvinceRef,
  type ServiceType,
  type UnitKind,
} from "./fields";
import { isStorableText } from "../text";

/** Largest file accepted, in data rows: the whole country (≈ 630 institutions × 3 loci) fits many times over. */
export const MAX_DATA_ROWS = 20_000;

export interface ImportedLocus {
  /** Row number in the file (the header is row 1). */
  row: number;
  name: string;
  serviceType: ServiceType;
  /** null: cleared; undefined: the file has no address column, so an existing address stays. */
  address?: string | null;
  /** undefined: the cell (or column) is empty, so an existing locus keeps its state and a new one is active. */
  isActive?: boolean;
  /** The parent unit's name; null: directly under the institution; undefined: no such column (the stored parent stays). */
  parentName?: string | null;
  /** undefined: no such column or an empty cell (a stored unit keeps its kind, a new one is LAINNYA). */
  unitKind?: UnitKind;
}

export interface ImportedInstitution {
  row: number;
  code: string;
  name: string;
  /** As for address: undefined when the file has no short-name column. */
  shortName?: string | null;
  type: InstitutionType;
  provinceCode: string | null;
  loci: ImportedLocus[];
}

export type RowErrorCode =
  | "required"
  | "tooLong"
  | "textInvalid"
  | "codeInvalid"
  | "typeInvalid"
  | "serviceTypeInvalid"
  | "activeInvalid"
  | "provinceUnknown"
  | "provinceRequired"
  | "provinceNotAllowed"
  | "duplicateLocus"
  | "institutionConflict"
  | "unitKindInvalid"
  | "parentUnknown"
  | "parentLoop"
  | "institutionNotOwn"
  | "institutionReadOnly";

export interface RowError {
  row: number;
  column?: ColumnKey;
  code: RowErrorCode;
  /** The offending cell as written, when showing it helps. */
  value?: string;
  /** The earlier row this one clashes with (duplicates, conflicting institution data). */
  otherRow?: number;
  max?: number;
}

export type FileProblem = HeaderProblem | { code: "emptyFile" } | { code: "tooManyRows"; max: number };

export interface RegistryValidation {
  /** Problems with the file as a whole; when any is present no row is read. */
  fileProblems: FileProblem[];
  /** Every row error, in row order; a row with an error contributes nothing to the import. */
  errors: RowError[];
  /** The valid rows grouped by institution, in the order they first appear. */
  institutions: ImportedInstitution[];
  /** Non-blank data rows read. */
  dataRows: number;
}

type Cells = Record<ColumnKey, string | undefined>;

/**
 * Reads a registry table (header row first, then one row per locus) against the known provinces.
 * Every problem of every row is reported at once, so an admin fixes a file in one round.
 */
export function validateRegistryTable(table: readonly (readonly string[])[], provinces: readonly ProvinceRef[]): RegistryValidation {
  const empty: RegistryValidation = { fileProblems: [], errors: [], institutions: [], dataRows: 0 };
  const [header, ...body] = table;
  if (!header || header.every((cell) => cell.trim() === "")) return { ...empty, fileProblems: [{ code: "emptyFile" }] };
  const { positions, problems } = mapHeader(header);
  if (problems.length > 0) return { ...empty, fileProblems: problems };
  const dataRows = body.filter((cells) => cells.some((cell) => cell.trim() !== "")).length;
  if (dataRows > MAX_DATA_ROWS) return { ...empty, dataRows, fileProblems: [{ code: "tooManyRows", max: MAX_DATA_ROWS }] };

  const findProvince = provinceResolver(provinces);
  const has = (key: ColumnKey) => positions[key] !== undefined;
  const errors: RowError[] = [];
  const byCode = new Map<string, ImportedInstitution>();
  const locusRows = new Map<string, number>();

  body.forEach((raw, index) => {
    if (raw.every((cell) => cell.trim() === "")) return;
    const row = index + 2;
    const cells = Object.fromEntries(
      REGISTRY_COLUMNS.map((c) => [c.key, positions[c.key] === undefined ? undefined : (raw[positions[c.key]!] ?? "")]),
    ) as Cells;
    const rowErrors: RowError[] = [];
    const fail = (error: Omit<RowError, "row">) => rowErrors.push({ row, ...error });

    const institution = readInstitution(cells, findProvince, fail);
    const locus = readLocus(cells, has, fail);

    if (institution) {
      const first = byCode.get(institution.code);
      if (first) {
        for (const column of conflictingColumns(first, institution)) fail({ column, code: "institutionConflict", otherRow: first.row });
      }
      if (rowErrors.length === 0 && !first) byCode.set(institution.code, { ...institution, row, loci: [] });
    }
    if (institution && locus && rowErrors.length === 0) {
      const key = `${institution.code}\u0000${nameKey(locus.name)}`;
      const otherRow = locusRows.get(key);
      if (otherRow !== undefined) fail({ column: "locusName", code: "duplicateLocus", value: locus.name, otherRow });
      else {
        locusRows.set(key, row);
        byCode.get(institution.code)!.loci.push({ ...locus, row });
      }
    }
    errors.push(...rowErrors);
  });
  return { fileProblems: [], errors, institutions: [...byCode.values()], dataRows };
}

type Fail = (error: Omit<RowError, "row">) => void;

function text(cells: Cells, key: ColumnKey, max: number, fail: Fail, required: boolean): string | null {
  const value = cleanText(cells[key] ?? "");
  if (value === "") {
    if (required) fail({ column: key, code: "required" });
    return null;
  }
  // A NUL or an unpaired surrogate cannot be stored (lib/domain/text.ts).
  if (!isStorableText(value)) {
    fail({ column: key, code: "textInvalid" });
    return null;
  }
  if (value.length > max) {
    fail({ column: key, code: "tooLong", max });
    return null;
  }
  return value;
}

function readInstitution(cells: Cells, findProvince: (value: string) => ProvinceRef | null, fail: Fail): Omit<ImportedInstitution, "loci"> | null {
  let ok = true;
  const failHere: Fail = (error) => {
    ok = false;
    fail(error);
  };
  const rawCode = text(cells, "institutionCode", FIELD_LIMITS.code, failHere, true);
  const code = rawCode === null ? null : normalizeCode(rawCode);
  if (code !== null && !isValidCode(code)) failHere({ column: "institutionCode", code: "codeInvalid", value: rawCode! });
  const name = text(cells, "institutionName", FIELD_LIMITS.name, failHere, true);
  const shortName = cells.shortName === undefined ? undefined : text(cells, "shortName", FIELD_LIMITS.shortName, failHere, false);

  const typeCell = cleanText(cells.institutionType ?? "");
  const type = typeCell === "" ? null : parseInstitutionType(typeCell);
  if (typeCell === "") failHere({ column: "institutionType", code: "required" });
  else if (!type) failHere({ column: "institutionType", code: "typeInvalid", value: typeCell });

  const provinceCell = cleanText(cells.province ?? "");
  const province = provinceCell === "" ? null : findProvince(provinceCell);
  if (type && provinceRule(type) === "forbidden" && provinceCell !== "") {
    failHere({ column: "province", code: "provinceNotAllowed", value: provinceCell });
  } else if (type && provinceRule(type) === "required" && provinceCell === "") {
    failHere({ column: "province", code: "provinceRequired" });
  } else if (provinceCell !== "" && !province) {
    failHere({ column: "province", code: "provinceUnknown", value: provinceCell });
  }
  if (!ok || !code || !name || !type) return null;
  return { row: 0, code, name, shortName, type, provinceCode: province?.code ?? null };
}

/** The locus of a row, or null for a row that only describes its institution (or has errors). */
function readLocus(cells: Cells, has: (key: ColumnKey) => boolean, fail: Fail): Omit<ImportedLocus, "row"> | null {
  const blank = (key: ColumnKey) => cleanText(cells[key] ?? "") === "";
  if (blank("locusName") && blank("serviceType") && blank("address") && blank("active") && blank("parentUnit") && blank("unitKind")) return null;
  let ok = true;
  const failHere: Fail = (error) => {
    ok = false;
    fail(error);
  };
  const name = text(cells, "locusName", FIELD_LIMITS.locusName, failHere, true);
  const serviceCell = cleanText(cells.serviceType ?? "");
  const serviceType = serviceCell === "" ? null : parseServiceType(serviceCell);
  if (serviceCell === "") failHere({ column: "serviceType", code: "required" });
  else if (!serviceType) failHere({ column: "serviceType", code: "serviceTypeInvalid", value: serviceCell });
  const address = has("address") ? text(cells, "address", FIELD_LIMITS.address, failHere, false) : undefined;
  const activeCell = cleanText(cells.active ?? "");
  const isActive = activeCell === "" ? undefined : parseActive(activeCell);
  if (isActive === null) failHere({ column: "active", code: "activeInvalid", value: activeCell });
  const parentName = has("parentUnit") ? text(cells, "parentUnit", FIELD_LIMITS.locusName, failHere, false) : undefined;
  const kindCell = cleanText(cells.unitKind ?? "");
  const unitKind = kindCell === "" ? undefined : parseUnitKind(kindCell);
  if (unitKind === null) failHere({ column: "unitKind", code: "unitKindInvalid", value: kindCell });
  if (!ok || !name || !serviceType) return null;
  return { name, serviceType, address, isActive: isActive ?? undefined, parentName, unitKind: unitKind ?? undefined };
}

/** Every row of one institution code must describe it the same way. */
function conflictingColumns(first: Omit<ImportedInstitution, "loci">, next: Omit<ImportedInstitution, "loci">): ColumnKey[] {
  const columns: ColumnKey[] = [];
  if (first.name !== next.name) columns.push("institutionName");
  if ((first.shortName ?? null) !== (next.shortName ?? null)) columns.push("shortName");
  if (first.type !== next.type) columns.push("institutionType");
  if (first.provinceCode !== next.provinceCode) columns.push("province");
  return columns;
}
