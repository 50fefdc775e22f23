import type { SourceSelection } from './t5-sql-program';
import type { SqlBuilder } from './t5-sql-sites';

/** Where T5 looks for SQL: every package and app that runs statements (bench/ is not part of the service). */
export const SOURCES: SourceSelection = {
  roots: ['packages/db/src', 'packages/jobs/src', 'packages/core/src', 'apps/server/src', 'apps/cli/src'],
  excluded: [
    { pattern: /\.test\.ts$/, reason: 'tests' },
    { pattern: /(^|\/)testing\//, reason: 'test databases, fixtures and helpers' },
    { pattern: /^apps\/server\/src\/reliability\//, reason: 'the fault tests and the processes they spawn' },
    { pattern: /-test-kit\.ts$/, reason: 'test helpers beside the code they test' },
    { pattern: /^apps\/server\/src\/security\//, reason: 'the security tests (T1–T5) and their helpers' },
  ],
};

/** Functions that build a statement from their arguments; each call is checked as that statement. */
export const BUILDERS: readonly SqlBuilder[] = [
  {
    file: 'packages/db/src/repos/insert-rows.ts',
    name: 'insertRows',
    // insertRows(db, table, columns, rows, values): INSERT INTO table (columns) VALUES (?, …), (?, …), …
    template: ['INSERT INTO ', 1, ' (', 2, ') VALUES (?)'],
  },
];
