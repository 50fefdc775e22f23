import { describe, expect, it } from 'vitest';
import { openPostgres } from './postgres-client';

const url = process.env.TESSERA_PG_URL;

describe.skipIf(!url)('PostgreSQL client when the server drops a connection', () => {
  // Regression (reliability Q2): `pg_ctl stop -m immediate` killed the serve process. A pooled client that
  // is checked out has no 'error' listener (pg-pool removes its idle one), so the server's FATAL message
  // arriving between two statements of a transaction became an uncaught 'error' event.
  it('fails the transaction whose connection was terminated, without crashing the process, and recovers', async () => {
    const client = openPostgres({ url: url as string, poolSize: 2 });
    const killer = openPostgres({ url: url as string, poolSize: 1 });
    try {
      const doomed = client.transaction(async (tx) => {
        const [row] = await tx.all<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await killer.all('SELECT pg_terminate_backend(?)', [Number(row?.pid)]);
        await new Promise((resolve) => setTimeout(resolve, 300)); // the FATAL arrives while no query runs
        await tx.all('SELECT 1 AS one');
      });
      await expect(doomed).rejects.toThrow();
      expect(await client.transaction((tx) => tx.all('SELECT 1 AS ok'))).toEqual([{ ok: 1 }]);
    } finally {
      await client.close();
      await killer.close();
    }
  });
});
