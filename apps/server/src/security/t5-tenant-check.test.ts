import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSourceProgram } from './t5-sql-program';
import { SiteCollector, type SqlSite } from './t5-sql-sites';
import { runTenantCheck, type SiteException } from './t5-tenant-check';
import type { TableScope, TenantSchema } from './t5-tenant-rule';

/** A throwaway repository: the SqlExecutor interface where the check looks for it, and one repo file. */
const FILES: Readonly<Record<string, string>> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      strict: true,
      target: 'ES2023',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      types: [],
    },
  }),
  'packages/db/src/sql-client.ts': `
export interface SqlExecutor {
  all(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}`,
  'src/repo.ts': `import type { SqlExecutor } from '../packages/db/src/sql-client';
const COLS = 'id, org_id';
const one = (db: SqlExecutor, sql: string) => db.all(sql);
export function repo(db: SqlExecutor, sort: string, pg: boolean) {
  return {
    scoped: (orgId: string) => db.all(\`SELECT \${COLS} FROM tasks WHERE id = ? AND org_id = ?\${pg ? ' FOR UPDATE' : ''}\`, [orgId]),
    leaky: (id: string) => db.all('SELECT * FROM tasks WHERE id = ?', [id]),
    filters(orgId: string, projectId?: string) {
      const where = ['org_id = ?'];
      if (projectId !== undefined) where.push('project_id = ?');
      return db.all(\`SELECT * FROM tasks WHERE \${where.join(' AND ')}\`, [orgId]);
    },
    sorted: () => db.all(\`SELECT * FROM tasks WHERE org_id = ? ORDER BY \${sort}\`),
    sweep() {
      // tenant: system — the fixture's sweeper
      return db.run('DELETE FROM tasks WHERE status = ?', ['done']);
    },
    viaHelper: () => one(db, 'SELECT * FROM projects WHERE id = ?'),
    insert: () => db.run('INSERT INTO projects (id, name) VALUES (?, ?)'),
  };
}
`,
};

const SCHEMA: TenantSchema = {
  columns: new Map<string, ReadonlySet<string>>([
    ['tasks', new Set(['id', 'org_id', 'project_id', 'status'])],
    ['projects', new Set(['id', 'org_id', 'name'])],
  ]),
  scopes: new Map<string, TableScope>([
    ['tasks', { kind: 'org_id' }],
    ['projects', { kind: 'org_id' }],
  ]),
};

const lineOf = (needle: string) =>
  (FILES['src/repo.ts'] ?? '').split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('T5 check end to end on a small repository', () => {
  let root: string;
  let sites: readonly SqlSite[];
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'tessera-t5-fixture-'));
    for (const [path, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const source = openSourceProgram(root, { roots: ['src'], excluded: [] });
    sites = new SiteCollector(source, []).collect();
  }, 60_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const check = (exceptions: Record<string, SiteException> = {}, unresolved: Record<string, string> = {}) =>
    runTenantCheck({ sites, schema: SCHEMA, exceptions, unresolved });

  it('resolves constants, branches, joined arrays and helpers into the statements they run', () => {
    const texts = (func: string) => sites.filter((s) => s.func === func).flatMap((s) => s.texts);
    expect(texts('repo.scoped')).toEqual([
      'SELECT id, org_id FROM tasks WHERE id = ? AND org_id = ? FOR UPDATE',
      'SELECT id, org_id FROM tasks WHERE id = ? AND org_id = ?',
    ]);
    expect(texts('repo.filters').sort()).toEqual([
      'SELECT * FROM tasks WHERE org_id = ?',
      'SELECT * FROM tasks WHERE org_id = ? AND project_id = ?',
    ]);
    expect(texts('repo.viaHelper')).toEqual(['SELECT * FROM projects WHERE id = ?']);
    expect(sites.find((s) => s.func === 'one')?.coveredBy).toBe('forwarder:one');
  });

  it('fails a query without the org filter, naming file:line and the table', () => {
    const failures = check().failures;
    const leaky = failures.find((f) => f.startsWith(`src/repo.ts:${lineOf('leaky:')} (repo.leaky)`));
    expect(leaky).toContain('tenant table "tasks"');
    expect(leaky).toContain('AND org_id = ?');
    expect(failures.some((f) => f.startsWith(`src/repo.ts:${lineOf('viaHelper:')} (repo.viaHelper)`))).toBe(
      true,
    );
    const insert = failures.find((f) => f.includes('(repo.insert)'));
    expect(insert).toContain('INSERT does not set org_id on tenant table "projects"');
    expect(failures.find((f) => f.includes('(repo.sorted)'))).toContain(`cannot read: \${sort}`);
    expect(
      failures.some(
        (f) => f.includes('repo.scoped') || f.includes('repo.filters') || f.includes('repo.sweep'),
      ),
    ).toBe(false);
  });

  it('passes excused statements, and fails exceptions that no longer match', () => {
    const { failures, excused } = check(
      {
        'src/repo.ts#repo.leaky': { tables: ['tasks'], kind: 'checked', reason: 'fixture' },
        'src/repo.ts#repo.viaHelper': { tables: ['projects'], kind: 'system', reason: 'fixture' },
        'src/repo.ts#repo.insert': { tables: ['projects'], kind: 'system', reason: 'fixture' },
        'src/repo.ts#repo.gone': { tables: ['tasks'], kind: 'system', reason: 'fixture' },
        'src/repo.ts#repo.scoped': { tables: ['tasks'], kind: 'checked', reason: 'fixture' },
      },
      { 'src/repo.ts#repo.sorted': 'a column name from a fixed list', 'src/repo.ts#repo.leaky': 'nothing' },
    );
    expect([...failures].sort()).toEqual([
      "SITE_EXCEPTIONS['src/repo.ts#repo.gone'] matches no SQL site any more: remove it.",
      "SITE_EXCEPTIONS['src/repo.ts#repo.scoped'] lists tasks, which its SQL now scopes: remove them.",
      "UNRESOLVED_SQL['src/repo.ts#repo.leaky'] matches no SQL with unresolved parts any more: remove it.",
    ]);
    expect(excused.map((e) => e.key)).toContain('src/repo.ts#repo.sweep');
  });
});
