import type pg from 'pg';
import { notExactlyOneRow, type Row, type SqlExecutor, type SqlValue } from './sql-client';

/**
 * A `SqlExecutor` whose every statement is its own autocommit transaction, answered before it resolves: on
 * pooled connections (`postgres-client.ts`) or on the shared pipelined one (`pg-shared-pipeline.ts`). There is
 * no unit to travel with, so `defer` and `deferOne` wait for their answer like `run`.
 */
export function queryExecutor(
  query: (sql: string, params: readonly SqlValue[]) => Promise<pg.QueryResult>,
): SqlExecutor {
  return {
    dialect: 'postgres',
    all: async <T = Row>(sql: string, params: readonly SqlValue[] = []) =>
      (await query(sql, params)).rows as T[],
    run: async (sql: string, params: readonly SqlValue[] = []) => (await query(sql, params)).rowCount ?? 0,
    defer: async (sql: string, params: readonly SqlValue[] = []) => {
      await query(sql, params);
    },
    deferOne: async (sql: string, params: readonly SqlValue[] = []) => {
      const changed = (await query(sql, params)).rowCount ?? 0;
      if (changed !== 1) throw notExactlyOneRow(changed, sql);
    },
  };
}
