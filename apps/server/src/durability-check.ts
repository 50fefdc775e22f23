import type { SqlClient } from '@tessera/db';

/** PostgreSQL settings under which a crash can lose acknowledged commits (or, for the first two, corrupt data). */
const UNSAFE = ['fsync', 'full_page_writes', 'synchronous_commit'];

/** The unsafe durability settings the connected PostgreSQL runs with (`fsync=off`, …); none on SQLite. */
export async function unsafeDurabilitySettings(client: SqlClient): Promise<string[]> {
  if (client.dialect !== 'postgres') return [];
  const rows = await client.all<{ name: string; setting: string }>(
    `SELECT name, setting FROM pg_settings WHERE name IN (${UNSAFE.map(() => '?').join(', ')}) ORDER BY name`,
    UNSAFE,
  );
  return rows.filter((r) => r.setting === 'off').map((r) => `${r.name}=off`);
}

/** `tessera serve` warns once at startup when the database cannot keep the durability the README promises. */
export async function warnIfNotDurable(
  client: SqlClient,
  log: { warn(message: string): void },
): Promise<void> {
  const unsafe = await unsafeDurabilitySettings(client);
  if (unsafe.length === 0) return;
  log.warn(
    `PostgreSQL runs with ${unsafe.join(', ')}: a crash can lose acknowledged writes${unsafe.some((s) => s !== 'synchronous_commit=off') ? ' or corrupt the database' : ''}; never run production like this`,
  );
}
