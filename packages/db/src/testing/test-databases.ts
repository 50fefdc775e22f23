import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgres } from '../postgres-client';
import type { Dialect, SqlClient } from '../sql-client';
import { openSqlite } from '../sqlite-client';

export interface TestDatabase {
  readonly dialect: Dialect;
  /** Opens a fresh, empty database (a new SQLite file, or a new PostgreSQL schema). */
  open(): Promise<TestHandle>;
}

export interface TestHandle {
  readonly client: SqlClient;
  /** Opens another client on the same database (another "process" or connection pool). */
  reopen(): SqlClient;
  /** Where the data lives: the SQLite file path, or the PostgreSQL URL and schema. */
  readonly location: { readonly sqlitePath?: string; readonly pgUrl?: string; readonly pgSchema?: string };
  dispose(): Promise<void>;
}

let counter = 0;

function sqliteDatabase(): TestDatabase {
  return {
    dialect: 'sqlite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'tessera-test-'));
      const path = join(dir, 'tessera.db');
      const clients: SqlClient[] = [];
      const reopen = () => {
        const c = openSqlite({ path });
        clients.push(c);
        return c;
      };
      const client = reopen();
      return {
        client,
        reopen,
        location: { sqlitePath: path },
        async dispose() {
          for (const c of clients) await c.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  };
}

function postgresDatabase(url: string): TestDatabase {
  return {
    dialect: 'postgres',
    async open() {
      const schema = `t_${process.pid}_${Date.now().toString(36)}_${++counter}`;
      const admin = openPostgres({ url, poolSize: 1 });
      await admin.run(`CREATE SCHEMA ${schema}`);
      const clients: SqlClient[] = [];
      const reopen = () => {
        const c = openPostgres({ url, schema, poolSize: 8 });
        clients.push(c);
        return c;
      };
      const client = reopen();
      return {
        client,
        reopen,
        location: { pgUrl: url, pgSchema: schema },
        async dispose() {
          for (const c of clients) await c.close();
          await admin.run(`DROP SCHEMA ${schema} CASCADE`);
          await admin.close();
        },
      };
    },
  };
}

/**
 * The databases every database test runs against: SQLite always, PostgreSQL when TESSERA_PG_URL is set
 * (`npm test` starts one). With TESSERA_REQUIRE_PG=1 (set by `npm test` and CI) a missing URL is an error, so
 * the PostgreSQL half can never be skipped silently.
 */
export function testDatabases(): TestDatabase[] {
  const url = process.env.TESSERA_PG_URL;
  if (!url && process.env.TESSERA_REQUIRE_PG === '1') {
    throw new Error('TESSERA_PG_URL is not set: run the suite through `npm test` (it starts PostgreSQL)');
  }
  return url ? [sqliteDatabase(), postgresDatabase(url)] : [sqliteDatabase()];
}
