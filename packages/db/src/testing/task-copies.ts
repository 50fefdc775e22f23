import { TASK_COLUMNS } from '../repos/rows';
import type { Dialect } from '../sql-client';
import { integerSeries } from './integer-series';

/**
 * Set-based test data: an INSERT that copies every task `t` matching `where` once per integer `s.i` of a
 * series. The series' bounds are the statement's first two `?` parameters, then come `where`'s. `set` gives the
 * SQL expression of each column that must differ (at least `id`); the unique ones, `unique_id` and
 * `retry_ref`, become NULL unless set.
 */
export function copyTasksSql(
  dialect: Dialect,
  set: { readonly id: string } & Readonly<Record<string, string>>,
  where = '1 = 1',
): string {
  const expr: Readonly<Record<string, string>> = { unique_id: 'NULL', retry_ref: 'NULL', ...set };
  const values = TASK_COLUMNS.map((c) => expr[c] ?? `t.${c}`);
  return `INSERT INTO tasks (${TASK_COLUMNS.join(', ')}) SELECT ${values.join(', ')}
    FROM ${integerSeries(dialect)} CROSS JOIN tasks t WHERE ${where}`;
}
