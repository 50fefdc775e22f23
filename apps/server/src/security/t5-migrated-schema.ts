import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@tessera/db';

/**
 * The tables and columns the migrations create, read back from a fresh SQLite database migrated with
 * `MIGRATIONS` (the M2 test holds PostgreSQL to the same tables and columns). T5 derives its set of
 * tenant-owned tables from this: every table with an `org_id` column.
 */
export async function migratedColumns(): Promise<Map<string, ReadonlySet<string>>> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-t5-'));
  const db = await openDatabase({ kind: 'sqlite', path: join(dir, 'schema.db') });
  try {
    const tables = await db.client.all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
    );
    const out = new Map<string, ReadonlySet<string>>();
    for (const { name } of tables) {
      const columns = await db.client.all<{ name: string }>('SELECT name FROM pragma_table_info(?)', [name]);
      out.set(name, new Set(columns.map((c) => c.name)));
    }
    return out;
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
