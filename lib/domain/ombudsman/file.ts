import { cleanText, isValidCode, mapColumns, normalizeCode, type HeaderProblem } from "../registry";
import { expectedZone, parseScore, parseZone, type OmbudsmanZone } from "./zones";

/**
 * The layout of an Ombudsman results file (CSV or XLSX): one row per institution and year. The
 * institution is matched by its registry code, as the registry import matches (docs/domain.md §7);
 * its name may be present for people reading the file and is not used.
 */
export const OMBUDSMAN_COLUMNS = [
  { key: "institutionCode", header: "kode_instansi", aliases: ["institution_code"], required: true },
  { key: "institutionName", header: "nama_instansi", aliases: ["institution_name"], required: false },
  { key: "year", header: "tahun", aliases: ["year"], required: true },
  { key: "score", header: "nilai", aliases: ["score"], required: true },
  { key: "zone", header: "zona", aliases: ["zone"], required: true },
  { key: "rank", header: "peringkat", aliases: ["rank"], required: false },
] as const;

export type OmbudsmanColumnKey = (typeof OMBUDSMAN_COLUMNS)[number]["key"];

/** Largest file accepted, in data rows (every institution of the country for many years). */
export const MAX_OMBUDSMAN_ROWS = 20_000;
export const MIN_OMBUDSMAN_YEAR = 2000;
export const MAX_OMBUDSMAN_YEAR = 2100;

export interface OmbudsmanRow {
  row: number;
  code: string;
  year: number;
  /** Exact hundredths, 0–10000. */
  score: number;
  zone: OmbudsmanZone;
  rank: number | null;
}

export type OmbudsmanRowErrorCode =
  | "required"
  | "codeInvalid"
  | "yearInvalid"
  | "scoreInvalid"
  | "zoneInvalid"
  | "zoneMismatch"
  | "rankInvalid"
  | "duplicateRow"
  | "institutionUnknown";

export interface OmbudsmanRowError {
  row: number;
  column?: OmbudsmanColumnKey;
  code: OmbudsmanRowErrorCode;
  value?: string;
  otherRow?: number;
  /** For zoneMismatch: the zone the year's bands give the score. */
  expected?: OmbudsmanZone;
}

export type OmbudsmanFileProblem = HeaderProblem | { code: "emptyFile" } | { code: "tooManyRows"; max: number };

export interface OmbudsmanValidation {
  fileProblems: OmbudsmanFileProblem[];
  errors: OmbudsmanRowError[];
  rows: OmbudsmanRow[];
  dataRows: number;
  /** Years in the file whose bands are not known: their zones are stored as given, unchecked. */
  uncheckedYears: number[];
}

const isBlank = (cells: readonly string[]) => cells.every((cell) => cell.trim() === "");

/**
 * Reads an Ombudsman table (header row first). Every problem of every row is reported at once; the
 * zone must agree with the score where the year's bands are known.
 */
export function validateOmbudsmanTable(table: readonly (readonly string[])[]): OmbudsmanValidation {
  const empty: OmbudsmanValidation = { fileProblems: [], errors: [], rows: [], dataRows: 0, uncheckedYears: [] };
  const [header, ...body] = table;
  if (!header || isBlank(header)) return { ...empty, fileProblems: [{ code: "emptyFile" }] };
  const { positions, problems } = mapColumns(OMBUDSMAN_COLUMNS, header);
  if (problems.length > 0) return { ...empty, fileProblems: problems };
  const dataRows = body.filter((cells) => !isBlank(cells)).length;
  if (dataRows > MAX_OMBUDSMAN_ROWS) return { ...empty, dataRows, fileProblems: [{ code: "tooManyRows", max: MAX_OMBUDSMAN_ROWS }] };

  const errors: OmbudsmanRowError[] = [];
  const rows: OmbudsmanRow[] = [];
  const seen = new Map<string, number>();
  const unchecked = new Set<number>();
  body.forEach((raw, index) => {
    if (isBlank(raw)) return;
    const row = index + 2;
    const cell = (key: OmbudsmanColumnKey) => cleanText(positions[key] === undefined ? "" : (raw[positions[key]!] ?? ""));
    const rowErrors: OmbudsmanRowError[] = [];
    const fail = (error: Omit<OmbudsmanRowError, "row">) => rowErrors.push({ row, ...error });
    const read = <T>(key: OmbudsmanColumnKey, code: OmbudsmanRowErrorCode, parse: (text: string) => T | null): T | null => {
      const text = cell(key);
      if (text === "") {
        fail({ column: key, code: "required" });
        return null;
      }
      const value = parse(text);
      if (value === null) fail({ column: key, code, value: text });
      return value;
    };

    const code = read("institutionCode", "codeInvalid", (text) => (isValidCode(normalizeCode(text)) ? normalizeCode(text) : null));
    const year = read("year", "yearInvalid", parseYear);
    const score = read("score", "scoreInvalid", parseScore);
    const zone = read("zone", "zoneInvalid", parseZone);
    const rankText = cell("rank");
    const rank = rankText === "" ? null : parseRank(rankText);
    if (rankText !== "" && rank === null) fail({ column: "rank", code: "rankInvalid", value: rankText });
    if (year !== null && score !== null && zone !== null) {
      const expected = expectedZone(year, score);
      if (expected === null) unchecked.add(year);
      else if (expected !== zone) fail({ column: "zone", code: "zoneMismatch", value: cell("zone"), expected });
    }
    if (code !== null && year !== null && rowErrors.length === 0) {
      const key = `${code}\u0000${year}`;
      const otherRow = seen.get(key);
      if (otherRow !== undefined) fail({ column: "institutionCode", code: "duplicateRow", value: code, otherRow });
      else seen.set(key, row);
    }
    if (rowErrors.length === 0) rows.push({ row, code: code!, year: year!, score: score!, zone: zone!, rank });
    errors.push(...rowErrors);
  });
  return { fileProblems: [], errors, rows, dataRows, uncheckedYears: [...unchecked].sort((a, b) => a - b) };
}

function parseYear(text: string): number | null {
  if (!/^\d{4}$/.test(text)) return null;
  const year = Number(text);
  return year >= MIN_OMBUDSMAN_YEAR && year <= MAX_OMBUDSMAN_YEAR ? year : null;
}

function parseRank(text: string): number | null {
  if (!/^\d{1,6}$/.test(text)) return null;
  const rank = Number(text);
  return rank >= 1 ? rank : null;
}
