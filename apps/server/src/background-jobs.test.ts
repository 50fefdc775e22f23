import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabases } from '@tessera/db';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { startServer } from './server';
import { TEST_SECRET_KEY } from './testing/test-app';

describe.each(testDatabases())('background jobs of `tessera serve` on $dialect', (db) => {
  it('schedules the periodic jobs; the queue tables’ VACUUM only on PostgreSQL', async () => {
    const handle = await db.open();
    const dir = mkdtempSync(join(tmpdir(), 'tessera-jobs-'));
    try {
      const { pgUrl, pgSchema } = handle.location;
      const env: Record<string, string> = {
        PORT: '0',
        TESSERA_DATA: dir,
        TESSERA_SECRET_KEY: TEST_SECRET_KEY,
      };
      if (db.dialect === 'postgres') Object.assign(env, { DATABASE_URL: pgUrl, TESSERA_PG_SCHEMA: pgSchema });
      const server = await startServer(loadConfig({ env }), { logger: false });
      try {
        const rows = await server.ctx.db.client.all<{ dedupe_key: string }>(
          "SELECT dedupe_key FROM jobs WHERE dedupe_key LIKE 'periodic:%' ORDER BY dedupe_key",
        );
        const keys = rows.map((r) => r.dedupe_key);
        expect(keys).toEqual(expect.arrayContaining(['periodic:lease-sweeper', 'periodic:webhook-fanout']));
        if (db.dialect === 'postgres') expect(keys).toContain('periodic:queue-vacuum');
        else expect(keys).not.toContain('periodic:queue-vacuum');
      } finally {
        await server.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await handle.dispose();
    }
  });
});
