import { MIGRATIONS, migrate, openPostgres, type SqlExecutor } from '@tessera/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DurablePostgres, postgresAvailable, startDurablePostgres } from '../testing/durable-postgres';
import { createIdempotencyStore } from './idempotency-store';

const required = process.env.TESSERA_REQUIRE_PG === '1';
const POLICY = { retentionMs: 24 * 3_600_000, inFlightTimeoutMs: 60_000 };
const CLAIMS = 50;

/**
 * Claims are committed asynchronously on PostgreSQL (`SqlClient.asyncCommit`): they must be durable as soon as
 * the operation they guard is, because a retry after a crash must find the claim of an effect that survived.
 * Without a durable commit after them, an immediate stop here lost 14 of 51 such rows: the stop is a real crash.
 */
describe.skipIf(!postgresAvailable() && !required)(
  'idempotency claims under asynchronous commit, PostgreSQL 15 (fsync on)',
  () => {
    let pg: DurablePostgres | undefined;
    beforeAll(async () => {
      pg = await startDurablePostgres();
    }, 120_000);
    afterAll(async () => {
      await pg?.destroy();
    });

    it('claims that a durable commit followed survive an immediate stop', async () => {
      const durable = pg as DurablePostgres;
      const client = openPostgres({ url: durable.url, poolSize: 2 });
      try {
        await migrate(client, MIGRATIONS);
        const setting = async (e: SqlExecutor) =>
          (await e.all<{ synchronous_commit: string }>('SHOW synchronous_commit'))[0]?.synchronous_commit;
        expect(await setting(client)).toBe('on');
        expect(await setting(client.asyncCommit)).toBe('off');
        const store = createIdempotencyStore(client);
        const claim = (i: number) => ({
          scope: { orgId: 'org_1', credentialId: 'key_1' },
          key: `k${i}`,
          createdAt: 1,
        });
        for (let i = 0; i < CLAIMS; i++) {
          expect(await store.claim(claim(i), `fp${i}`, POLICY)).toEqual({ claimed: true });
        }
        // The guarded operation: an ordinary (synchronous) commit after the claims.
        await client.transaction((tx) =>
          tx.run(
            `INSERT INTO idempotency_keys (org_id, credential_id, idem_key, fingerprint, status, created_at)
             VALUES ('org_1', 'key_1', 'effect', 'fp', 'in_flight', 1)`,
          ),
        );
      } finally {
        await client.close();
      }
      await durable.crash();
      await durable.start();
      const after = openPostgres({ url: durable.url, poolSize: 1 });
      try {
        const rows = await after.all<{ n: number }>(
          'SELECT count(*)::int AS n FROM idempotency_keys WHERE org_id = ?',
          ['org_1'],
        );
        expect(rows[0]?.n).toBe(CLAIMS + 1);
      } finally {
        await after.close();
      }
    }, 120_000);
  },
);
