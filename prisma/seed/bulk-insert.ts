import type pg from "pg";

export interface ColumnSpec {
  name: string;
  /** PostgreSQL array type the values are sent as, e.g. "uuid[]", "int[]", "text[]". */
  arrayType: string;
  /** Optional cast applied after unnesting, e.g. "::smallint[]" for a text literal of an array. */
  cast?: string;
}

const DEFAULT_BATCH = 20_000;

/**
 * Inserts rows with one statement per batch: every column is sent as one array parameter and
 * unnested on the server, so a batch costs one round trip whatever its size.
 */
export async function insertRows(
  client: pg.ClientBase,
  table: string,
  columns: readonly ColumnSpec[],
  rows: readonly (readonly unknown[])[],
  batchSize = DEFAULT_BATCH,
): Promise<number> {
  const columnList = columns.map((c) => `"${c.name}"`).join(", ");
  const params = columns.map((c, i) => `$${i + 1}::${c.arrayType}`).join(", ");
  const aliases = columns.map((_, i) => `c${i}`);
  const selectList = columns.map((c, i) => `${aliases[i]}${c.cast ?? ""}`).join(", ");
  const sql = `INSERT INTO "${table}" (${columnList}) SELECT ${selectList} FROM unnest(${params}) AS t(${aliases.join(", ")})`;

  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const values = columns.map((_, columnIndex) => batch.map((row) => row[columnIndex] ?? null));
    await client.query(sql, values);
  }
  return rows.length;
}

/** A PostgreSQL array literal for unnest-then-cast of array columns. */
export function arrayLiteral(values: readonly number[]): string {
  return `{${values.join(",")}}`;
}
