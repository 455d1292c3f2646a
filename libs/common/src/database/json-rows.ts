/**
 * The head of a multi-row INSERT whose rows travel as one JSON parameter (`$param`: an array of objects keyed by
 * column), typed by the table's columns: one statement and one parameter for any number of rows. The caller adds its
 * ON CONFLICT clause. The table is aliased `t` (for an upsert's merge expressions).
 */
export function insertFromJson(table: string, columns: Record<string, string>, param = 1): string {
  const cols = Object.keys(columns);
  const defs = cols.map((c) => `"${c}" ${columns[c]}`).join(', ');
  return `INSERT INTO ${table} AS t (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM jsonb_to_recordset($${param}::jsonb) AS x(${defs})`;
}
