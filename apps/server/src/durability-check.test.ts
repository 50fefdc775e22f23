import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabases } from '@tessera/db';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { unsafeDurabilitySettings } from './durability-check';
import { startServer } from './server';
import { TEST_SECRET_KEY } from './testing/test-app';

/** Starts `tessera serve` in-process on `db` with logs to a file; returns the warning lines it logged. */
async function startupWarnings(env: Record<string, string>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-durability-'));
  try {
    const logFile = join(dir, 'serve.log');
    const config = loadConfig({
      env: {
        PORT: '0',
        TESSERA_DATA: dir,
        TESSERA_SECRET_KEY: TEST_SECRET_KEY,
        TESSERA_RUN_JOBS: '0',
        ...env,
      },
    });
    const server = await startServer(config, { logFile });
    await server.close();
    // pino writes the file asynchronously: wait for the startup line that follows any warning.
    const deadline = Date.now() + 5_000;
    while (!readFileSync(logFile, 'utf8').includes('Server listening at') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('"level":40'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(testDatabases())('startup durability check on $dialect', (db) => {
  it('names the unsafe settings and warns once at startup', async () => {
    const handle = await db.open();
    try {
      const unsafe = await unsafeDurabilitySettings(handle.client);
      if (db.dialect === 'sqlite') {
        expect(unsafe).toEqual([]);
        expect(await startupWarnings({})).toEqual([]);
        return;
      }
      // scripts/with-postgres.sh starts the shared test server with all three off (Q2 checks a durable one);
      // another TESSERA_PG_URL may have them on, and then nothing is logged.
      for (const setting of unsafe)
        expect(['fsync=off', 'full_page_writes=off', 'synchronous_commit=off']).toContain(setting);
      const { pgUrl, pgSchema } = handle.location;
      const warnings = await startupWarnings({
        DATABASE_URL: String(pgUrl),
        TESSERA_PG_SCHEMA: String(pgSchema),
      });
      if (unsafe.length === 0) {
        expect(warnings).toEqual([]);
        return;
      }
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(`PostgreSQL runs with ${unsafe.join(', ')}`);
      expect(warnings[0]).toContain('never run production like this');
    } finally {
      await handle.dispose();
    }
  });
});
