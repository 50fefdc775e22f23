import type { Dialect } from '../sql-client';

/**
 * A FROM item yielding the integers `s.i` from the first to the second `?` parameter, for set-based test data
 * (INSERT … SELECT … FROM series): `generate_series` on PostgreSQL, a recursive CTE on SQLite. The start is
 * cast to an integer there: better-sqlite3 binds a JS number as a REAL, and `'u-' || 3.0` is `u-3.0`.
 */
export function integerSeries(dialect: Dialect): string {
  return dialect === 'postgres'
    ? 'generate_series(?::int, ?::int) AS s(i)'
    : '(WITH RECURSIVE r(i) AS (SELECT CAST(? AS INTEGER) UNION ALL SELECT i + 1 FROM r WHERE i < ?) SELECT i FROM r) AS s';
}
