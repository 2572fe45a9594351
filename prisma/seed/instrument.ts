import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { instrumentRows } from "../../lib/domain/cycle/instrument-rows";
import { formatProblems, validateInstrument, type InstrumentDefinition } from "../../lib/domain/instrument";
import { UserFacingError } from "../../scripts/lib/errors";
import { insertRows } from "./bulk-insert";

export const DEFAULT_INSTRUMENT_FILE = path.resolve(import.meta.dirname, "..", "instruments", "pekppp-a-2025.json");
/**
 * The vulnerable-group facility evaluation (docs/domain.md §6), loaded beside code A as a version no
 * cycle uses: it shows the engine carries other aspects and weights. Its indicators are provisional.
 */
export const SECOND_INSTRUMENT_FILE = path.resolve(import.meta.dirname, "..", "instruments", "ramah-kelompok-rentan-2025.json");

/** Reads and validates an instrument file; a corrupt one is refused with every problem named. */
export function readInstrumentFile(file: string): InstrumentDefinition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserFacingError(`Berkas instrumen ${path.basename(file)} tidak dapat dibaca sebagai JSON: ${reason}`);
  }
  const result = validateInstrument(parsed);
  if (!result.ok) {
    throw new UserFacingError(`Berkas instrumen ${path.basename(file)} ditolak:\n${formatProblems(result.problems)}`);
  }
  return result.instrument;
}

export interface StoredInstrument {
  id: string;
  definition: InstrumentDefinition;
  /** Indicator id by indicator code. */
  indicatorIds: Map<string, string>;
  aspectIds: Map<string, string>;
}

/** Stores a validated version; `locked` when a cycle uses it (a version no cycle uses stays editable). */
export async function insertInstrument(client: pg.ClientBase, definition: InstrumentDefinition, { locked = true } = {}): Promise<StoredInstrument> {
  const id = randomUUID();
  await client.query(
    `INSERT INTO "InstrumentVersion" (id, code, version, name, description, "lockedAt") VALUES ($1, $2, $3, $4, $5, CASE WHEN $6 THEN now() END)`,
    [id, definition.code, definition.version, definition.name, definition.description, locked],
  );
  // The same rows the portal's instrument editor writes (lib/domain/cycle/instrument-rows.ts).
  const rows = instrumentRows(definition, id, randomUUID);
  await insertRows(
    client,
    "InstrumentAspect",
    [
      { name: "id", arrayType: "uuid[]" },
      { name: "instrumentVersionId", arrayType: "uuid[]" },
      { name: "code", arrayType: "text[]" },
      { name: "name", arrayType: "text[]" },
      { name: "weight", arrayType: "int[]" },
      { name: "position", arrayType: "int[]" },
    ],
    rows.aspects.map((r) => [r.id, r.instrumentVersionId, r.code, r.name, r.weight, r.position]),
  );
  await insertRows(
    client,
    "InstrumentIndicator",
    [
      { name: "id", arrayType: "uuid[]" },
      { name: "instrumentVersionId", arrayType: "uuid[]" },
      { name: "aspectId", arrayType: "uuid[]" },
      { name: "code", arrayType: "text[]" },
      { name: "name", arrayType: "text[]" },
      { name: "question", arrayType: "text[]" },
      { name: "weight", arrayType: "int[]" },
      { name: "evidenceHint", arrayType: "text[]" },
      { name: "position", arrayType: "int[]" },
    ],
    rows.indicators.map((r) => [r.id, r.instrumentVersionId, r.aspectId, r.code, r.name, r.question, r.weight, r.evidenceHint, r.position]),
  );
  await insertRows(
    client,
    "IndicatorLevel",
    [
      { name: "indicatorId", arrayType: "uuid[]" },
      { name: "level", arrayType: "int[]" },
      { name: "description", arrayType: "text[]" },
    ],
    rows.levels.map((r) => [r.indicatorId, r.level, r.description]),
  );
  await insertRows(
    client,
    "SurveyItem",
    [
      { name: "instrumentVersionId", arrayType: "uuid[]" },
      { name: "code", arrayType: "text[]" },
      { name: "text", arrayType: "text[]" },
      { name: "position", arrayType: "int[]" },
    ],
    rows.surveyItems.map((r) => [r.instrumentVersionId, r.code, r.text, r.position]),
  );
  const aspectIds = new Map(rows.aspects.map((r) => [r.code, r.id]));
  const indicatorIds = new Map(rows.indicators.map((r) => [r.code, r.id]));
  return { id, definition, indicatorIds, aspectIds };
}
