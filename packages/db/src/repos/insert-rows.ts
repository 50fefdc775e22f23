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
 * Multi-row INSERT in chunks of 100 rows (two statement shapes per table: a full chunk and the remainder),
 * so bulk writes cost one statement per 100 rows and the prepared-statement cache stays small.
 */
export async function insertRows<T>(
  db: SqlExecutor,
  table: string,
  columns: readonly string[],
  rows: readonly T[],
  values: (row: T) => SqlValue[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await db.run(insertSql(table, columns, chunk.length), chunk.flatMap(values));
  }
}
