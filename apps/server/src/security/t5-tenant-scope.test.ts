import { beforeAll, describe, expect, it } from 'vitest';
import { type Codebase, scanCodebase } from './t5-codebase';
import { SITE_EXCEPTIONS, UNRESOLVED_SQL, WRAPPER_SQL } from './t5-site-exceptions';
import { SOURCES } from './t5-sources';
import { importsOfExcluded, sqlLiterals } from './t5-sql-program';
import { TABLE_SCOPES } from './t5-table-scopes';
import { runTenantCheck, SCOPES_FILE } from './t5-tenant-check';

/**
 * T5 (SQLite has no row-level security, and Tessera does not use PostgreSQL's either): a static check that
 * every statement the service runs is tenant-scoped. See t5-tenant-rule.ts for the rule and
 * t5-site-exceptions.ts for the reviewed statements that are cross-tenant by design.
 */
describe('T5 static tenant-scope check over the codebase', () => {
  let code: Codebase;
  beforeAll(async () => {
    code = await scanCodebase();
  }, 120_000);

  it('derives the tenant tables from the migrations and the reviewed table agrees', () => {
    const problems: string[] = [];
    for (const [table, columns] of code.schema.columns) {
      const scope = TABLE_SCOPES[table];
      if (scope === undefined) {
        problems.push(
          `table "${table}" (from the migrations) has no entry in TABLE_SCOPES (${SCOPES_FILE}): add ` +
            `{ kind: 'org_id' } when it has an org_id column, else say how it is scoped or why it is cross-tenant`,
        );
      } else if ((scope.kind === 'org_id') !== columns.has('org_id')) {
        problems.push(
          `TABLE_SCOPES says ${scope.kind} for "${table}", whose org_id column ${columns.has('org_id') ? 'exists' : 'does not'}`,
        );
      } else if ((scope.kind === 'root' || scope.kind === 'parent') && !columns.has(scope.column)) {
        problems.push(`TABLE_SCOPES names column ${scope.column}, which "${table}" lacks`);
      } else if (scope.kind === 'parent' && TABLE_SCOPES[scope.parent]?.kind === 'system') {
        problems.push(`"${table}" is scoped through "${scope.parent}", which is not tenant-scoped itself`);
      }
    }
    for (const table of Object.keys(TABLE_SCOPES)) {
      if (!code.schema.columns.has(table))
        problems.push(`TABLE_SCOPES lists "${table}", which no migration creates`);
    }
    expect(problems).toEqual([]);
    const tenant = [...code.schema.columns].filter(([, c]) => c.has('org_id')).map(([t]) => t);
    expect(tenant).toEqual(
      expect.arrayContaining(['tasks', 'projects', 'annotations', 'api_keys', 'webhook_endpoints']),
    );
  });

  it('finds the SQL of every layer that runs statements', () => {
    const files = new Set(code.sites.map((s) => s.file));
    for (const f of [
      'packages/db/src/repos/task-repo.ts',
      'packages/db/src/repos/queue-repo.ts',
      'packages/jobs/src/job-queue.ts',
      'apps/server/src/auth/api-key-store.ts',
      'apps/server/src/webhooks/endpoint-store.ts',
      'apps/cli/src/io/tessera-context.ts',
    ]) {
      expect(files, f).toContain(f);
    }
    const get = code.sites.find((s) => s.func === 'taskRepo.get');
    expect(get?.texts).toEqual(['SELECT * FROM tasks WHERE id = ? AND org_id = ?']);
  });

  it('sees every statement literal of the sources at an executor call', () => {
    const normal = (s: string) => s.replace(/\s+/g, ' ').trim();
    const seen = code.sites.flatMap((s) => s.texts.map(normal));
    // A migration's statements run at the migrator's one call, excused in UNRESOLVED_SQL with what they do.
    const byMigrator = (at: string) =>
      at.startsWith('packages/db/src/migrations/') && 'packages/db/src/migrator.ts#migrate' in UNRESOLVED_SQL;
    const wrapper = (l: { at: string; text: string }) =>
      WRAPPER_SQL.some((w) => l.at.startsWith(`${w.file}:`) && l.text.startsWith(w.starts));
    const unseen = sqlLiterals(code.source).filter(
      (l) => !byMigrator(l.at) && !wrapper(l) && !seen.some((t) => t.includes(normal(l.text))),
    );
    expect(unseen.map((l) => `${l.at}: ${normal(l.text).slice(0, 120)}`)).toEqual([]);
  });

  it('leaves out only files that no shipped file imports', () => {
    expect(importsOfExcluded(code.source, SOURCES)).toEqual([]);
  });

  it('finds every statement on a tenant table scoped, or excused with a reason', () => {
    const result = runTenantCheck({
      sites: code.sites,
      schema: code.schema,
      exceptions: SITE_EXCEPTIONS,
      unresolved: UNRESOLVED_SQL,
    });
    expect(result.failures, `\n${result.failures.join('\n\n')}\n`).toEqual([]);
    expect(result.statements).toBeGreaterThan(200);
  });
});
