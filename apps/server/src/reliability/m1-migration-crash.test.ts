import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  MIGRATIONS,
  migrate,
  type SqlClient,
  seededRandom,
  type TestHandle,
  testDatabases,
} from '@tessera/db';
import { describe, expect, it } from 'vitest';
import { seedFor } from './scale';
import { introspectSchema } from './schema-introspect';

const CHILD = fileURLToPath(new URL('../testing/migrate-child.ts', import.meta.url));
const SEED = seedFor(21);

/** Runs the migrator in its own process, hanging before statement `at` of `migration`; SIGKILLs it there. */
async function killMidMigration(handle: TestHandle, migration: string, at: number): Promise<void> {
  const { sqlitePath, pgUrl, pgSchema } = handle.location;
  const env = {
    ...process.env,
    MIGRATE_HANG_AT: `${migration}:${at}`,
    ...(sqlitePath
      ? { MIGRATE_SQLITE_PATH: sqlitePath }
      : { MIGRATE_PG_URL: pgUrl, MIGRATE_PG_SCHEMA: pgSchema }),
  };
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  const hanging = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the migrator never reached the hook')), 30_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
  });
  expect(JSON.parse(hanging)).toEqual({ hanging: `${migration}:${at}` });
  process.kill(child.pid as number, 'SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

async function appliedNames(client: SqlClient): Promise<string[]> {
  const rows = await client.all<{ name: string }>('SELECT name FROM tessera_migrations ORDER BY name');
  return rows.map((r) => r.name);
}

/** Rows every version keeps: an organization once the engine tables exist. */
async function seedData(client: SqlClient): Promise<void> {
  const tables = Object.keys(await introspectSchema(client));
  if (tables.includes('orgs')) {
    await client.run("INSERT INTO orgs (id, name, created_at) VALUES ('org_m1', 'kept', 1)");
  }
}

describe.each(testDatabases())('M1 SIGKILL in the middle of each migration on $dialect', (db) => {
  it(`every version to head, killed mid-migration (seed ${SEED}): old or new version, never partial; a rerun succeeds`, async () => {
    const random = seededRandom(SEED);
    for (let m = 0; m < MIGRATIONS.length; m++) {
      const migration = MIGRATIONS[m] as (typeof MIGRATIONS)[number];
      const statements = migration.statements(db.dialect).length;
      const at = statements > 1 ? 1 + Math.floor(random.next() * (statements - 1)) : 0;
      const handle = await db.open();
      try {
        await migrate(handle.client, MIGRATIONS.slice(0, m));
        await seedData(handle.client);
        const before = await introspectSchema(handle.client);
        const seeded = before.orgs ? await handle.client.all('SELECT id, name FROM orgs') : [];

        await killMidMigration(handle, migration.name, at);
        const reader = handle.reopen(); // a fresh connection sees what a restarted server would
        expect(await appliedNames(reader), `${migration.name} killed before statement ${at}`).toEqual(
          MIGRATIONS.slice(0, m).map((x) => x.name),
        );
        expect(await introspectSchema(reader)).toEqual(before);

        expect(await migrate(reader, MIGRATIONS)).toEqual(MIGRATIONS.slice(m).map((x) => x.name));
        expect(await appliedNames(reader)).toEqual(MIGRATIONS.map((x) => x.name));
        if (seeded.length > 0) expect(await reader.all('SELECT id, name FROM orgs')).toEqual(seeded);
      } finally {
        await handle.dispose();
      }
    }
  }, 120_000);
});
