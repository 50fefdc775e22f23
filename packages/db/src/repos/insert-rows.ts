import type { SqlExecutor, SqlValue } from '../sql-client';

const CHUNK = 100;

/** Built once per (table, row count): bulk inserts reuse the same SQL text, not a fresh 3,000-char string. */
const sqlCache = new Map<string, string>();

function insertSql(table: string, columns: readonly string[], rows: number): string {
  const key = `${table}:${rows}`;
  let sql = sqlCache.get(key);
  if (sql === undefined) {
    const one = `(${columns.map(() => '?').join(', ')})`;
    sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => one).join(', ')}`;
    sqlCache.set(key, sql);
  }
  return sql;
}

/**
 * The parameters of rows [from, to) in one flat array. A plain loop: `Array.prototype.flatMap` took 0.9 µs
 * per 14-column row on Node 20, ten times this, and was an eighth of a bulk ingest's CPU.
 */
function flatValues<T>(rows: readonly T[], from: number, to: number, values: (row: T) => SqlValue[]) {
  const params: SqlValue[] = [];
  for (let i = from; i < to; i++) {
    const row = values(rows[i] as T);
    for (let k = 0; k < row.length; k++) params.push(row[k] as SqlValue);
  }
  return params;
}

/**
 * Multi-row INSERT in chunks of 100 rows (two statement shapes per table: a full chunk and the remainder),
 * so bulk writes cost one statement per 100 rows and the prepared-statement cache stays small. Deferred
 * (`SqlExecutor.defer`): in a PostgreSQL transaction the chunks are sent without waiting for each other.
 */
export async function insertRows<T>(
  db: SqlExecutor,
  table: string,
  columns: readonly string[],
  rows: readonly T[],
  values: (row: T) => SqlValue[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const end = Math.min(rows.length, i + CHUNK);
    await db.defer(insertSql(table, columns, end - i), flatValues(rows, i, end, values));
  }
}
