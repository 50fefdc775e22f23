import { describe, expect, it } from 'vitest';
import { parseStatement } from './t5-sql-statement';
import { checkStatement, type TableScope, type TenantSchema } from './t5-tenant-rule';

/** A small schema: the tenant, two org_id tables, a child scoped through its parent, a system table. */
const SCHEMA: TenantSchema = {
  columns: new Map<string, ReadonlySet<string>>([
    ['orgs', new Set(['id', 'name'])],
    ['projects', new Set(['id', 'org_id', 'name'])],
    ['tasks', new Set(['id', 'org_id', 'project_id', 'status', 'unique_id'])],
    ['annotations', new Set(['id', 'org_id', 'task_id', 'x'])],
    ['notes', new Set(['task_id', 'body'])],
    ['jobs', new Set(['id', 'status'])],
  ]),
  scopes: new Map<string, TableScope>([
    ['orgs', { kind: 'root', column: 'id' }],
    ['projects', { kind: 'org_id' }],
    ['tasks', { kind: 'org_id' }],
    ['annotations', { kind: 'org_id' }],
    ['notes', { kind: 'parent', column: 'task_id', parent: 'tasks' }],
    ['jobs', { kind: 'system', reason: 'the job queue' }],
  ]),
};

const scoped: readonly string[] = [
  'SELECT * FROM tasks WHERE id = ? AND org_id = ?',
  'SELECT * FROM tasks WHERE org_id = $1 AND (status = $2 OR status = $3)',
  "SELECT * FROM tasks WHERE org_id = 'o1'",
  'SELECT an.* FROM annotations an JOIN tasks t ON t.id = an.task_id WHERE t.org_id = ?',
  'SELECT an.* FROM annotations an JOIN tasks t ON t.org_id = an.org_id WHERE t.org_id = ? AND t.id = ?',
  'SELECT t.* FROM tasks t WHERE t.org_id = ? AND NOT EXISTS (SELECT 1 FROM annotations a WHERE a.task_id = t.id)',
  'SELECT t.* FROM tasks t LEFT JOIN annotations a ON a.task_id = t.id WHERE t.org_id = ?',
  'UPDATE tasks SET status = ? WHERE id = ? AND org_id = ?',
  'DELETE FROM annotations WHERE org_id = ? AND id = ?',
  'INSERT INTO tasks (id, org_id, project_id) VALUES (?, ?, ?)',
  'INSERT INTO tasks (id, org_id) VALUES (?, ?) ON CONFLICT (org_id, id) DO UPDATE SET status = excluded.status',
  `INSERT INTO annotations (id, org_id, task_id) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET x = excluded.x
     WHERE annotations.org_id = excluded.org_id`,
  'INSERT INTO annotations (id, org_id, task_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  'SELECT * FROM jobs WHERE id = ?',
  'SELECT * FROM orgs WHERE id = ?',
  'SELECT p.* FROM projects p JOIN orgs o ON o.id = p.org_id WHERE o.id = ?',
  'SELECT n.* FROM notes n JOIN tasks t ON t.id = n.task_id WHERE t.org_id = ?',
  `SELECT t.* FROM jsonb_array_elements_text(?::jsonb) AS u(id) CROSS JOIN LATERAL
     (SELECT * FROM tasks WHERE org_id = ? AND unique_id = u.id LIMIT 1) AS t`,
  'WITH recent AS (SELECT id FROM tasks WHERE org_id = ?) SELECT * FROM recent',
  '/* custom plan */ SELECT * FROM tasks -- trailing\n WHERE org_id = ?',
  'CREATE TABLE tasks (id TEXT PRIMARY KEY, org_id TEXT NOT NULL)',
  'SAVEPOINT s1',
];

const unscoped: readonly (readonly [string, string, string])[] = [
  ['SELECT * FROM tasks WHERE id = ?', 'tasks', 'unscoped'],
  ['SELECT * FROM tasks WHERE id = ? OR org_id = ?', 'tasks', 'unscoped'],
  ['SELECT * FROM tasks WHERE NOT (org_id = ?)', 'tasks', 'unscoped'],
  ['SELECT * FROM tasks WHERE CASE WHEN org_id = ? THEN 1 ELSE 1 END = 1', 'tasks', 'unscoped'],
  ['SELECT * FROM tasks WHERE org_id = org_id', 'tasks', 'unscoped'],
  ['SELECT * FROM tasks WHERE org_id = ? || ?', 'tasks', 'unscoped'],
  ['SELECT * FROM tasks WHERE org_id IN (?, ?)', 'tasks', 'unscoped'],
  [
    'SELECT an.* FROM annotations an JOIN tasks t ON t.id = an.task_id WHERE an.task_id = ?',
    'annotations',
    'unscoped',
  ],
  [
    'SELECT t.* FROM tasks t LEFT JOIN annotations a ON a.task_id = t.id AND a.org_id = ?',
    'tasks',
    'unscoped',
  ],
  [
    'SELECT t.* FROM tasks t LEFT JOIN annotations a ON a.task_id = t.id AND t.org_id = ?',
    'tasks',
    'unscoped',
  ],
  ['UPDATE tasks SET org_id = ? WHERE id = ?', 'tasks', 'unscoped'],
  ['DELETE FROM annotations WHERE id = ?', 'annotations', 'unscoped'],
  [
    'SELECT * FROM projects WHERE org_id = ? AND id IN (SELECT project_id FROM tasks WHERE id = ?)',
    'tasks',
    'unscoped',
  ],
  [
    'SELECT (SELECT COUNT(*) FROM tasks WHERE project_id = ?) AS n FROM projects WHERE org_id = ?',
    'tasks',
    'unscoped',
  ],
  ['SELECT n.* FROM notes n WHERE n.task_id = ?', 'notes', 'unscoped'],
  ['SELECT * FROM orgs', 'orgs', 'unscoped'],
  ['INSERT INTO tasks (id, project_id) VALUES (?, ?)', 'tasks', 'insert'],
  ['INSERT INTO notes (task_id, body) VALUES (?, ?)', 'notes', 'insert'],
  [
    'INSERT INTO annotations (id, org_id) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET x = excluded.x',
    'annotations',
    'upsert',
  ],
  ['SELECT * FROM mystery WHERE org_id = ?', 'mystery', 'unknown-table'],
];

describe('T5 tenant rule', () => {
  it.each(scoped)('passes a scoped statement: %s', (sql) => {
    expect(checkStatement(sql, SCHEMA)).toEqual([]);
  });

  it.each(unscoped)('fails %s on %s (%s)', (sql, table, kind) => {
    const found = checkStatement(sql, SCHEMA);
    expect(found.map((v) => [v.table, v.kind])).toContainEqual([table, kind]);
  });

  it('names every unscoped table of a join, not just the first', () => {
    const found = checkStatement(
      'SELECT t.* FROM tasks t LEFT JOIN annotations a ON a.task_id = t.id AND t.org_id = ?',
      SCHEMA,
    );
    expect(found.map((v) => v.table).sort()).toEqual(['annotations', 'tasks']);
  });

  it('refuses joins it does not reason about', () => {
    const found = checkStatement(
      'SELECT * FROM tasks t RIGHT JOIN projects p ON p.id = t.project_id',
      SCHEMA,
    );
    expect(found.some((v) => v.kind === 'unsupported')).toBe(true);
  });

  it('counts unresolved parts outside string literals only', () => {
    expect(parseStatement("SELECT * FROM tasks WHERE status = '\uE0000\uE001'").holes).toBe(0);
    expect(parseStatement('SELECT * FROM tasks WHERE \uE0000\uE001').holes).toBe(1);
  });
});
