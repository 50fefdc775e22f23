import type { Migration } from './migrations/column-types';
import type { SqlClient } from './sql-client';

const LOCK_KEY = 7_317_004; // pg_advisory_xact_lock key serialising migrators of several processes

/**
 * Applies pending migrations in order, each with its bookkeeping row in one transaction, so a crash leaves
 * the database at the old or the new version (never partial). Safe to run from several processes at once.
 */
export async function migrate(client: SqlClient, migrations: readonly Migration[]): Promise<string[]> {
  await client.transaction(async (tx) => {
    if (tx.dialect === 'postgres') await tx.run(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
    await tx.run(
      'CREATE TABLE IF NOT EXISTS tessera_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)',
    );
  });
  const applied: string[] = [];
  for (const migration of migrations) {
    const done = await client.transaction(async (tx) => {
      if (tx.dialect === 'postgres') await tx.run(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
      const rows = await tx.all('SELECT name FROM tessera_migrations WHERE name = ?', [migration.name]);
      if (rows.length > 0) return false;
      for (const statement of migration.statements(tx.dialect)) await tx.run(statement);
      await tx.run('INSERT INTO tessera_migrations (name, applied_at) VALUES (?, ?)', [
        migration.name,
        Date.now(),
      ]);
      return true;
    });
    if (done) applied.push(migration.name);
  }
  return applied;
}
