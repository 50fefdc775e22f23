import { describe, expect, it } from 'vitest';
import { matchRecorded, normalizeSql } from './t5-runtime-match';
import type { SqlSite } from './t5-sql-sites';
import { holeMarker } from './t5-sql-tokens';
import type { TableScope, TenantSchema } from './t5-tenant-rule';

const SCHEMA: TenantSchema = {
  columns: new Map<string, ReadonlySet<string>>([
    ['tasks', new Set(['id', 'org_id', 'status', 'stage'])],
    ['jobs', new Set(['id'])],
  ]),
  scopes: new Map<string, TableScope>([
    ['tasks', { kind: 'org_id' }],
    ['jobs', { kind: 'system', reason: 'queue' }],
  ]),
};

const site = (func: string, texts: string[], holes: string[] = []): SqlSite => ({
  file: 'src/repo.ts',
  line: 1,
  func,
  via: 'SqlExecutor.all',
  texts,
  holes,
  marker: null,
  coveredBy: null,
});

const SITES: readonly SqlSite[] = [
  site('list', [
    'SELECT * FROM tasks WHERE org_id = ? AND status = ? ORDER BY id LIMIT ?',
    'SELECT * FROM tasks WHERE org_id = ? ORDER BY id LIMIT ?',
  ]),
  site('byId', ['SELECT * FROM tasks WHERE id = ?']),
  site('update', [`UPDATE tasks SET ${holeMarker(0)} = ? WHERE id = ? AND stage IN (?)`], ['k']),
];

describe('T5 runtime match', () => {
  it('folds placeholder lists, multi-row VALUES and numbers', () => {
    expect(normalizeSql('INSERT INTO t (a, b)\n VALUES (?, ?), (?, ?) ')).toBe(
      'INSERT INTO t (a, b) VALUES (?)',
    );
    expect(normalizeSql('SELECT * FROM t WHERE id IN (?, ?, ?) LIMIT 10 OFFSET 40')).toBe(
      'SELECT * FROM t WHERE id IN (?) LIMIT 0 OFFSET 0',
    );
  });

  it('accepts known statements: exact, with holes, or the same but for WHERE conditions', () => {
    const report = matchRecorded(
      [
        'SELECT * FROM tasks WHERE org_id = ? ORDER BY id LIMIT ?',
        'SELECT * FROM tasks WHERE org_id = ? AND status = ? AND stage = ? ORDER BY id LIMIT ?',
        'SELECT id FROM jobs WHERE id = ?',
      ],
      SITES,
      SCHEMA,
      {},
    );
    expect(report).toEqual({ failures: [], tenantStatements: 2 });
  });

  it('fails a statement the static check never saw, and an unscoped one nobody excused', () => {
    const report = matchRecorded(
      [
        'DELETE FROM tasks WHERE org_id = ?',
        'SELECT * FROM tasks WHERE id = ?',
        'UPDATE tasks SET status = ? WHERE id = ? AND stage IN (?, ?)',
      ],
      SITES,
      SCHEMA,
      { 'src/repo.ts#update': { tables: ['tasks'], kind: 'checked', reason: 'test' } },
    );
    expect(report.failures).toEqual([
      'executed, but not found by the static check: DELETE FROM tasks WHERE org_id = ?',
      'executed (src/repo.ts:1), breaks the rule and is not excused: SELECT * FROM tasks WHERE id = ?',
    ]);
  });
});
